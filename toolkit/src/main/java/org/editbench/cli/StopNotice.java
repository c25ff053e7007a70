package org.editbench.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.editbench.core.JsonlAppender;
import org.editbench.core.Reporter;

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
                  if (!notice.finished) {
                    err.println(message(JsonlAppender.stopAll(), task, done, total, args));
                    err.flush();
                  }
                },
                "editbench-stop-notice"));
    return notice;
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
        reporter.info(message);
      }

      @Override
      public void progress(String name, long unitsDone, long unitsTotal) {
        task = name;
        done = unitsDone;
        total = unitsTotal;
        reporter.progress(name, unitsDone, unitsTotal);
      }
    };
  }

  /** The notice's one line. */
  static String message(
      List<JsonlAppender.Written> written, String task, long done, long total, String[] args) {
    StringBuilder line = new StringBuilder("stopped by a signal: ");
    int lines = written.stream().mapToInt(JsonlAppender.Written::lines).sum();
    List<JsonlAppender.Written> files = written.stream().filter(w -> w.lines() > 0).toList();
    if (files.isEmpty()) {
      line.append("no new records written");
    } else {
      line.append("wrote ").append(lines).append(" new record(s), whole lines only, to ");
      List<String> named = new ArrayList<>();
      for (JsonlAppender.Written w : files.subList(0, Math.min(3, files.size()))) {
        named.add(w.file() + (files.size() > 1 ? " (" + w.lines() + ")" : ""));
      }
      line.append(String.join(", ", named))
          .append(files.size() > 3 ? " and " + (files.size() - 3) + " more" : "");
    }
    if (task != null && total > 0) {
      line.append("; left: ")
          .append(total - done)
          .append(" of ")
          .append(total)
          .append(" in ")
          .append(task);
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
