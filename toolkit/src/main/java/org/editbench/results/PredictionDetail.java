package org.editbench.results;

import org.editbench.bench.BenchInstance;

/**
 * One prediction with everything needed to judge it: the infbench record it answers (requirement,
 * history, ground truth), the model's record, and its offline metrics.
 *
 * @param metrics null when the prediction failed (no patch to score)
 */
public record PredictionDetail(String model, String temperature, String runId, BenchInstance record,
    Prediction prediction, InstanceMetrics metrics) {

  public String instanceId() {
    return record.instanceId();
  }

  /**
   * A metric of {@link PredictionTable#METRICS} as a number ({@code applies} and {@code exact} as 1
   * or 0); NaN for a failed prediction.
   */
  public double metric(String name) {
    if (metrics == null) {
      return Double.NaN;
    }
    return switch (name) {
      case ResultsSummary.APPLIES -> metrics.applies() ? 1 : 0;
      case ResultsSummary.EXACT -> metrics.exact() ? 1 : 0;
      case ResultsSummary.FILE_HIT_RATE -> metrics.fileHitRate();
      case ResultsSummary.EDIT_DISTANCE -> metrics.editDistance();
      case ResultsSummary.TOKEN_JACCARD -> metrics.tokenJaccard();
      default -> throw new IllegalArgumentException("unknown metric " + name + "; use one of " + PredictionTable.METRICS);
    };
  }

  /** {@code ok}, {@code empty patch} or {@code failed}. */
  public String status() {
    return !prediction.succeeded() ? "failed" : prediction.emptyPatch() ? "empty patch" : "ok";
  }
}
