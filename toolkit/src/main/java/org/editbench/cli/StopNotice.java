package org.editbench.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.editbench.core.JsonlAppender;
import org.editbench.core.Reporter;
import org.editbench.inference.Combination;
import org.editbench.inference.FilterStats;
import org.editbench.inference.Progress;
import org.editbench.inference.RunObserver;
import org.editbench.inference.RunStats;
import org.editbench.notebook.NotebookRunner;

/**
 * What {@code editbench} says when SIGINT (Ctrl-C) or SIGTERM stops it: one line with what was
 * written, what is left and the command that resumes. It runs as a shutdown hook, so the JVM still
 * exits with 130 or 143; before it prints, every JSONL output is stopped after its write in
 * progress ({@link JsonlAppender#stopAll()}), so the files hold whole lines only.
 */
final class StopNotice {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,@%+-]+");

  private static volatile String task;
  private static volatile long done;
  private static volatile long total;

  /** What a run-api run has left, once one is observed; it then speaks for the progress above. */
  private static volatile RunLeft runLeft;

  private volatile boolean finished;

  private StopNotice() {}

  /**
   * Installs the notice for a command line; {@link #finished()} before a normal exit keeps it
   * quiet.
   */
  static StopNotice install(String[] args, PrintStream err) {
    StopNotice notice = new StopNotice();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (notice.finished) {
                    return;
                  }
                  // Outputs first, a notebook's cells' included: whole lines only.
                  List<JsonlAppender.Written> written = JsonlAppender.stopAll();
                  boolean notebook = notebookStopped(err);
                  if (!notebook || written.stream().anyMatch(w -> w.lines() > 0)) {
                    err.println(message(written, notebook ? null : left(), args));
                  }
                  err.flush();
                  if (notebook && stoppingSignal() == null) {
                    // A cell's System.exit: never exit 0 with cells left unrun. Last, as it cuts
                    // the other hooks short.
                    Runtime.getRuntime().halt(1);
                  }
                },
                "editbench-stop-notice"));
    return notice;
  }

  /**
   * For {@code notebook run}: when a cell was running, the notebook is written up to it and the
   * line says which cell and why. A cell that called {@code System.exit} ends the command with exit
   * 1 (see {@link #install}), whatever status it gave: the cells after it did not run, and a status
   * of 0 would hide that.
   *
   * @return whether a notebook's cell was running (and the notice is said)
   */
  private static boolean notebookStopped(PrintStream err) {
    String signal = stoppingSignal();
    String why =
        signal != null
            ? "stopped by " + signal + " while this cell ran"
            : "this cell ended the Java process (System.exit)";
    Optional<String> cell;
    try {
      cell = NotebookRunner.saveStopped(why);
    } catch (RuntimeException | LinkageError e) {
      err.println("stopped while a notebook's cell ran; the notebook could not be written: " + e);
      return true;
    }
    if (cell.isEmpty()) {
      return false;
    }
    err.println(
        (signal != null ? "stopped by " + signal : "a cell called System.exit")
            + " in "
            + cell.get()
            + ": the notebook is written up to that cell; the cells after it did not run");
    return true;
  }

  /**
   * The signal the JVM is ending on (SIGINT, SIGTERM, …), or null when the process ends otherwise
   * ({@code System.exit}): the JVM handles a signal on a thread of its own, named after it.
   */
  private static String stoppingSignal() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith("SIG") && name.endsWith(" handler")) {
        return name.substring(0, name.length() - " handler".length());
      }
    }
    return null;
  }

  /** The command ended by itself: a shutdown now is its own exit, not a signal. */
  void finished() {
    finished = true;
  }

  /** A reporter that also keeps the latest progress, for what is left when a signal comes. */
  static Reporter tracking(Reporter reporter) {
    return new Reporter() {
      @Override
      public void warn(String message) {
        reporter.warn(message);
      }

      @Override
      public void info(String message) {
        // A note follows a task's end (a pipeline's stage line, a command's summary): its last
        // progress no longer says what is left.
        task = null;
        reporter.info(message);
      }

      @Override
      public void progress(String name, long unitsDone, long unitsTotal) {
        task = name;
        done = unitsDone;
        total = unitsTotal;
        reporter.progress(name, unitsDone, unitsTotal);
      }

      @Override
      public void foundDone(long units) {
        reporter.foundDone(units);
      }
    };
  }

  /**
   * What a run-api run has left when it is stopped: the combination under way, its instances not
   * written yet (of them, those answered in batches that are still running, which the next run
   * collects), and the combinations not started.
   */
  record RunLeft(
      String combination, int toRun, int written, int inRunningBatches, int laterCombinations) {
    String text() {
      StringBuilder text = new StringBuilder();
      if (combination != null) {
        text.append(toRun - written)
            .append(" of ")
            .append(toRun)
            .append(" in ")
            .append(combination);
        if (inRunningBatches > 0) {
          text.append(" (")
              .append(inRunningBatches)
              .append(" answered in batches still running, collected by the next run)");
        }
      }
      if (laterCombinations > 0) {
        // "more" only beside one under way: stopped before any started, the only one is not more.
        text.append(combination != null ? ", and " : "")
            .append(laterCombinations)
            .append(
                combination != null
                    ? " more model × run_id × dataset combination(s)"
                    : " model × run_id × dataset combination(s) not started");
      }
      return text.length() == 0 ? null : text.toString();
    }
  }

  /**
   * {@code observer}, and what the run has left kept for the notice: the combinations planned, the
   * one under way and what its records are.
   */
  static RunObserver observing(RunObserver observer) {
    RunObserver tracker =
        new RunObserver() {
          private int planned;
          private int started;

          @Override
          public void planned(List<Combination> combinations, int instances) {
            planned = combinations.size();
            runLeft = new RunLeft(null, 0, 0, 0, planned);
          }

          @Override
          public void started(Combination combination, FilterStats stats) {
            started++;
            runLeft =
                new RunLeft(
                    combination.label(), stats.toRun(), 0, 0, Math.max(0, planned - started));
          }

          @Override
          public void finished(RunStats stats) {
            // Between combinations only those to come are left; after the last one, the
            // command's later stages (a pipeline's merge, scores, charts) say what they have.
            int later = Math.max(0, planned - started);
            runLeft = later == 0 ? null : new RunLeft(null, 0, 0, 0, later);
            task = null; // the run's own progress lines, which would say its last combination
          }

          @Override
          public void progress(Combination combination, Progress progress) {
            int written = progress.succeeded() + progress.failed();
            runLeft =
                new RunLeft(
                    combination.label(),
                    progress.total(),
                    written,
                    Math.max(0, progress.done() - written),
                    Math.max(0, planned - started));
          }
        };
    return RunObserver.all(tracker, observer);
  }

  /** What is left undone as the notice says it; null when nothing was tracked. */
  static String left() {
    RunLeft run = runLeft;
    if (run != null) {
      return run.text();
    }
    return task != null && total > 0 ? (total - done) + " of " + total + " in " + task : null;
  }

  /** Forgets what was tracked: for tests, which run commands one after another in one JVM. */
  static void forget() {
    task = null;
    done = 0;
    total = 0;
    runLeft = null;
  }

  /** The notice's one line; {@code left} says what is left undone, when known. */
  static String message(List<JsonlAppender.Written> written, String left, String[] args) {
    StringBuilder line = new StringBuilder("stopped by a signal: ");
    int lines = written.stream().mapToInt(JsonlAppender.Written::lines).sum();
    List<JsonlAppender.Written> files = written.stream().filter(w -> w.lines() > 0).toList();
    if (files.isEmpty()) {
      // Merges append no records: their files are replaced whole, each as it is merged.
      line.append(
          args.length > 0 && args[0].startsWith("merge")
              ? "each merged file is written whole or not at all"
              : "no new records written");
    } else {
      line.append("wrote ").append(lines).append(" new record(s), whole lines only, to ");
      List<String> named = new ArrayList<>();
      for (JsonlAppender.Written w : files.subList(0, Math.min(3, files.size()))) {
        named.add(w.file() + (files.size() > 1 ? " (" + w.lines() + ")" : ""));
      }
      line.append(String.join(", ", named))
          .append(files.size() > 3 ? " and " + (files.size() - 3) + " more" : "");
    }
    if (left != null) {
      line.append("; left: ").append(left);
    }
    line.append("; resume with: ").append(resumeCommand(args));
    return line.toString();
  }

  /**
   * The same command, which resumes by default; {@code --override} would start over, so it is left
   * out.
   */
  static String resumeCommand(String[] args) {
    List<String> words = new ArrayList<>(List.of("editbench"));
    for (String arg : args) {
      if (!arg.equals("--override")) {
        words.add(PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
      }
    }
    return String.join(" ", words);
  }
}
