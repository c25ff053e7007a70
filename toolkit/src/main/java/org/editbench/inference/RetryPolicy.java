package org.editbench.inference;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a retryable failure is tried again: exponential back-off with jitter
 * (so that 64 workers hit by the same rate limit do not come back in lock-step), never sooner than
 * the server's {@code Retry-After}, up to {@code maxRetries} retries after the first attempt.
 *
 * @param initialBackoff the back-off before the first retry; it doubles with each further one
 * @param maxBackoff the longest back-off of our own choosing
 * @param maxRetryAfter the longest {@code Retry-After} honoured (a server asking for an hour gets
 *     this)
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
  public static final int DEFAULT_MAX_RETRIES = 5;

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException(
          "--max-retries (maxRetries) must be 0 or more, found " + maxRetries);
    }
    if (initialBackoff.isNegative()
        || maxBackoff.compareTo(initialBackoff) < 0
        || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("back-off durations must satisfy 0 <= initial <= max");
    }
  }

  /** 1 s doubling up to 60 s; a {@code Retry-After} of up to 10 minutes is honoured. */
  public static RetryPolicy defaults(int maxRetries) {
    return new RetryPolicy(
        maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10));
  }

  /**
   * The wait before retry number {@code retry} (1-based): the capped exponential back-off drawn
   * uniformly from its upper half ("equal jitter": never shorter than half, so back-off still
   * grows), or the server's {@code retryAfter} (capped) when that is longer.
   */
  public Duration delay(int retry, Duration retryAfter, RandomGenerator random) {
    long cap = maxBackoff.toNanos();
    long exponential = initialBackoff.toNanos();
    for (int i = 1; i < retry && exponential < cap; i++) {
      exponential *= 2;
    }
    exponential = Math.min(exponential, cap);
    long half = exponential / 2;
    long jittered = half + (long) (random.nextDouble() * (exponential - half));
    long serverAsked =
        retryAfter == null ? 0 : Math.min(retryAfter.toNanos(), maxRetryAfter.toNanos());
    return Duration.ofNanos(Math.max(jittered, serverAsked));
  }
}
