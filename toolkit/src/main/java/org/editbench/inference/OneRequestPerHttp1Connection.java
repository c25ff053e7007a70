package org.editbench.inference;

import java.io.IOException;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Asks an HTTP/1.x server to close each connection after its answer, so that no request is sent on
 * a connection the server may already have closed. Servers close idle keep-alive connections when
 * they like (an HTTP/1.0 server after every answer, uvicorn after 5 idle seconds), and a request
 * written to a closed connection fails in a way that cannot tell whether the server got it:
 * resending it silently could pay for an answer twice, and counting it as a failure failed healthy
 * requests and backed off between them. A fresh connection costs a local server next to nothing;
 * over TLS it costs a TCP and TLS handshake (two or three round trips, and a proxy's CONNECT),
 * beside answers that take seconds. HTTP/2 connections (the hosted APIs') stay pooled: they
 * announce their end before it comes.
 */
final class OneRequestPerHttp1Connection implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Connection connection = chain.connection();
    boolean http1 =
        connection != null
            && (connection.protocol() == Protocol.HTTP_1_1
                || connection.protocol() == Protocol.HTTP_1_0);
    return chain.proceed(
        http1
            ? chain.request().newBuilder().header("Connection", "close").build()
            : chain.request());
  }
}
