package org.editbench.notebook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.editbench.progress.ProgressListener;
import org.editbench.progress.ProgressSnapshot;
import org.editbench.progress.ProgressViews;
import org.editbench.text.Html;

/**
 * A task's progress as one display in the cell that started it, drawn once and then updated in
 * place (Jupyter's {@code display_id}): an HTML {@code <progress>} bar with done/total, rate,
 * failures, cost and ETA, and the same as plain text. Redrawn at most every {@link
 * #REDRAW_INTERVAL} while running, always at 100 % and at the end, so a saved notebook keeps the
 * final state.
 */
final class ProgressDisplay implements ProgressListener {
  static final Duration REDRAW_INTERVAL = Duration.ofMillis(250);

  private final CellOutput output;
  private final String displayId = "progress-" + UUID.randomUUID();
  private boolean shown;
  private long lastDrawn;

  ProgressDisplay(CellOutput output) {
    this.output = output;
  }

  /** Offers a display whenever a notebook cell is running on the calling thread. */
  public static final class Provider implements ProgressViews.Provider {
    @Override
    public Optional<ProgressListener> open(String task) {
      return Display.activeOutput().map(ProgressDisplay::new);
    }
  }

  @Override
  public synchronized void update(ProgressSnapshot snapshot) {
    long now = System.nanoTime();
    boolean milestone =
        snapshot.state().ended() || (snapshot.total() > 0 && snapshot.done() >= snapshot.total());
    if (shown && !milestone && now - lastDrawn < REDRAW_INTERVAL.toNanos()) {
      return;
    }
    lastDrawn = now;
    MimeBundle bundle = render(snapshot);
    // A kernel interrupt leaves the flag set on the cell's thread; the last state must still go
    // out,
    // and I/O on an interrupted thread may be refused.
    boolean interrupted = Thread.interrupted();
    try {
      if (shown) {
        output.updateDisplay(bundle, displayId);
      } else {
        output.display(bundle, displayId);
        shown = true;
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static MimeBundle render(ProgressSnapshot s) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(MimeBundle.HTML, html(s));
    data.put(MimeBundle.TEXT, text(s));
    return MimeBundle.of(data);
  }

  /**
   * Whether the task ended before it counted anything: its rate, failures and time would only
   * contradict the state ("failed … 0 failed").
   */
  private static boolean endedUncounted(ProgressSnapshot s) {
    return s.total() <= 0 && s.state().ended();
  }

  static String text(ProgressSnapshot s) {
    StringBuilder text = new StringBuilder(s.task()).append(": ").append(counts(s));
    details(s, false).forEach(part -> text.append(" · ").append(part));
    if (!s.note().isEmpty()) {
      text.append("\n").append(s.note());
    }
    return text.toString();
  }

  static String html(ProgressSnapshot s) {
    String bar;
    if (s.total() > 0) {
      bar = "<progress value=\"" + s.done() + "\" max=\"" + s.total() + "\"></progress>";
    } else if (!s.state().ended()) {
      bar = "<progress></progress>"; // nothing counted yet: indeterminate
    } else if (s.state() == ProgressSnapshot.State.FINISHED) {
      bar = "<progress value=\"1\" max=\"1\"></progress>"; // nothing to do: complete
    } else {
      bar = "<progress value=\"0\" max=\"1\"></progress>"; // stopped before it began
    }
    bar = bar.replace("<progress", "<progress style=\"width: 22em; vertical-align: middle\"");
    StringBuilder html =
        new StringBuilder("<div class=\"editbench-progress\" data-state=\"")
            .append(s.state().name().toLowerCase(Locale.ROOT))
            .append("\" style=\"line-height: 1.6\">")
            .append("<div><b>")
            .append(Html.escape(s.task()))
            .append("</b> — ")
            .append(stateWord(s))
            .append("</div>")
            .append(bar)
            .append(" <span style=\"font-variant-numeric: tabular-nums\">")
            .append(counts(s));
    details(s, true).forEach(part -> html.append(" · ").append(part));
    html.append("</span>");
    if (!s.note().isEmpty()) {
      html.append("<div>").append(Html.escape(s.note())).append("</div>");
    }
    return html.append("</div>").toString();
  }

  private static String stateWord(ProgressSnapshot s) {
    return switch (s.state()) {
      case RUNNING -> "running";
      case FINISHED -> "finished";
      case INTERRUPTED -> "<span style=\"color: #d9534f\">interrupted</span>";
      case FAILED -> "<span style=\"color: #d9534f\">failed</span>";
    };
  }

  private static String counts(ProgressSnapshot s) {
    if (s.total() <= 0 && s.state().ended()) {
      // Not "0/0 (100%)", which reads as all done or as nothing done, whichever way it ended.
      return switch (s.state()) {
        case FINISHED -> "nothing left to do";
        case FAILED -> "nothing done: it failed before it began";
        default -> "nothing done: interrupted before it began";
      };
    }
    return String.format(Locale.ROOT, "%,d/%,d (%.0f%%)", s.done(), s.total(), s.fraction() * 100);
  }

  /**
   * What follows the counts, HTML when {@code html}: the rate (while running, and after if
   * something was done now rather than found done); the failures once there are some, in red; the
   * money spent once there is some (none for building infbench files or gold runs); the time. None
   * for a task that ended before it counted anything: they would only contradict the state ("failed
   * … 0 failed").
   */
  private static List<String> details(ProgressSnapshot s, boolean html) {
    List<String> parts = new ArrayList<>();
    if (endedUncounted(s)) {
      return parts;
    }
    if (!s.state().ended() || s.ratePerSecond() > 0) {
      parts.add(String.format(Locale.ROOT, "%.1f/s", s.ratePerSecond()));
    }
    if (s.failures() > 0) {
      String failures = String.format(Locale.ROOT, "%,d failed", s.failures());
      parts.add(
          html
              ? "<span style=\"color: #d9534f; font-weight: bold\">" + failures + "</span>"
              : failures);
    }
    if (s.cost() > 0) {
      parts.add(String.format(Locale.ROOT, s.cost() < 1 ? "$%.4f" : "$%,.2f", s.cost()));
    }
    parts.add(html ? Html.escape(timing(s)) : timing(s));
    return parts;
  }

  private static String timing(ProgressSnapshot s) {
    return switch (s.state()) {
      case RUNNING ->
          s.eta().map(eta -> "ETA " + clock(eta)).orElse("ETA –")
              + " ("
              + clock(s.elapsed())
              + " so far)";
      case FINISHED -> "took " + clock(s.elapsed());
      case INTERRUPTED -> "interrupted after " + clock(s.elapsed());
      case FAILED -> "failed after " + clock(s.elapsed());
    };
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String clock(Duration d) {
    long seconds = Math.round(d.toMillis() / 1000.0);
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
