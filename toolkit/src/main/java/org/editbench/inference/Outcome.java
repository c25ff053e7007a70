package org.editbench.inference;

import java.io.IOException;
import java.time.Duration;

/** What one attempt (or one retried series of attempts) at a request came to. */
public sealed interface Outcome {
  /** The model answered. */
  record Success(Completion completion) implements Outcome {}

  /**
   * Worth trying again: rate limit, server error, connection failure, timeout, unusable body.
   *
   * @param retryAfter what the server asked us to wait ({@code Retry-After}), or null
   */
  record Retryable(String reason, Duration retryAfter) implements Outcome {
    /** How {@link #cannotConnect} reasons begin, which {@link ResultRecord#unreachable()} tells. */
    static final String CANNOT_CONNECT = "cannot connect";

    /** No connection could be made: refused, no route, or a host name that does not resolve. */
    static Retryable cannotConnect(IOException e) {
      return new Retryable(CANNOT_CONNECT + " (" + e + ")", null);
    }
  }

  /** The prompt is longer than the model takes: trim it and ask again. */
  record ContextExceeded(String message) implements Outcome {}

  /** Refused for good (a 4xx other than rate limit and context length): record it, do not retry. */
  record Rejected(int status, String message) implements Outcome {}
}
