package org.editbench.inference;

import java.time.Duration;

/** Where a combination's run stands: counts, money spent, speed. */
public record Progress(
    int done, int total, int succeeded, int failed, double cost, int retries, Duration elapsed) {
  /** Finished requests per second so far. */
  public double ratePerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }

  /** Time left at the rate so far; null before the first finished request. */
  public Duration eta() {
    double rate = ratePerSecond();
    return rate <= 0 ? null : Duration.ofMillis((long) ((total - done) / rate * 1000));
  }

  public double fraction() {
    return total == 0 ? 1 : (double) done / total;
  }
}
