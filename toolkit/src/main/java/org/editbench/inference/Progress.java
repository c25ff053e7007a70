package org.editbench.inference;

import java.time.Duration;

/**
 * Where a combination's run stands: counts, money spent, speed.
 *
 * @param done requests finished, in this process or before it
 * @param foundDone of {@code done}, those this process found finished rather than waited for: what
 *     the provider had done in a resumed batch run's batches before it started. They move the count
 *     but not the rate, so that a resumed run's time left is not measured by work done earlier.
 */
public record Progress(
    int done,
    int foundDone,
    int total,
    int succeeded,
    int failed,
    double cost,
    int retries,
    Duration elapsed) {
  /**
   * Requests finished per second by this process so far; never below 0, though {@code done} may
   * fall below {@code foundDone} (a batch's failures counted at the first look are asked again).
   */
  public double ratePerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : Math.max(0, done - foundDone) / seconds;
  }

  /**
   * Time left at the rate so far: 0 once everything is done (a resumed batch run may find it all
   * done at once), null before the first request this process saw finish.
   */
  public Duration eta() {
    if (done >= total) {
      return Duration.ZERO;
    }
    double rate = ratePerSecond();
    return rate <= 0 ? null : Duration.ofMillis((long) ((total - done) / rate * 1000));
  }

  public double fraction() {
    return total == 0 ? 1 : (double) done / total;
  }
}
