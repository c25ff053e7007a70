package org.editbench;

import org.editbench.core.Reporter;
import org.editbench.progress.ProgressTracker;

/**
 * A stage's progress reports counted into a tracker that may span several stages (a workspace
 * builds every repository's bench in one progress display); warnings pass on, notes are left to the
 * display.
 */
final class TrackerReporter implements Reporter {
  private final ProgressTracker tracker;
  private final Reporter warnings;
  private final boolean addsTotals;
  private long done;
  private long total;

  private TrackerReporter(ProgressTracker tracker, Reporter warnings, boolean addsTotals) {
    this.tracker = tracker;
    this.warnings = warnings;
    this.addsTotals = addsTotals;
  }

  /** Counts what the stage has done into a tracker that was told the total beforehand. */
  static TrackerReporter counting(ProgressTracker tracker, Reporter warnings) {
    return new TrackerReporter(tracker, warnings, false);
  }

  /**
   * Counts what the stage has done and adds the totals it reports: for a stage whose size only it
   * knows (the prediction files whose scores cannot be reused). A stage that reports nothing leaves
   * the tracker untouched, so its display never shows.
   */
  static TrackerReporter countingAndSizing(ProgressTracker tracker, Reporter warnings) {
    return new TrackerReporter(tracker, warnings, true);
  }

  @Override
  public void warn(String message) {
    warnings.warn(message);
  }

  @Override
  public void info(String message) {}

  @Override
  public void foundDone(long units) {
    tracker.foundDone(units);
  }

  @Override
  public void progress(String task, long doneNow, long totalNow) {
    if (addsTotals && totalNow != total) {
      tracker.addTotal(totalNow - total);
      total = totalNow;
    }
    tracker.advance(doneNow - done, 0, 0);
    done = doneNow;
  }
}
