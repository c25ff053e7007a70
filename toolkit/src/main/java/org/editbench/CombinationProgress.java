package org.editbench;

import java.util.List;
import org.editbench.inference.Combination;
import org.editbench.inference.FilterStats;
import org.editbench.inference.Progress;
import org.editbench.inference.RunObserver;
import org.editbench.progress.ProgressTracker;

/**
 * run-api's per-combination progress, counted into one tracker for the whole run: its total is
 * every combination's instances from the start, less those each combination's filter leaves out as
 * it starts (already done, over the token limit), so the bar and its ETA span the whole run.
 */
final class CombinationProgress implements RunObserver {
  private final String task;
  private final ProgressTracker tracker;
  private Progress last;

  CombinationProgress(String task, ProgressTracker tracker) {
    this.task = task;
    this.tracker = tracker;
  }

  @Override
  public void counting(Combination combination, int counted, int total) {
    tracker.task(label(combination) + " · counting prompt tokens, " + counted + "/" + total);
  }

  @Override
  public void planned(List<Combination> combinations, int instances) {
    tracker.addTotal(instances);
  }

  @Override
  public void started(Combination combination, FilterStats stats) {
    last = null;
    tracker.task(label(combination));
    tracker.addTotal(stats.toRun() - stats.total());
  }

  private String label(Combination combination) {
    return task + " · " + combination.datasetName() + " " + combination.runId();
  }

  @Override
  public void progress(Combination combination, Progress now) {
    if (last == null) {
      tracker.foundDone(now.foundDone());
    }
    tracker.advance(
        now.done() - (last == null ? 0 : last.done()),
        now.failed() - (last == null ? 0 : last.failed()),
        now.cost() - (last == null ? 0 : last.cost()));
    last = now;
  }
}
