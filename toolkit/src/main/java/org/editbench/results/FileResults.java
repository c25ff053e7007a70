package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.editbench.core.JsonText;
import org.editbench.core.PyJson;

/**
 * What the summary and {@code editbench score} take from one prediction file and its infbench file:
 * a few facts per prediction (no texts) and the metrics of each scored one. Computing it reads both
 * files whole and scores every patch; {@link FileResultsStore} keeps it beside the predictions so
 * that later summaries reuse it while neither file changes.
 *
 * @param instances records in the infbench file; null when it is missing
 * @param predictions one per instance, in the prediction file's order ({@link Prediction#read})
 * @param metrics the successful predictions that have an infbench record, in the same order
 * @param warnings what reading the infbench and prediction files reported (lines left out), said
 *     again on reuse
 */
public record FileResults(
    Integer instances,
    List<PredictionFacts> predictions,
    List<InstanceMetrics> metrics,
    List<String> warnings) {

  /**
   * What the summary needs of one prediction.
   *
   * @param failure null for a success
   * @param promptTokens tokens of the prompt as sent, in the model's encoding
   */
  public record PredictionFacts(
      FailureKind failure, boolean emptyPatch, double cost, double responseTime, int promptTokens) {
    public boolean succeeded() {
      return failure == null;
    }

    static PredictionFacts of(Prediction p) {
      return new PredictionFacts(
          p.succeeded() ? null : FailureKind.of(p.error()),
          p.emptyPatch(),
          p.cost(),
          p.responseTime(),
          p.promptTokens());
    }
  }

  /** The results of {@code predictions}, their prompts' tokens counted, and their metrics. */
  static FileResults of(
      Integer instances,
      List<Prediction> predictions,
      List<InstanceMetrics> metrics,
      List<String> warnings) {
    List<PredictionFacts> facts = predictions.stream().map(PredictionFacts::of).toList();
    return new FileResults(instances, facts, metrics, List.copyOf(warnings));
  }

  /** The results as one JSON object, {@code key} first (the inputs they were computed from). */
  String toJson(String key) {
    JsonText out = new JsonText(256 + 64 * predictions.size() + 192 * metrics.size());
    out.raw("{\"key\": ").quoted(key).raw(", \"instances\": ");
    out.raw(instances == null ? "null" : Integer.toString(instances));
    out.raw(", \"predictions\": [");
    for (int i = 0; i < predictions.size(); i++) {
      PredictionFacts p = predictions.get(i);
      out.raw(i == 0 ? "[" : ", [");
      PyJson.writeNullableString(out, p.failure() == null ? null : p.failure().name());
      out.raw(p.emptyPatch() ? ", true, " : ", false, ")
          .raw(number(p.cost()))
          .raw(", ")
          .raw(number(p.responseTime()))
          .raw(", ")
          .number(p.promptTokens())
          .raw(']');
    }
    out.raw("], \"metrics\": [");
    for (int i = 0; i < metrics.size(); i++) {
      out.raw(i == 0 ? "" : ", ").raw(metrics.get(i).toJsonLine());
    }
    out.raw("], \"warnings\": [");
    for (int i = 0; i < warnings.size(); i++) {
      out.raw(i == 0 ? "" : ", ").quoted(warnings.get(i));
    }
    return out.raw("]}").toString();
  }

  /** The results {@link #toJson} wrote. */
  static FileResults fromJson(JsonNode json) {
    List<PredictionFacts> predictions = new ArrayList<>();
    for (JsonNode p : json.path("predictions")) {
      predictions.add(
          new PredictionFacts(
              p.get(0).isNull() ? null : FailureKind.valueOf(p.get(0).asText()),
              p.get(1).asBoolean(),
              number(p.get(2)),
              number(p.get(3)),
              p.get(4).asInt()));
    }
    List<InstanceMetrics> metrics = new ArrayList<>();
    for (JsonNode m : json.path("metrics")) {
      metrics.add(InstanceMetrics.fromJson(m));
    }
    List<String> warnings = new ArrayList<>();
    json.path("warnings").forEach(w -> warnings.add(w.asText()));
    JsonNode instances = json.path("instances");
    return new FileResults(
        instances.isNull() ? null : instances.asInt(), predictions, metrics, warnings);
  }

  /** JSON has no NaN: a missing number is null. */
  private static String number(double value) {
    return Double.isNaN(value) ? "null" : PyJson.floatRepr(value);
  }

  private static double number(JsonNode value) {
    return value.isNull() ? Double.NaN : value.asDouble();
  }
}
