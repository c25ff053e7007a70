package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.core.JsonLineReader;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;

/**
 * One record of a prediction file: a success ({@code model_patch}, {@code cost}, {@code
 * response_time}) or a failure ({@code status: "failed"}, {@code error}).
 *
 * @param modelPatch null when the model's answer held no patch
 * @param error null for a success
 */
public record Prediction(
    String instanceId,
    String prompt,
    String modelPatch,
    double cost,
    double responseTime,
    String error) {
  /** The fields {@link #of} reads. */
  private static final List<String> FIELDS =
      List.of("instance_id", "prompt", "model_patch", "cost", "response_time", "status", "error");

  public boolean succeeded() {
    return error == null;
  }

  /** A success whose patch is missing or blank: the harness's "empty patch". */
  public boolean emptyPatch() {
    return succeeded() && (modelPatch == null || modelPatch.isBlank());
  }

  /**
   * The predictions of a file, one per instance in first-seen order: a success wins over failures
   * (run-api retries failures in later runs), else the last failure counts. Lines that are not JSON
   * objects are reported with {@code file:line} and left out.
   */
  public static List<Prediction> read(Path file, Reporter reporter) {
    Map<String, Prediction> byInstance = new LinkedHashMap<>();
    for (Jsonl.Line line :
        JsonLineReader.readObjectsLeniently(file, reporter, "left out", FIELDS)) {
      if (!line.json().path("instance_id").isTextual()) {
        reporter.warn(
            file + ":" + line.number() + ": not a prediction record (no instance_id); left out");
        continue;
      }
      Prediction p = of(line.json());
      Prediction earlier = byInstance.get(p.instanceId());
      if (earlier == null || !earlier.succeeded()) {
        byInstance.put(p.instanceId(), p);
      }
    }
    return new ArrayList<>(byInstance.values());
  }

  private static Prediction of(JsonNode node) {
    boolean failed = "failed".equals(node.path("status").asText(null));
    JsonNode patch = node.path("model_patch");
    return new Prediction(
        node.path("instance_id").asText(),
        node.path("prompt").asText(""),
        patch.isTextual() ? patch.asText() : null,
        node.path("cost").asDouble(0.0),
        node.path("response_time").asDouble(Double.NaN),
        failed ? node.path("error").asText("") : null);
  }
}
