package org.editbench.results;

import org.editbench.bench.BenchInstance;

/**
 * One prediction with everything needed to judge it: the infbench record it answers (requirement,
 * history, ground truth), the model's record, and its offline metrics.
 *
 * @param metrics null when the prediction failed (no patch to score), its record's prompt is empty,
 *     or it was made from another prompt
 * @param otherPrompt whether it was made from another prompt than its record's ({@link
 *     Scoring.Target#madeFrom}), and so not scored
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
   * and {@code exact} as 1 or 0); NaN for a prediction without metrics.
   */
  public double metric(String name) {
    Metric metric = Metric.byColumn(name);
    return metrics == null ? Double.NaN : metrics.value(metric);
  }

  /**
   * {@code ok}, {@code empty patch} or {@code failed}; for an answer not scored, {@code other
   * prompt} (made from another prompt than its record's) or {@code empty prompt} (its record's
   * prompt is empty: run-api never asks it).
   */
  public String status() {
    if (!prediction.succeeded()) {
      return "failed";
    }
    if (metrics == null) {
      return otherPrompt ? "other prompt" : "empty prompt";
    }
    return prediction.emptyPatch() ? "empty patch" : "ok";
  }

  /**
   * Why the prediction has no metrics, in words, after its {@link #status()}: the error of a
   * failure, or why an answer was not scored and what to do; null when it has metrics.
   */
  public String unscoredReason() {
    if (metrics != null) {
      return null;
    }
    if (!prediction.succeeded()) {
      return prediction.error();
    }
    return otherPrompt
        ? "asked with a prompt that differs from its infbench record's outside the code block"
            + " (was the infbench file rebuilt after run-api ran?). Score it against the infbench"
            + " file it was made from, or remove its record and run run-api again."
        : "its infbench record's prompt is empty: run-api never asks such an instance, so this"
            + " answer came from elsewhere and has nothing to be scored against.";
  }
}
