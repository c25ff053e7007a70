package org.editbench.inference;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.editbench.core.Reporter;

/**
 * A run-api run going on in the background, for notebooks: look at its progress while it runs,
 * collect the per-combination statistics when it ends, or cancel it (what was answered stays
 * saved).
 */
public final class RunHandle {
  private final AtomicReference<Combination> current = new AtomicReference<>();
  private final AtomicReference<Progress> latest = new AtomicReference<>();
  private final CompletableFuture<List<RunStats>> result = new CompletableFuture<>();
  private final Thread thread;

  private RunHandle(RunApiOptions options, Reporter reporter, RunObserver observer) {
    RunObserver tracking = new Tracking(current, latest, observer);
    thread =
        new Thread(
            () -> {
              try {
                result.complete(RunApi.run(options, reporter, tracking));
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "run-api");
    thread.setDaemon(true);
  }

  /**
   * Passes every call on to the caller's observer, noting the combination and progress this handle
   * reports; a method RunObserver gains must be passed on here too (a test checks them all).
   */
  static final class Tracking implements RunObserver {
    private final AtomicReference<Combination> current;
    private final AtomicReference<Progress> latest;
    private final RunObserver observer;

    Tracking(
        AtomicReference<Combination> current,
        AtomicReference<Progress> latest,
        RunObserver observer) {
      this.current = current;
      this.latest = latest;
      this.observer = observer;
    }

    @Override
    public void planned(List<Combination> combinations, int instances) {
      observer.planned(combinations, instances);
    }

    @Override
    public void counting(Combination combination, int counted, int total) {
      observer.counting(combination, counted, total);
    }

    @Override
    public void started(Combination combination, FilterStats stats) {
      current.set(combination);
      latest.set(null);
      observer.started(combination, stats);
    }

    @Override
    public void progress(Combination combination, Progress progress) {
      latest.set(progress);
      observer.progress(combination, progress);
    }

    @Override
    public void finished(RunStats stats) {
      observer.finished(stats);
    }
  }

  /** Starts {@code options} on a background thread. */
  public static RunHandle start(RunApiOptions options, Reporter reporter, RunObserver observer) {
    RunHandle handle = new RunHandle(options, reporter, observer);
    handle.thread.start();
    return handle;
  }

  /** The combination being run; null before the first one starts. */
  public Combination currentCombination() {
    return current.get();
  }

  /** The current combination's latest progress; null before its first finished instance. */
  public Progress latestProgress() {
    return latest.get();
  }

  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Waits for the end and returns one {@link RunStats} per combination, or throws what stopped the
   * run.
   */
  public List<RunStats> await() throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops sending requests; records already written stay, the next run resumes from them. */
  public void cancel() {
    thread.interrupt();
  }
}
