package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** A request's failure in words, with the limit that was actually reached. */
class RequestFailuresTest {
  private static final OkHttpClient CLIENT =
      new OkHttpClient.Builder()
          .callTimeout(Duration.ofSeconds(600))
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  @Test
  void timeoutsNameTheLimitReached() {
    assertEquals(
        "cannot connect (no connection within 30 s)",
        RequestFailures.of(new SocketTimeoutException("Connect timed out"), CLIENT).reason());
    assertEquals(
        "timeout (no answer within 600 s, --timeout)",
        RequestFailures.of(new SocketTimeoutException("timeout"), CLIENT).reason());
  }

  @Test
  void connectionFailuresAreSaidWithoutJavaClassNames() {
    assertEquals(
        "cannot connect (connection refused: 127.0.0.1:1)",
        RequestFailures.of(new ConnectException("Failed to connect to /127.0.0.1:1"), CLIENT)
            .reason());
    assertEquals(
        "connection failed (the server reset the connection)",
        RequestFailures.of(new SocketException("Connection reset"), CLIENT).reason());
  }
}
