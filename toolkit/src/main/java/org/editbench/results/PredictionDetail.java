package org.editbench.results;

import org.editbench.bench.BenchInstance;

/**
 * One prediction with everything needed to judge it: the infbench record it answers (requirement,
 * history, ground truth), the model's record, and its offline metrics.
 *
 * @param metrics null when the prediction failed (no patch to score), its record's prompt is empty,
 *     or it was made from another prompt ({@link Scoring.Target#promptOf})
 */
public record PredictionDetail(
    String model,
    String temperature,
    String runId,
    BenchInstance record,
    Prediction prediction,
    InstanceMetrics metrics) {

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

  /** {@code ok}, {@code empty patch} or {@code failed}. */
  public String status() {
    return !prediction.succeeded() ? "failed" : prediction.emptyPatch() ? "empty patch" : "ok";
  }
}
