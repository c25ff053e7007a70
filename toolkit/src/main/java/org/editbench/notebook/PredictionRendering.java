package org.editbench.notebook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.bench.BenchInstance;
import org.editbench.infbench.Requirement;
import org.editbench.infbench.RunId;
import org.editbench.results.InstanceMetrics;
import org.editbench.results.Metric;
import org.editbench.results.PredictionDetail;
import org.editbench.results.PredictionTable;
import org.editbench.text.Html;
import org.editbench.text.PlainNumbers;

/**
 * How a notebook shows an infbench record and a prediction: requirement, history steps, the model's
 * patch beside the ground truth as coloured unified diffs, and the prediction's metrics. Colours
 * are translucent over the theme's own background and text inherits the theme's colour, so the view
 * reads in Jupyter's light and dark themes alike.
 */
final class PredictionRendering {
  private static final String ADDED = "rgba(46, 160, 67, 0.22)";
  private static final String REMOVED = "rgba(248, 81, 73, 0.22)";
  private static final String HUNK = "rgba(56, 139, 253, 0.18)";
  private static final String GOOD = "rgba(46, 160, 67, 0.30)";
  private static final String BAD = "rgba(248, 81, 73, 0.30)";

  /** An answer not scored: neither good nor bad. */
  private static final String NEUTRAL = "rgba(128, 128, 128, 0.25)";

  private static final String BOX =
      "border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 4px;";

  private PredictionRendering() {}

  static void registerTo(DisplayRenderers renderers) {
    renderers.register(BenchInstance.class, PredictionRendering::record);
    renderers.register(PredictionDetail.class, PredictionRendering::prediction);
    renderers.register(PredictionTable.class, table -> TableRendering.render(table.table()));
  }

  // ---- an infbench record -----------------------------------------------------------------------

  static MimeBundle record(BenchInstance record) {
    StringBuilder html =
        new StringBuilder("<div class=\"editbench-record\">")
            .append("<h4 style=\"margin: 0.3em 0\">")
            .append(Html.escape(record.instanceId()))
            .append("</h4>")
            .append("<div>")
            .append(Html.escape(record.repoOrDerived()))
            .append(record.createdAt() == null ? "" : " · " + Html.escape(record.createdAt()))
            .append(" · ")
            .append(historySummary(record))
            .append("</div>");
    html.append(
        requirementHtml(
            record, "Requirement (PR title and body, then the issue)", true, true, true));
    html.append(historyHtml(record, true));
    if (!isBenchRecord(record)) {
      html.append(
              "<div style=\"margin-top: 0.5em\"><b>Ground truth</b> (what a model should predict)</div>")
          .append(diffHtml(record.groundTruth()));
    }
    html.append("</div>");
    StringBuilder text =
        new StringBuilder(record.instanceId())
            .append(" · ")
            .append(record.repoOrDerived())
            .append(" · ")
            .append(historySummary(record))
            .append("\n\nRequirement:\n")
            .append(Requirement.of(record, true, true))
            .append("\n");
    List<String> steps = shownSteps(record);
    for (int i = 0; i < steps.size(); i++) {
      text.append("\nHistory step ").append(i + 1).append(":\n").append(steps.get(i));
    }
    if (!isBenchRecord(record)) {
      text.append("\nGround truth:\n").append(record.groundTruth());
    }
    return bundle(html.toString(), text.toString());
  }

  private static String historySummary(BenchInstance record) {
    return isBenchRecord(record)
        ? record.stepCount() + " edit steps"
        : "history: " + record.splitIdx() + " of " + record.numChanges() + " steps shown";
  }

  /**
   * A bench record, not yet split into what a model sees and what it should write: no pre_edits and
   * no ground truth (a missing field reads as empty).
   */
  private static boolean isBenchRecord(BenchInstance record) {
    return record.preEdits().isEmpty()
        && (record.groundTruth() == null || record.groundTruth().isEmpty());
  }

  /** The steps a model saw (an infbench record's pre_edits), or a bench record's whole history. */
  private static List<String> shownSteps(BenchInstance record) {
    if (!isBenchRecord(record)) {
      return record.preEdits();
    }
    return record.workPatchList().stream().map(step -> String.join("", step)).toList();
  }

