package org.editbench.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import okhttp3.OkHttpClient;
import org.editbench.core.JsonTrees;

/**
 * A request that got no usable answer, as a retryable outcome whose reason a user reads in a
 * warning and in the prediction file's {@code error}: what happened in words, not the Java
 * exception that said it. One reading for direct requests and batch calls alike.
 */
final class RequestFailures {
  private RequestFailures() {}

  /**
   * The outcome of {@code e}, thrown by a call of {@code client} (whose timeouts it names; null for
   * an answer that was read but is not JSON); the caller has checked that the thread was not
   * interrupted (a cancelled run is no failure).
   */
  static Outcome.Retryable of(IOException e, OkHttpClient client) {
    if (e instanceof JsonProcessingException json) {
      return new Outcome.Retryable("unparseable answer: " + JsonTrees.problem(json), null);
    }
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof UnknownHostException) {
      return new Outcome.Retryable(
          Outcome.Retryable.CANNOT_CONNECT + " (" + describe(e) + ")", null);
    }
    if (e instanceof InterruptedIOException) {
      // A connection not made within the connect timeout (at most 30 s, whatever --timeout says)
      // is a server that cannot be reached; an answer not given within --timeout, a slow one.
      boolean connecting =
          String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
      if (connecting) {
        return new Outcome.Retryable(
            Outcome.Retryable.CANNOT_CONNECT
                + " (no connection within "
                + seconds(client == null ? 0 : client.connectTimeoutMillis())
                + ")",
            null);
      }
      return new Outcome.Retryable(
          "timeout (no answer within "
              + seconds(client == null ? 0 : client.callTimeoutMillis())
              + ", --timeout)",
          null);
    }
    return new Outcome.Retryable("connection failed (" + describe(e) + ")", null);
  }

  /** What {@code e} says happened, in words. */
  private static String describe(IOException e) {
    String message = e.getMessage();
    if (e instanceof UnknownHostException) {
      return "unknown host " + message;
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host" + (message != null ? ": " + message : "");
    }
    if (e instanceof ConnectException) {
      // OkHttp: "Failed to connect to /127.0.0.1:1"
      return "connection refused"
          + (message != null ? ": " + message.replaceFirst("^Failed to connect to /?", "") : "");
    }
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    if (message.startsWith("Too many follow-up requests")) {
      return "too many redirects (" + message.substring(message.lastIndexOf(' ') + 1) + ")";
    }
    if (message.equals("unexpected end of stream") || message.startsWith("\\n not found")) {
      return "the connection closed before the answer's end";
    }
    if (e instanceof SocketException && message.equalsIgnoreCase("Connection reset")) {
      return "the server reset the connection";
    }
    if (message.startsWith("ID1ID2")) {
      return "the answer says it is gzip-compressed but is not";
    }
    return message;
  }

  private static String seconds(long millis) {
    return millis >= 1000 && millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
