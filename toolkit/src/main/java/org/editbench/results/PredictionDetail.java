package org.editbench.results;

import org.editbench.bench.BenchInstance;

/**
 * One prediction with everything needed to judge it: the infbench record it answers (requirement,
 * history, ground truth), the model's record, and its offline metrics.
 *
 * @param metrics null when the prediction failed (no patch to score), its record's prompt is empty,
 *     or it was made from another prompt
 * @param otherPrompt whether it was made from another prompt than its record's ({@link
 *     Scoring.Target#promptOf}), and so not scored
 */
public record PredictionDetail(
    String model,
    String temperature,
    String runId,
    BenchInstance record,
    Prediction prediction,
    InstanceMetrics metrics,
    boolean otherPrompt) {

  public String instanceId() {
    return record.instanceId();
  }

  /**
   * The value of the metric whose column is {@code name} ({@link Metric#columns()}; {@code applies}
   * and {@code exact} as 1 or 0); NaN for a failed prediction.
   */
  public double metric(String name) {
    Metric metric = Metric.byColumn(name);
    return metrics == null ? Double.NaN : metrics.value(metric);
  }

  /**
   * {@code ok}, {@code empty patch} or {@code failed}; for an answer not scored, {@code other
   * prompt} (made from another prompt than its record's) or {@code not scored} (its record's prompt
   * is empty: run-api asks nothing for it).
   */
  public String status() {
    if (!prediction.succeeded()) {
      return "failed";
    }
    if (metrics == null) {
      return otherPrompt ? "other prompt" : "not scored";
    }
    return prediction.emptyPatch() ? "empty patch" : "ok";
  }

  /**
   * Why the prediction has no metrics, in words, after its {@link #status()}: the error of a
   * failure, or why an answer was not scored; null when it has them.
   */
  public String unscoredReason() {
    if (metrics != null) {
      return null;
    }
    if (!prediction.succeeded()) {
      return prediction.error();
    }
    return otherPrompt
        ? "made from another prompt than its infbench record's (rebuilt since?), not scored"
        : "its infbench record's prompt is empty, so run-api asks nothing for it";
  }
}
