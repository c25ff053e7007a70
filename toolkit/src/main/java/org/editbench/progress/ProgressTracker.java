package org.editbench.progress;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.editbench.progress.ProgressSnapshot.State;

/**
 * Counts a long task's progress and tells a {@link ProgressListener} at each change: what
 * prompt-builder, run-api and batch runs report, whatever shows it. Thread-safe; the listener is
 * called under this tracker's lock, so it sees snapshots one at a time and in order.
 */
public final class ProgressTracker {
  private final ProgressListener listener;
  private final LongSupplier nanoClock;
  private final long start;
  private String task;
  private long done;
  private long foundDone;
  private long total;
  private long failures;
  private double cost;
  private State state = State.RUNNING;
  private final boolean endsUnseenUnlessShown;
  private boolean shown;

  public ProgressTracker(String task, ProgressListener listener) {
    this(task, listener, System::nanoTime);
  }

  ProgressTracker(String task, ProgressListener listener, LongSupplier nanoClock) {
    this(task, listener, nanoClock, false);
  }

  ProgressTracker(
      String task,
      ProgressListener listener,
      LongSupplier nanoClock,
      boolean endsUnseenUnlessShown) {
    this.endsUnseenUnlessShown = endsUnseenUnlessShown;
    this.task = task;
    this.listener = listener;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  /**
   * A tracker that shows itself where {@link ProgressViews} finds a place (a notebook cell), else
   * nowhere.
   */
  public static ProgressTracker open(String task) {
    return new ProgressTracker(task, ProgressViews.open(task));
  }

  /**
   * Like {@link #open}, for work that often has nothing to count (a summary whose scores are all
   * reused): the view shows once there is something to count, and work that ends before that leaves
   * nothing behind — no display of an empty bar after every quick call.
   */
  public static ProgressTracker openOnceCounting(String task) {
    return new ProgressTracker(task, ProgressViews.open(task), System::nanoTime, true);
  }

  /** Renames the task (e.g. the combination now running) and shows the change. */
  public synchronized void task(String value) {
    task = value;
    publish();
  }

  /** Adds work discovered on the way: the next combination's instances, say. */
  public synchronized void addTotal(long units) {
    total += units;
    publish();
  }

  /** Counts {@code units} done, {@code failed} of them failures, costing {@code usd}. */
  public synchronized void advance(long units, long failed, double usd) {
    done += units;
    failures += failed;
    cost += usd;
    publish();
  }

  /**
   * Says that {@code units} of the units counted next were found done, not done now (records an
   * earlier run kept): they move the bar as any others, but not the rate, so that a resumed task's
   * time left is not the time its kept part took.
   */
  public synchronized void foundDone(long units) {
    foundDone += units;
  }

  public synchronized void finished(String note) {
    end(State.FINISHED, note);
  }

  public synchronized void interrupted(String note) {
    end(State.INTERRUPTED, note);
  }

  public synchronized void failed(String note) {
    end(State.FAILED, note);
  }

  public synchronized ProgressSnapshot snapshot() {
    return new ProgressSnapshot(
        task,
        done,
        foundDone,
        total,
        failures,
        cost,
        Duration.ofNanos(nanoClock.getAsLong() - start),
        state,
        "");
  }

  /**
   * Runs {@code work} and ends the display with its outcome: finished, interrupted (the thread was
   * interrupted — a kernel interrupt — or the work was cancelled: {@code resumeNote} says what was
   * kept and how to go on) or failed. What the work throws is rethrown, and says what went wrong.
   */
  public <T> T run(Supplier<T> work, String resumeNote) {
    try {
      T result = work.get();
      finished("");
      return result;
    } catch (CancellationException e) {
      interrupted(resumeNote);
      throw e;
    } catch (RuntimeException | Error e) {
      if (Thread.currentThread().isInterrupted()) {
        interrupted(resumeNote);
      } else {
        failed(""); // the error follows the display, in the cell's output, once
      }
      throw e;
    }
  }

  private void end(State ended, String note) {
    if (state.ended()) {
      return;
    }
    state = ended;
    if (endsUnseenUnlessShown && !shown) {
      return;
    }
    ProgressSnapshot last = snapshot();
    listener.update(
        new ProgressSnapshot(
            last.task(),
            last.done(),
            last.foundDone(),
            last.total(),
            last.failures(),
            last.cost(),
            last.elapsed(),
            ended,
            note));
  }

  private void publish() {
    if (!state.ended()) {
      shown = true;
      listener.update(snapshot());
    }
  }
}
