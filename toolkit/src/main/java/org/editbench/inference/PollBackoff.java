package org.editbench.inference;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The waits between a waiting batch run's looks at its batches: the initial interval, half as long
 * again for each look in a row that saw no change, never longer than the maximum. A change starts
 * over from the initial interval, since one change tends to be followed by others.
 */
final class PollBackoff {
  private final Duration initial;
  private final Duration max;
  private final Sleeper sleeper;
  private int quietPasses;

  PollBackoff(Duration initial, Duration max, Sleeper sleeper) {
    this.initial = initial;
    this.max = max;
    this.sleeper = sleeper;
  }

  /**
   * Waits before the next look, after one that {@code changed} something or not.
   *
   * @throws CancellationException when interrupted; the batches run on at the provider
   */
  void waitAfter(boolean changed) {
    quietPasses = changed ? 0 : quietPasses + 1;
    double factor = Math.pow(1.5, Math.min(quietPasses, 30));
    long nanos = (long) Math.min(initial.toNanos() * factor, max.toNanos());
    try {
      sleeper.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(
          "stopped waiting for batches; they run on at the provider, and running the"
              + " same command again collects them");
    }
  }
}
