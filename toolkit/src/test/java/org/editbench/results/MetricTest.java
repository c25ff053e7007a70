package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.editbench.core.Jsonl;
import org.editbench.core.PyJson;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Each metric is defined once, and every output takes its metrics from the definitions. */
class MetricTest {
  private static final String PROMPT =
      "Task.\n<code>\n[start of a.py]\n1 x = 1\n2 y = 2\n3 \n[end of a.py]\n</code>";
  private static final String TRUTH =
      "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,2 +1,2 @@\n x = 1\n-y = 2\n+y = 20\n";
  private static final Map<String, String> FILES = Map.of("a.py", "x = 1\ny = 2\n");

  /** A metric that is not one of ours: the lines a patch adds, aggregated by their total. */
  private static final Metric ADDED_LINES =
      new Metric(
          "added_lines",
          "added_line_count",
          "added",
          Metric.Kind.NUMBER,
          Metric.Scale.SCORE,
          false,
          c -> c.patch().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count(),
          values -> java.util.Arrays.stream(values).sum());

  @TempDir Path root;

  @Test
  void namesKeysAndLabelsAreDefinedOnceEach() {
    assertEquals(
        List.of("applies", "exact", "file_hit_rate", "edit_distance", "token_jaccard"),
        Metric.columns());
    assertEquals(
        List.of(
            "applied", "exact", "file_hit_rate", "normalized_edit_distance", "jaccard_similarity"),
        Metric.ALL.stream().map(Metric::jsonKey).toList());
    assertEquals(
        Metric.ALL.size(), new HashSet<>(Metric.ALL.stream().map(Metric::label).toList()).size());
    assertEquals(Metric.EDIT_DISTANCE, Metric.byColumn("edit_distance"));
    assertThrows(IllegalArgumentException.class, () -> Metric.byColumn("jaccard_similarity"));
  }

  @Test
  void everyDefinitionReachesScoreFilesStoredResultsTheSummaryItsFormatsAndThePredictionTable()
      throws IOException {
    Path results = root.resolve("results");
    Path infbench = root.resolve("infbench");
    write(
        infbench.resolve("all-task-instances_0.2.jsonl"),
        "{\"instance_id\": \"i1\", \"prompt\": "
            + PyJson.quote(PROMPT)
            + ", \"ground_truth\": "
            + PyJson.quote(TRUTH)
            + "}\n");
    write(
        results.resolve("m/T=0/n=1/all-task-instances_0.2.jsonl"),
        "{\"instance_id\": \"i1\", \"prompt\": "
            + PyJson.quote(PROMPT)
            + ", \"model_patch\": "
            + PyJson.quote(TRUTH)
            + ", \"cost\": 0.1}\n");
    PredictionFile file =
        PredictionFile.find(results, List.of(), List.of(), Reporter.SILENT).get(0);
    JsonNode scoreLine =
        Jsonl.MAPPER.readTree(
            Files.readString(
                Scoring.writeMetrics(List.of(file), infbench, Reporter.SILENT)
                    .get(0)
                    .metricsFile()));
    JsonNode stored =
        Jsonl.MAPPER
            .readTree(Files.readString(FileResultsStore.entryFile(file)))
            .path("metrics")
            .get(0);
    Table summary =
        ResultsSummary.summarize(results, infbench, List.of(), List.of(), Reporter.SILENT);
    Table predictions =
        PredictionTable.load(results, infbench, List.of(), "0.2", Reporter.SILENT).table();
    List<String> keys = new ArrayList<>();
    scoreLine.fieldNames().forEachRemaining(keys::add);
    List<String> expectedKeys = new ArrayList<>(List.of("instance_id"));
    Metric.ALL.forEach(m -> expectedKeys.add(m.jsonKey()));
    expectedKeys.add("apply_error");
    assertEquals(expectedKeys, keys, "score files: a key per definition, in order");
    for (Metric metric : Metric.ALL) {
      assertTrue(stored.has(metric.jsonKey()), metric + " in the stored results");
      assertTrue(summary.containsColumn(metric.column()), metric + " in the summary");
      assertTrue(ResultsSummary.OVERVIEW.contains(metric.column()), metric + " in the overview");
      assertTrue(predictions.containsColumn(metric.column()), metric + " in the prediction table");
      assertTrue(ColumnFormats.isUnitInterval(metric.column()), metric + " drawn on a 0-1 axis");
      double best = metric.lowerIsBetter() ? 0 : 1;
      assertEquals(
          best,
          summary.doubleColumn(metric.column()).get(0),
          metric + ": the ground truth scores best");
      assertTrue(metric.isBest(best));
    }
  }

  @Test
  void aNewDefinitionIsComputedWrittenAndSummarizedByTheCodeThatIteratesTheDefinitions()
      throws IOException {
    List<Metric> metrics = new ArrayList<>(Metric.ALL);
    metrics.add(ADDED_LINES);
    String twoLines = TRUTH + "+z = 3\n";
    InstanceMetrics scored = InstanceMetrics.score("i1", FILES, TRUTH, twoLines, metrics);
    assertEquals(2.0, scored.value(ADDED_LINES));
    String line = scored.toJsonLine();
    assertTrue(
        line.endsWith(
            ", \"jaccard_similarity\": 0.75, \"added_line_count\": 2.0, \"apply_error\": null}"),
        line);
    assertFalse(
        InstanceMetrics.score("i1", FILES, TRUTH, twoLines).values().containsKey(ADDED_LINES));

    write(root.resolve("r/m/T=0/n=1/all-task-instances_0.2.jsonl"), "{\"instance_id\": \"i1\"}\n");
    PredictionFile file =
        PredictionFile.find(root.resolve("r"), List.of(), List.of(), Reporter.SILENT).get(0);
    FileResults results =
        new FileResults(
            2,
            List.of(),
            List.of(scored, InstanceMetrics.score("i2", FILES, TRUTH, TRUTH, metrics)),
            List.of());
    ResultsSummary.Columns columns = new ResultsSummary.Columns(metrics);
    columns.add(file, results, null);
    Table summary = columns.table();
    assertEquals(
        3.0,
        summary.doubleColumn("added_lines").get(0),
        "aggregated as defined: 2 + 1 added lines");
    assertEquals(
        List.of("token_jaccard", "added_lines", "harness_pct_resolved"),
        summary
            .columnNames()
            .subList(
                summary.columnIndex("token_jaccard"), summary.columnIndex("token_jaccard") + 3));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
