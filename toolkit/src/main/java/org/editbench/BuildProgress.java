package org.editbench;

import org.editbench.core.Reporter;
import org.editbench.progress.ProgressTracker;

/**
 * prompt-builder's per-instance progress of one bench file, counted into a tracker that spans
 * several (a workspace builds every repository's bench in one progress display); warnings pass on,
 * notes are left to the display.
 */
final class BuildProgress implements Reporter {
  private final ProgressTracker tracker;
  private final Reporter warnings;
  private long done;

  BuildProgress(ProgressTracker tracker, Reporter warnings) {
    this.tracker = tracker;
    this.warnings = warnings;
  }

  @Override
  public void warn(String message) {
    warnings.warn(message);
  }

  @Override
  public void info(String message) {}

  @Override
  public void progress(String task, long doneNow, long total) {
    tracker.advance(doneNow - done, 0, 0);
    done = doneNow;
  }
}
