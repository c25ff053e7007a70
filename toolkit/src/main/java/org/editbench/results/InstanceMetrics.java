package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.core.JsonText;
import org.editbench.core.PyJson;
import org.editbench.diff.GitApply;

/**
 * The offline metrics of one prediction against its infbench record, without Docker.
 *
 * @param values each {@link Metric}'s value, in the order of its definitions ({@link Metric#ALL})
 * @param applyError why the patch does not apply, or null when it does
 */
public record InstanceMetrics(String instanceId, Map<Metric, Double> values, String applyError) {

  public InstanceMetrics {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Scores {@code modelPatch} (null or blank: an empty patch) against {@code groundTruth} by every
   * metric.
   */
  public static InstanceMetrics score(
      String instanceId, Map<String, String> preEditFiles, String groundTruth, String modelPatch) {
    return score(instanceId, preEditFiles, groundTruth, modelPatch, Metric.ALL);
  }

  /** Scores {@code modelPatch} against {@code groundTruth} by {@code metrics}. */
  static InstanceMetrics score(
      String instanceId,
      Map<String, String> preEditFiles,
      String groundTruth,
      String modelPatch,
      List<Metric> metrics) {
    PatchComparison comparison = new PatchComparison(preEditFiles, groundTruth, modelPatch);
    Map<Metric, Double> values = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      values.put(metric, metric.compute(comparison));
    }
    return new InstanceMetrics(
        instanceId,
        values,
        comparison.predicted() instanceof GitApply.Rejected r ? r.reason() : null);
  }

  /** The value of {@code metric} (1 or 0 for a pass or fail). */
  public double value(Metric metric) {
    Double value = values.get(metric);
    if (value == null) {
      throw new IllegalArgumentException("no " + metric.column() + " among " + values.keySet());
    }
    return value;
  }

  /** A pass-or-fail metric's outcome. */
  public boolean passed(Metric metric) {
    return value(metric) == 1;
  }

  /** The metrics {@link #toJsonLine} wrote. */
  static InstanceMetrics fromJson(JsonNode json) {
    Map<Metric, Double> values = new LinkedHashMap<>();
    for (Metric metric : Metric.ALL) {
      JsonNode value = json.path(metric.jsonKey());
      values.put(
          metric,
          metric.kind() == Metric.Kind.PASS_FAIL
              ? (value.asBoolean() ? 1.0 : 0.0)
              : value.asDouble());
    }
    JsonNode error = json.path("apply_error");
    return new InstanceMetrics(
        json.path("instance_id").asText(), values, error.isNull() ? null : error.asText());
  }

  /** One JSONL line (no line end), field names as the harness's instance details name them. */
  public String toJsonLine() {
    JsonText out = new JsonText(256);
    out.raw("{\"instance_id\": ").quoted(instanceId);
    values.forEach(
        (metric, value) ->
            out.raw(", ")
                .quoted(metric.jsonKey())
                .raw(": ")
                .raw(
                    metric.kind() == Metric.Kind.PASS_FAIL
                        ? (value == 1 ? "true" : "false")
                        : PyJson.floatRepr(value)));
    out.raw(", \"apply_error\": ");
    PyJson.writeNullableString(out, applyError);
    return out.raw('}').toString();
  }
}
