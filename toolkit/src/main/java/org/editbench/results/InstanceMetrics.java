package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.editbench.core.JsonText;
import org.editbench.core.PyJson;
import org.editbench.diff.GitApply;

/**
 * The offline metrics of one prediction against its infbench record, without Docker.
 *
 * @param applies the patch applies to the pre-edit files as {@code git apply} would apply it
 * @param exact applying it yields exactly the files that applying the ground truth yields
 * @param fileHitRate files in both patches / files in the ground truth
 * @param editDistance normalized character edit distance after the harness's preprocessing
 * @param tokenJaccard Jaccard index of the token sets after the harness's preprocessing
 * @param applyError why the patch does not apply, or null when it does
 */
public record InstanceMetrics(String instanceId, boolean applies, boolean exact, double fileHitRate,
    double editDistance, double tokenJaccard, String applyError) {

  /** Scores {@code modelPatch} (null or blank: an empty patch) against {@code groundTruth}. */
  public static InstanceMetrics score(String instanceId, Map<String, String> preEditFiles, String groundTruth,
      String modelPatch) {
    String patch = modelPatch == null ? "" : modelPatch;
    String truth = groundTruth == null ? "" : groundTruth;
    GitApply.Result predicted = patch.isBlank()
        ? new GitApply.Rejected("empty patch") : GitApply.apply(preEditFiles, patch);
    boolean exact = predicted instanceof GitApply.Applied p
        && GitApply.apply(preEditFiles, truth) instanceof GitApply.Applied t
        && p.files().equals(t.files());
    String processedTruth = PatchSimilarity.preprocess(truth);
    String processedPatch = PatchSimilarity.preprocess(patch);
    return new InstanceMetrics(instanceId, predicted.applied(), exact,
        PatchSimilarity.fileHitRate(truth, patch),
        PatchSimilarity.normalizedEditDistance(processedTruth, processedPatch),
        PatchSimilarity.tokenJaccard(PatchSimilarity.tokens(processedTruth), PatchSimilarity.tokens(processedPatch)),
        predicted instanceof GitApply.Rejected r ? r.reason() : null);
  }

  /** The metrics {@link #toJsonLine} wrote. */
  static InstanceMetrics fromJson(JsonNode json) {
    JsonNode error = json.path("apply_error");
    return new InstanceMetrics(json.path("instance_id").asText(), json.path("applied").asBoolean(),
        json.path("exact").asBoolean(), json.path("file_hit_rate").asDouble(),
        json.path("normalized_edit_distance").asDouble(), json.path("jaccard_similarity").asDouble(),
        error.isNull() ? null : error.asText());
  }

  /** One JSONL line (no line end), field names as the harness's instance details name them. */
  public String toJsonLine() {
    JsonText out = new JsonText(256);
    out.raw("{\"instance_id\": ").quoted(instanceId)
        .raw(", \"applied\": ").raw(applies ? "true" : "false")
        .raw(", \"exact\": ").raw(exact ? "true" : "false")
        .raw(", \"file_hit_rate\": ").raw(PyJson.floatRepr(fileHitRate))
        .raw(", \"normalized_edit_distance\": ").raw(PyJson.floatRepr(editDistance))
        .raw(", \"jaccard_similarity\": ").raw(PyJson.floatRepr(tokenJaccard))
        .raw(", \"apply_error\": ");
    PyJson.writeNullableString(out, applyError);
    return out.raw('}').toString();
  }
}
