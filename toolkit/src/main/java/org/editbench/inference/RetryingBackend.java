package org.editbench.inference;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;

/**
 * Retries the {@link Outcome.Retryable} outcomes of another backend under a {@link RetryPolicy};
 * returns the first other outcome, or the last retryable one when the retries are used up.
 */
public final class RetryingBackend implements ModelBackend {
  /** Told about each retry before its wait, e.g. to count retries. */
  @FunctionalInterface
  public interface RetryListener {
    void retrying(InferenceRequest request, int retry, Duration delay, String reason);
  }

  private final ModelBackend delegate;
  private final RetryPolicy policy;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final RetryListener listener;

  public RetryingBackend(
      ModelBackend delegate,
      RetryPolicy policy,
      RandomGenerator random,
      Sleeper sleeper,
      RetryListener listener) {
    this.delegate = delegate;
    this.policy = policy;
    this.random = random;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  @Override
  public Outcome attempt(InferenceRequest request) {
    for (int retry = 1; ; retry++) {
      Outcome outcome = delegate.attempt(request);
      if (!(outcome instanceof Outcome.Retryable failure) || retry > policy.maxRetries()) {
        return outcome;
      }
      Duration delay = policy.delay(retry, failure.retryAfter(), random);
      listener.retrying(request, retry, delay, failure.reason());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("cancelled while waiting to retry " + request.instanceId());
      }
    }
  }
}
