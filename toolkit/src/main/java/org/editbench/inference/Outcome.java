package org.editbench.inference;

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
    /**
     * How the reasons of requests that could not connect begin ({@link RequestFailures}), which
     * {@link ResultRecord#unreachable()} tells.
     */
    static final String CANNOT_CONNECT = "cannot connect";
  }

  /** The prompt is longer than the model takes: trim it and ask again. */
  record ContextExceeded(String message) implements Outcome {}

  /** Refused for good (a 4xx other than rate limit and context length): record it, do not retry. */
  record Rejected(int status, String message) implements Outcome {}
}
