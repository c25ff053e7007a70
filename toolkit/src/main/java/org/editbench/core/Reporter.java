package org.editbench.core;

import java.io.PrintStream;

/**
 * Where long-running work tells what it is doing: warnings a user must see, progress, notes. The
 * CLI prints them; a notebook may collect them; tests assert on them.
 */
public interface Reporter {
  void warn(String message);

  void info(String message);

  /** Progress of a task: {@code done} of {@code total} units. */
  default void progress(String task, long done, long total) {}

  /**
   * Of the units the next {@link #progress} report adds, {@code units} were found done (kept by an
   * earlier run of a resumed task), not done now: a display leaves them out of its rate.
   */
  default void foundDone(long units) {}

  /**
   * This reporter without the notes: warnings and progress only. For work whose caller says itself
   * what the work did (the pipeline's stage lines).
   */
  default Reporter withoutNotes() {
    return forwarding(this, false, null);
  }

  /**
   * This reporter with every task's progress reported as {@code task}'s: for work that is one part
   * of a larger one (a bench file of the pipeline's build), so that its progress names the part.
   */
  default Reporter withProgressAs(String task) {
    return forwarding(this, true, task);
  }

  /**
   * {@code all}'s warnings, its notes when {@code notes}, and its progress, under {@code task}'s
   * name unless that is null.
   */
  private static Reporter forwarding(Reporter all, boolean notes, String task) {
    return new Reporter() {
      @Override
      public void warn(String message) {
        all.warn(message);
      }

      @Override
      public void info(String message) {
        if (notes) {
          all.info(message);
        }
      }

      @Override
      public void progress(String ownTask, long done, long total) {
        all.progress(task != null ? task : ownTask, done, total);
      }

      @Override
      public void foundDone(long units) {
        all.foundDone(units);
      }
    };
  }

  /** Prints to a stream (the CLI uses standard error, keeping standard output for results). */
  static Reporter printingTo(PrintStream out) {
    return new Reporter() {
      @Override
      public void warn(String message) {
        out.println("warning: " + message);
      }

      @Override
      public void info(String message) {
        out.println(message);
      }
    };
  }

  /** Drops everything. */
  Reporter SILENT =
      new Reporter() {
        @Override
        public void warn(String message) {}

        @Override
        public void info(String message) {}
      };
}
