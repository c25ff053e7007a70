package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.editbench.core.DataFormatException;
import org.editbench.core.Jsonl;

/**
 * The figures of the evaluation harness's report {@code {name}-{run_id}-output.json} that join a
 * summary row: {@code %resolved}, {@code %applied} (percentages) and {@code avg_CodeBLEU}. A figure
 * the report lacks (the harness writes them only when it completed an instance) is NaN.
 */
public record HarnessReport(Path file, double pctResolved, double pctApplied, double avgCodeBleu) {

  /**
   * The report for a prediction file: beside it, else in a folder above it up to the model's folder
   * (the gold model's reports sit in {@code experiment_results/gold/}) — but only while the model
   * has predictions at one temperature and sample count: a report above several {@code T=/n=}
   * folders would be joined to each of their rows, though it scored one.
   */
  public static Optional<HarnessReport> find(PredictionFile predictions, Path resultsDir) {
    String name = predictions.dataset() + "-" + predictions.runId() + "-output.json";
    Path modelDir = resultsDir.resolve(predictions.model());
    Path beside = predictions.file().getParent();
    for (Path dir = beside; dir != null && dir.startsWith(modelDir); dir = dir.getParent()) {
      Path report = dir.resolve(name);
      if (Files.isRegularFile(report)) {
        return dir.equals(beside) || settingsFolders(modelDir) == 1
            ? Optional.of(read(report))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** How many {@code T=…/n=…} folders the model's folder holds. */
  private static long settingsFolders(Path modelDir) {
    try (Stream<Path> temperatures = Files.list(modelDir)) {
      return temperatures
          .filter(t -> Files.isDirectory(t) && t.getFileName().toString().startsWith("T="))
          .mapToLong(
              t -> {
                try (Stream<Path> samples = Files.list(t)) {
                  return samples
                      .filter(
                          n -> Files.isDirectory(n) && n.getFileName().toString().startsWith("n="))
                      .count();
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The figures of {@code report}.
   *
   * @throws DataFormatException it is not a JSON object, or a figure is not a number in its range
   *     (percentages 0–100, CodeBLEU not negative): a summary shows none of its figures rather than
   *     a wrong one
   */
  public static HarnessReport read(Path report) {
    JsonNode json = Jsonl.readDocument(report, "harness report");
    if (!json.isObject()) {
      throw new DataFormatException(
          report,
          "not a harness report: "
              + (json.isMissingNode() ? "the file is empty" : Jsonl.describe(json))
              + ", where the harness writes an object with %resolved, %applied and avg_CodeBLEU");
    }
    return new HarnessReport(
        report,
        number(report, json, "%resolved", 100),
        number(report, json, "%applied", 100),
        number(report, json, "avg_CodeBLEU", Double.POSITIVE_INFINITY));
  }

  /** A figure between 0 and {@code max}; NaN when the report lacks it. */
  private static double number(Path report, JsonNode json, String field, double max) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return Double.NaN;
    }
    if (!value.isNumber()) {
      throw new DataFormatException(
          report, field + " is " + Jsonl.describe(value) + ", not a number");
    }
    double number = value.asDouble();
    if (!(number >= 0 && number <= max)) {
      throw new DataFormatException(
          report,
          field + " is " + value + (max == 100 ? ", not a percentage (0 to 100)" : ", below 0"));
    }
    return number;
  }
}
