package org.editbench.inference;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.editbench.core.Reporter;

/**
 * Counts a run's retries, and says when one waits long: a server that asks for 20 s (Retry-After),
 * or back-off after repeated failures, otherwise froze the progress with nothing to explain it. At
 * most one such note every {@link #NOTE_INTERVAL}, however many workers wait.
 */
final class RetryNotices implements RetryingBackend.RetryListener {
  /** Shorter waits pass unremarked. */
  static final Duration LONG_WAIT = Duration.ofSeconds(5);

  static final Duration NOTE_INTERVAL = Duration.ofSeconds(10);

  private static final long NONE = Long.MIN_VALUE;

  private final Reporter reporter;
  private final int maxRetries;
  private final UnaryOperator<String> redact;
  private final AtomicInteger retries = new AtomicInteger();

  /** When the last note was made ({@link System#nanoTime}); none yet at its initial value. */
  private final AtomicLong lastNote = new AtomicLong(NONE);

  /**
   * @param redact masks API keys in the server's reason
   */
  RetryNotices(Reporter reporter, int maxRetries, UnaryOperator<String> redact) {
    this.reporter = reporter;
    this.maxRetries = maxRetries;
    this.redact = redact;
  }

  @Override
  public void retrying(InferenceRequest request, int retry, Duration delay, String reason) {
    int count = retries.incrementAndGet();
    if (delay.compareTo(LONG_WAIT) < 0) {
      return;
    }
    long now = System.nanoTime();
    long last = lastNote.get();
    if (last != NONE && now - last < NOTE_INTERVAL.toNanos()
        || !lastNote.compareAndSet(last, now)) {
      return;
    }
    reporter.warn(
        request.instanceId()
            + " waits "
            + delay.toSeconds()
            + " s before retry "
            + retry
            + " of "
            + maxRetries
            + " ("
            + redact.apply(reason)
            + "); "
            + count
            + " retries in this run so far");
  }

  /** How many retries there were. */
  int count() {
    return retries.get();
  }
}
