package org.editbench.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text of the pre-run statistics and the post-run summary, as lines. Pure. */
public final class RunReport {
  private static final String RULE = "=".repeat(80);
  private static final int SKIPPED_LISTED = 5;

  private RunReport() {}

  /** The reference's "instance filter statistics" for one combination. */
  public static List<String> filterLines(Combination c, FilterStats s) {
    ModelSpec m = c.model();
    List<String> lines = new ArrayList<>();
    lines.add(RULE);
    lines.add(c.label());
    lines.add("  input:  " + c.input());
    lines.add("  output: " + c.output());
    lines.add(
        "  model:  api="
            + m.api().jsonName()
            + ", temperature="
            + m.temperatureText()
            + ", top_p="
            + (m.topP() == null ? "none" : PyNumbers.str(m.topP()))
            + ", n="
            + m.n()
            + ", token limit "
            + limitText(m.contextLimit())
            + " ("
            + m.encoding()
            + ")");
    lines.add("instance filter statistics:");
    lines.add("  total instances:  " + s.total());
    lines.add("  to run:           " + s.toRun());
    lines.add(
        "  already done:     "
            + s.alreadyDone()
            + (s.alreadyDoneExamples().isEmpty()
                ? ""
                : " (e.g. "
                    + String.join(", ", s.alreadyDoneExamples())
                    + (s.alreadyDone() > s.alreadyDoneExamples().size() ? ", …" : "")
                    + ")"));
    if (s.retryRecordsRemoved() > 0) {
      lines.add("  retryable failures removed, asked again: " + s.retryRecordsRemoved());
    }
    lines.add(
        "  over the token limit ("
            + limitText(s.modelLimit())
            + "): "
            + s.overLimit()
            + " before removing files; "
            + s.trimmedToFit()
            + " fit after removing "
            + s.filesRemoved()
            + " file(s); "
            + s.skippedOverLimit().size()
            + " skipped");
    s.skippedOverLimit().stream()
        .limit(SKIPPED_LISTED)
        .forEach(k -> lines.add("    skipped " + k.instanceId() + ": " + k.reason()));
    if (s.skippedOverLimit().size() > SKIPPED_LISTED) {
      lines.add("    … and " + (s.skippedOverLimit().size() - SKIPPED_LISTED) + " more");
    }
    lines.add(
        s.total() == s.alreadyDone()
            ? "  prompt tokens: none counted (every instance is done)"
            : String.format(
                Locale.ROOT,
                "  prompt tokens (instances not done): min %d, mean %.1f, max %d",
                s.tokenMin(),
                s.tokenMean(),
                s.tokenMax()));
    lines.add(RULE);
    return lines;
  }

  /** The post-run summary of one combination. */
  public static List<String> summaryLines(RunStats r) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "finished "
            + r.combination().label()
            + ": "
            + r.succeeded()
            + " succeeded, "
            + r.failed()
            + " failed, "
            + r.skipped()
            + " skipped (over the token limit), "
            + r.filter().alreadyDone()
            + " already done");
    if (r.cutOff() > 0) {
      lines.add(
          "  cut off: "
              + r.cutOff()
              + " of the answers stopped at the output token limit, not where the model ended"
              + " them: their patches may be incomplete (for anthropic models, max_tokens in the model"
              + " table sets the limit)");
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "  total cost: $%.4f; retries: %d; time: %s",
            r.cost(),
            r.retries(),
            clock(r.elapsed())));
    lines.add("  output: " + r.combination().output());
    return lines;
  }

  /** One progress line: {@code label: done/total (pct), rate, cost, ETA}. */
  public static String progressLine(Combination c, Progress p) {
    return String.format(
        Locale.ROOT,
        "%s: %d/%d (%d%%), %.1f/s, $%.4f, ETA %s",
        c.label(),
        p.done(),
        p.total(),
        (int) Math.floor(p.fraction() * 100),
        p.ratePerSecond(),
        p.cost(),
        p.eta() == null ? "?" : clock(p.eta()));
  }

  /**
   * What a combination is doing while its prompts' tokens are counted, before its first request.
   */
  public static String countingLine(Combination c, int counted, int total) {
    return c.label() + ": counting prompt tokens, " + counted + "/" + total;
  }

  /** A progress bar of {@code width} cells for a terminal line. */
  public static String progressBar(Combination c, Progress p, int width) {
    int filled = (int) Math.floor(p.fraction() * width);
    return c.label()
        + " ["
        + "#".repeat(filled)
        + "-".repeat(width - filled)
        + "] "
        + progressLine(c, p).substring(c.label().length() + 2);
  }

  /** {@code h:mm:ss} or {@code m:ss}. */
  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** A context limit as the run's report shows it: the offline models' unbounded one as none. */
  private static String limitText(int contextLimit) {
    return contextLimit == Integer.MAX_VALUE ? "none" : Integer.toString(contextLimit);
  }

  /** Masked keys and where requests go, for the header of a run. */
  public static String environmentLine(ApiEnvironment env) {
    String line =
        "API keys: "
            + (env.apiKeys().isEmpty()
                ? "none"
                : env.apiKeys().size() + " (" + env.maskedKeys() + ")")
            + "; base URL: "
            + env.shownBaseUrl(Provider.OPENAI);
    if (!env.anthropicKeys().isEmpty() || env.anthropicBaseUrl() != null) {
      line +=
          "; Anthropic keys: "
              + env.anthropicKeys().size()
              + " ("
              + ApiEnvironment.masked(env.anthropicKeys())
              + "), base URL: "
              + env.shownBaseUrl(Provider.ANTHROPIC);
    }
    return line;
  }
}
