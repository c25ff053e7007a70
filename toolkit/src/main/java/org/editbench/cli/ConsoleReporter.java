package org.editbench.cli;

import java.io.PrintWriter;
import org.editbench.core.Reporter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints warnings and notes to a command's error stream (standard error, unless the command line
 * was given another), and progress as a bar redrawn in place on a terminal or as a line every 5 %
 * otherwise (CI logs stay readable).
 */
final class ConsoleReporter implements Reporter {
  private final PrintWriter err;
  private final boolean terminal;
  private long lastPercentPrinted = -1;
  private boolean barOnScreen;

  ConsoleReporter(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** For {@code spec}'s command: its error stream, a bar when standard error is a terminal. */
  static ConsoleReporter of(CommandSpec spec) {
    return new ConsoleReporter(spec.commandLine().getErr(), Terminal.isStandardError());
  }

  @Override
  public synchronized void warn(String message) {
    endBar();
    err.println("warning: " + message);
    err.flush();
  }

  @Override
  public synchronized void info(String message) {
    endBar();
    err.println(message);
    err.flush();
  }

  @Override
  public synchronized void progress(String task, long done, long total) {
    if (total <= 0) {
      return;
    }
    long percent = done * 100 / total;
    if (terminal) {
      int width = 30;
      int filled = (int) (done * width / total);
      err.print(
          "\r"
              + task
              + " ["
              + "#".repeat(filled)
              + " ".repeat(width - filled)
              + "] "
              + done
              + "/"
              + total
              + " ("
              + percent
              + "%)");
      barOnScreen = done < total;
      if (!barOnScreen) {
        err.println();
      }
    } else if (percent / 5 != lastPercentPrinted / 5 || done == total) {
      if (percent != lastPercentPrinted) {
        err.println(task + ": " + done + "/" + total + " (" + percent + "%)");
      }
    }
    lastPercentPrinted = percent;
    err.flush();
  }

  private void endBar() {
    if (barOnScreen) {
      err.println();
      barOnScreen = false;
    }
  }
}
