package org.editbench.inference;

import java.io.PrintWriter;
import org.editbench.core.Reporter;

/**
 * Prints a run for a person: statistics and summaries on {@code out}; progress, warnings and notes
 * on {@code err}. On a terminal the progress is one bar redrawn in place (at most 10 times a
 * second); elsewhere (a log file, a notebook) a line at each 5 %. Counting a combination's prompt
 * tokens, when it lasts, is shown the same way, a line a second.
 */
public final class ConsoleRunObserver implements RunObserver, Reporter {
  private static final int BAR_WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int STEPS = 20; // a line per 5 %

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private long lastDraw;
  private int lastStep;
  private boolean barShown;

  /**
   * @param terminal draw a bar in place (the CLI passes whether standard error is a terminal)
   */
  public ConsoleRunObserver(PrintWriter out, PrintWriter err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void counting(Combination combination, int counted, int total) {
    String line = RunReport.countingLine(combination, counted, total);
    if (terminal) {
      err.print("\r" + line + "\u001b[K");
      barShown = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  @Override
  public synchronized void started(Combination combination, FilterStats stats) {
    clearBar();
    RunReport.filterLines(combination, stats).forEach(out::println);
    out.flush();
    lastStep = 0;
    lastDraw = 0;
  }

  @Override
  public synchronized void progress(Combination combination, Progress progress) {
    if (terminal) {
      long now = System.nanoTime();
      if (progress.done() == progress.total() || now - lastDraw >= REDRAW_NANOS) {
        err.print("\r" + RunReport.progressBar(combination, progress, BAR_WIDTH) + "\u001b[K");
        err.flush();
        lastDraw = now;
        barShown = true;
      }
      return;
    }
    int step = (int) Math.floor(progress.fraction() * STEPS);
    if (step > lastStep || progress.done() == progress.total()) {
      lastStep = step;
      err.println(RunReport.progressLine(combination, progress));
      err.flush();
    }
  }

  @Override
  public synchronized void finished(RunStats stats) {
    clearBar();
    RunReport.summaryLines(stats).forEach(out::println);
    out.flush();
  }

  @Override
  public synchronized void warn(String message) {
    clearBar();
    err.println("warning: " + message);
    err.flush();
  }

  @Override
  public synchronized void info(String message) {
    clearBar();
    err.println(message);
    err.flush();
  }

  /**
   * Ends the bar's line so that the next output starts on its own line; the bar comes back on the
   * next redraw.
   */
  private void clearBar() {
    if (barShown) {
      err.println();
      barShown = false;
      lastDraw = 0;
    }
  }
}
