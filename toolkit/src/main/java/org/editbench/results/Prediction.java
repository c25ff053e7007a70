package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.editbench.core.JsonLineReader;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;
import org.editbench.core.TextField;
import org.editbench.inference.PromptFingerprint;

/**
 * One record of a prediction file: a success ({@code model_patch}, {@code cost}, {@code
 * response_time}) or a failure ({@code status: "failed"}, {@code error}).
 *
 * @param promptTokens the tokens of the prompt as sent, counted while reading (the prompt itself,
 *     some 100 kB, is not kept); -1 when not counted
 * @param modelPatch null when the model's answer held no patch
 * @param error null for a success
 * @param promptFingerprint the {@link PromptFingerprint} of the prompt as sent; {@link
 *     PromptFingerprint#NONE} when the record has none
 */
public record Prediction(
    String instanceId,
    int promptTokens,
    String modelPatch,
    double cost,
    double responseTime,
    String error,
    long promptFingerprint) {
  /** The fields {@link #of} reads. */
  private static final List<String> FIELDS =
      List.of("instance_id", "prompt", "model_patch", "cost", "response_time", "status", "error");

  /** What is kept of a prompt read: the prompt itself is not. */
  private record PromptRead(int tokens, long fingerprint) {}

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
   * objects are reported with {@code file:line} and left out. Prompts are not counted.
   */
  public static List<Prediction> read(Path file, Reporter reporter) {
    return read(file, null, reporter);
  }

  /**
   * {@link #read(Path, Reporter)}, with each prompt's tokens counted by {@code tokens} (null: not
   * counted) from the characters as they are decoded.
   */
  static List<Prediction> read(Path file, PromptTokens tokens, Reporter reporter) {
    Map<String, Prediction> byInstance = new LinkedHashMap<>();
    TextField prompt =
        (text, length) ->
            new PromptRead(
                tokens == null ? -1 : tokens.count(text, length),
                PromptFingerprint.of(text, 0, length));
    List<Jsonl.Line> lines =
        JsonLineReader.readObjectsLeniently(
            file, reporter, "left out", FIELDS, Map.of("prompt", prompt));
    for (Jsonl.Line line : lines) {
      if (!line.json().path("instance_id").isTextual()) {
        reporter.warn(
            file + ":" + line.number() + ": not a prediction record (no instance_id); left out");
        continue;
      }
      JsonNode patch = line.json().path("model_patch");
      if (!patch.isTextual() && !patch.isNull() && !patch.isMissingNode()) {
        // null is how other tools say "no patch"; a number or an object is a record gone wrong.
        reporter.warn(
            file
                + ":"
                + line.number()
                + ": model_patch is "
                + patch.getNodeType().name().toLowerCase(Locale.ROOT)
                + ", not a string; scored as an empty patch");
      }
      Prediction p = of(line.json(), tokens);
      Prediction earlier = byInstance.get(p.instanceId());
      if (earlier == null || !earlier.succeeded()) {
        byInstance.put(p.instanceId(), p);
      }
    }
    return new ArrayList<>(byInstance.values());
  }

  private static Prediction of(JsonNode node, PromptTokens tokens) {
    boolean failed = "failed".equals(node.path("status").asText(null));
    JsonNode patch = node.path("model_patch");
    JsonNode prompt = node.path("prompt");
    PromptRead read;
    if (prompt instanceof POJONode decoded) {
      read = (PromptRead) decoded.getPojo();
    } else {
      // Only a string is a prompt to compare; a number is counted as the text it reads as.
      String text = prompt.asText("");
      read =
          new PromptRead(
              tokens == null ? -1 : tokens.count(text),
              prompt.isTextual() ? PromptFingerprint.of(text) : PromptFingerprint.NONE);
    }
    return new Prediction(
        node.path("instance_id").asText(),
        read.tokens(),
        patch.isTextual() ? patch.asText() : null,
        node.path("cost").asDouble(0.0),
        node.path("response_time").asDouble(Double.NaN),
        failed ? node.path("error").asText("") : null,
        read.fingerprint());
  }
}
