package org.editbench.progress;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a long task stands, as a display shows it: units done of the total, failures among them,
 * money spent, time taken, and whether it is still running.
 *
 * @param task what runs, e.g. {@code run-api gold · acme/inventory 0.2}
 * @param foundDone units of {@code done} found done rather than done now (what an earlier run of a
 *     resumed task kept): the bar counts them, the rate and the time left do not
 * @param total units known so far (it may grow while work is discovered, e.g. one run-api
 *     combination after another)
 * @param failures units done that failed
 * @param cost US dollars spent so far; 0 for work that costs nothing
 * @param note how it ended, in words (what to do after an interruption); empty while running
 */
public record ProgressSnapshot(
    String task,
    long done,
    long foundDone,
    long total,
    long failures,
    double cost,
    Duration elapsed,
    State state,
    String note) {
  public enum State {
    RUNNING,
    FINISHED,
    INTERRUPTED,
    FAILED;

    public boolean ended() {
      return this != RUNNING;
    }
  }

  /** Done over total; 1 for a task with nothing to do. */
  public double fraction() {
    return total <= 0 ? 1 : Math.min(1, (double) done / total);
  }

  /** Units done per second so far, those found done left out. */
  public double ratePerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : Math.max(0, done - foundDone) / seconds;
  }

  /** Time left at the rate so far; empty before the first unit is done or once the task ended. */
  public Optional<Duration> eta() {
    double rate = ratePerSecond();
    if (state.ended() || rate <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) (Math.max(0, total - done) / rate * 1000)));
  }
}