  /**
   * A {@code <summary>} that shows its disclosure triangle: Jupyter's page styles summaries as
   * blocks, which hides it, and the sections would read as plain headings.
   */
  private static final String SUMMARY = "<summary style=\"display: list-item; cursor: pointer\">";

  /** The requirement text of {@code record} with the PR message and the issue as asked. */
  private static String requirementHtml(
      BenchInstance record, String title, boolean open, boolean prMessage, boolean issue) {
    String requirement = Requirement.of(record, prMessage, issue);
    return "<details"
        + (open ? " open" : "")
        + ">"
        + SUMMARY
        + "<b>"
        + Html.escape(title)
        + "</b></summary>"
        + (requirement.isBlank()
            ? "<em>(no PR or issue text)</em>"
            : "<pre style=\"white-space: pre-wrap; margin: 0.3em 0; padding: 0.5em; "
                + BOX
                + "\">"
                + Html.escape(requirement)
                + "</pre>")
        + "</details>";
  }

  private static String historyHtml(BenchInstance record, boolean open) {
    List<String> steps = shownSteps(record);
    StringBuilder html =
        new StringBuilder("<details")
            .append(open ? " open" : "")
            .append(">")
            .append(SUMMARY)
            .append("<b>History</b> (")
            .append(steps.size())
            .append(steps.size() == 1 ? " step" : " steps")
            .append(")</summary>");
    if (steps.isEmpty()) {
      html.append("<em>(no history shown)</em>");
    }
    for (int i = 0; i < steps.size(); i++) {
      html.append("<div style=\"margin-top: 0.3em\">Step ")
          .append(i + 1)
          .append("</div>")
          .append(diffHtml(steps.get(i)));
    }
    return html.append("</details>").toString();
  }

  // ---- a prediction -----------------------------------------------------------------------------

  static MimeBundle prediction(PredictionDetail detail) {
    BenchInstance record = detail.record();
    InstanceMetrics metrics = detail.metrics();
    RunId runId = RunId.parse(detail.runId());
    String patch = detail.prediction().modelPatch();
    StringBuilder html =
        new StringBuilder("<div class=\"editbench-prediction\">")
            .append("<h4 style=\"margin: 0.3em 0\">")
            .append(Html.escape(detail.instanceId()))
            .append(" — ")
            .append(Html.escape(detail.model()))
            .append(" · run_id ")
            .append(Html.escape(detail.runId()))
            .append("</h4>")
            .append(
                "<div style=\"display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center\">")
            .append(metricsHtml(detail))
            .append("</div>");
    if (detail.otherPrompt()) {
      html.append(
          "<div><em>The model was asked another prompt: the requirement, history and ground truth"
              + " below are those of the infbench record now.</em></div>");
    }
    if (!detail.prediction().succeeded()) {
      html.append("<div>error: <code>")
          .append(Html.escape(detail.prediction().error()))
          .append("</code></div>");
    } else if (metrics != null && metrics.applyError() != null) {
      html.append("<div>git apply: ").append(Html.escape(metrics.applyError())).append("</div>");
    }
    html.append(
        requirementHtml(
            record,
            "Requirement (the model saw "
                + (runId.prMessage() ? "the PR message" : "no PR message")
                + " and "
                + (runId.issueMessage() ? "the issue" : "no issue")
                + ")",
            false,
            runId.prMessage(),
            runId.issueMessage()));
    html.append(historyHtml(record, false));
    html.append(
            "<div style=\"display: grid; grid-template-columns: repeat(auto-fit, minmax(22em, 1fr)); gap: 0.8em;"
                + " margin-top: 0.5em\"><div><b>Model patch</b>")
        .append(diffHtml(patch))
        .append("</div><div><b>Ground truth</b>")
        .append(diffHtml(record.groundTruth()))
        .append("</div></div></div>");
    String text =
        detail.instanceId()
            + " — "
            + detail.model()
            + " · run_id "
            + detail.runId()
            + "\n"
            + metricsText(detail)
            + "\n\nModel patch:\n"
            + (patch == null || patch.isBlank() ? "(none)\n" : patch)
            + "\nGround truth:\n"
            + record.groundTruth();
    return bundle(html.toString(), text);
  }

