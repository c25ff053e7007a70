package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.editbench.core.Jsonl;

/**
 * The figures of the evaluation harness's report {@code {name}-{run_id}-output.json} that join a
 * summary row: {@code %resolved}, {@code %applied} (percentages) and {@code avg_CodeBLEU}. A figure
 * the report lacks (the harness writes them only when it completed an instance) is NaN.
 */
public record HarnessReport(Path file, double pctResolved, double pctApplied, double avgCodeBleu) {

  /**
   * The report for a prediction file: beside it, else in a folder above it up to the model's folder
   * (the gold model's reports sit in {@code experiment_results/gold/}).
   */
  public static Optional<HarnessReport> find(PredictionFile predictions, Path resultsDir) {
    String name = predictions.dataset() + "-" + predictions.runId() + "-output.json";
    Path modelDir = resultsDir.resolve(predictions.model());
    for (Path dir = predictions.file().getParent();
        dir != null && dir.startsWith(modelDir);
        dir = dir.getParent()) {
      Path report = dir.resolve(name);
      if (Files.isRegularFile(report)) {
        return Optional.of(read(report));
      }
    }
    return Optional.empty();
  }

  public static HarnessReport read(Path report) {
    JsonNode json = Jsonl.readDocument(report, "harness report");
    return new HarnessReport(
        report, number(json, "%resolved"), number(json, "%applied"), number(json, "avg_CodeBLEU"));
  }

  private static double number(JsonNode json, String field) {
    JsonNode value = json.path(field);
    return value.isNumber() ? value.asDouble() : Double.NaN;
  }
}