  private static String metricsHtml(PredictionDetail detail) {
    InstanceMetrics m = detail.metrics();
    if (m == null) {
      // a failure's error is shown with the answer; an unscored answer says why here
      return detail.prediction().succeeded()
          ? badge(detail.status(), NEUTRAL)
              + " <span>"
              + Html.escape(detail.unscoredReason())
              + "</span>"
          : badge(detail.status(), false);
    }
    StringBuilder badges =
        new StringBuilder(badge(detail.status(), !detail.prediction().emptyPatch()));
    for (Metric metric : Metric.ALL) {
      double value = m.value(metric);
      badges.append(' ');
      badges.append(
          badge(
              metric.kind() == Metric.Kind.PASS_FAIL
                  ? (value == 1 ? "✓ " : "✗ ") + metric.label()
                  : metric.label() + " " + shown(metric, value),
              metric.isBest(value)));
    }
    // Spaces between the badges, so that they read apart without their styles too.
    return badges
        + " <span>"
        + Html.escape("$" + PlainNumbers.fixed(detail.prediction().cost(), 4))
        + "</span>";
  }

  private static String metricsText(PredictionDetail detail) {
    InstanceMetrics m = detail.metrics();
    if (m == null) {
      return detail.status() + ": " + detail.unscoredReason();
    }
    StringBuilder text = new StringBuilder(detail.status());
    for (Metric metric : Metric.ALL) {
      double value = m.value(metric);
      text.append(" · ")
          .append(metric.label())
          .append(' ')
          .append(
              metric.kind() == Metric.Kind.PASS_FAIL ? yesNo(value == 1) : shown(metric, value));
    }
    return text.toString();
  }

  /** A rate with two decimals, a score with three. */
  private static String shown(Metric metric, double value) {
    return PlainNumbers.fixed(value, metric.scale() == Metric.Scale.RATE ? 2 : 3);
  }

  private static String badge(String text, boolean good) {
    return badge(text, good ? GOOD : BAD);
  }

  private static String badge(String text, String background) {
    return "<span class=\"editbench-metric\" style=\"padding: 0.1em 0.5em; border-radius: 0.8em; background: "
        + background
        + "\">"
        + Html.escape(text)
        + "</span>";
  }

  // ---- diffs
  // --------------------------------------------------------------------------------------

  /** A unified diff with added, removed and hunk-header lines tinted; a blank one says so. */
  static String diffHtml(String diff) {
    if (diff == null || diff.isBlank()) {
      return "<pre class=\"editbench-diff\" style=\"margin: 0.3em 0; padding: 0.5em; "
          + BOX
          + "\"><em>(no patch)</em></pre>";
    }
    StringBuilder html =
        new StringBuilder(
            "<pre class=\"editbench-diff\" style=\"margin: 0.3em 0; padding: 0.5em 0;"
                + " overflow-x: auto; font-size: 12px; line-height: 1.35; "
                + BOX
                + "\">");
    for (String line : diff.split("\n", -1)) {
      String background =
          line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")
              ? null
              : line.startsWith("+")
                  ? ADDED
                  : line.startsWith("-") ? REMOVED : line.startsWith("@@") ? HUNK : null;
      boolean header = line.startsWith("diff ") || line.startsWith("+++") || line.startsWith("---");
      html.append("<span style=\"display: block; padding: 0 0.5em;")
          .append(background == null ? "" : " background: " + background + ";")
          .append(header ? " font-weight: bold;" : "")
          .append("\">")
          .append(line.isEmpty() ? " " : Html.escape(line))
          // The line's own end inside its span: where a notebook is not trusted, Jupyter strips
          // the styles, and the lines still break (a trailing break in a block adds no line).
          .append("\n</span>");
    }
    return html.append("</pre>").toString();
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  private static MimeBundle bundle(String html, String text) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(MimeBundle.HTML, html);
    data.put(MimeBundle.TEXT, text);
    return MimeBundle.of(data);
  }
}
