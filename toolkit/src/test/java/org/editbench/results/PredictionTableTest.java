package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.editbench.EditBench;
import org.editbench.bench.BenchInstance;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;
import org.editbench.inference.PromptFingerprint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The sample bench answered by gold and by the last-step baseline, as notebook 04 looks at it. */
class PredictionTableTest {
  @TempDir static Path root;
  private static PredictionTable both;

  @BeforeAll
  static void runBothBaselines() throws Exception {
    both = TwoBaselines.run(root);
  }

  @Test
  void goldIsPerfectAndTheLastStepBaselineAnswersWithTheLastHistoryStep() {
    assertEquals(14, both.size(), "7 instances × 2 models");
    PredictionTable gold = both.model("gold");
    assertEquals(7, gold.size());
    assertTrue(
        gold.rows().stream()
            .allMatch(
                d ->
                    d.metric(ResultsSummary.EXACT) == 1
                        && d.metric(ResultsSummary.EDIT_DISTANCE) == 0
                        && d.metric(ResultsSummary.TOKEN_JACCARD) == 1));

    PredictionTable lastStep = both.model("last-step");
    assertEquals(7, lastStep.size());
    for (PredictionDetail d : lastStep.rows()) {
      List<String> history = d.record().preEdits();
      assertEquals(
          history.get(history.size() - 1).strip(),
          d.prediction().modelPatch().strip(),
          d.instanceId());
      assertEquals(0.0, d.metric(ResultsSummary.EXACT), d.instanceId());
    }
    assertTrue(
        lastStep.rows().stream().anyMatch(d -> d.metric(ResultsSummary.EDIT_DISTANCE) > 0.3),
        "the baseline is not trivially all ones");
  }

  @Test
  void rowsFollowTheInfbenchFileNotTheOrderRequestsEndedIn() throws Exception {
    Path merged = root.resolve("experiment_results/gold/T=0/n=1/all-task-instances_0.4.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(merged));
    Collections.reverse(lines);
    Files.write(merged, lines);
    List<String> infbenchOrder =
        EditBench.loadBench(
                root.resolve("crawled_data/infbench/all-task-instances_0.4.jsonl").toString())
            .stream()
            .map(BenchInstance::instanceId)
            .toList();

    PredictionTable gold =
        PredictionTable.load(
            root.resolve("experiment_results"),
            root.resolve("crawled_data/infbench"),
            List.of("gold"),
            "0.4",
            Reporter.SILENT);

    assertEquals(infbenchOrder, gold.rows().stream().map(PredictionDetail::instanceId).toList());
  }

  @Test
  void anAnswerToARecordWithAnEmptyPromptIsShownUnscored(@TempDir Path copy) throws Exception {
    // An answer from elsewhere to an instance whose record has an empty prompt, which run-api
    // never asks for: shown, without metrics, as scoring leaves it out.
    Path infbench = Files.createDirectories(copy.resolve("infbench"));
    Path results = copy.resolve("results/gold/T=0/n=1");
    Files.createDirectories(results);
    String name = "all-task-instances_0.4.jsonl";
    Files.copy(
        root.resolve("experiment_results/gold/T=0/n=1").resolve(name), results.resolve(name));
    List<String> records =
        new ArrayList<>(Files.readAllLines(root.resolve("crawled_data/infbench").resolve(name)));
    ObjectNode first = (ObjectNode) Jsonl.MAPPER.readTree(records.get(0));
    first.put("prompt", "");
    String emptied = Jsonl.MAPPER.writeValueAsString(first);
    records.set(0, emptied);
    Files.write(infbench.resolve(name), records);

    PredictionTable gold =
        PredictionTable.load(
            copy.resolve("results"), infbench, List.of("gold"), "0.4", Reporter.SILENT);
    assertEquals(7, gold.size());
    assertEquals(6, gold.rows().stream().filter(d -> d.metrics() != null).count());
  }

  @Test
  void predictionsWithoutTheirInfbenchFileSayWhatToMerge(@TempDir Path copy) throws Exception {
    Path results = Files.createDirectories(copy.resolve("results/gold/T=0/n=1"));
    String name = "all-task-instances_0.4.jsonl";
    Files.copy(
        root.resolve("experiment_results/gold/T=0/n=1").resolve(name), results.resolve(name));
    Path infbench = Files.createDirectories(copy.resolve("infbench"));
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    PredictionTable.load(
                        copy.resolve("results"), infbench, List.of("gold"), "0.4", Reporter.SILENT))
            .getMessage();
    assertTrue(
        message.startsWith("no infbench file " + infbench.resolve(name) + " for the predictions"),
        message);
    assertTrue(message.endsWith("in a notebook, mergeAllInfbench(): notebook 01)"), message);
  }

  @Test
  void worstFirstByEachMetric() {
    PredictionTable byDistance = both.worstFirst(ResultsSummary.EDIT_DISTANCE);
    List<Double> distances =
        byDistance.rows().stream().map(d -> d.metric(ResultsSummary.EDIT_DISTANCE)).toList();
    for (int i = 1; i < distances.size(); i++) {
      assertTrue(
          distances.get(i - 1) >= distances.get(i), "highest edit distance first: " + distances);
    }
    PredictionTable byJaccard = both.worstFirst(ResultsSummary.TOKEN_JACCARD);
    assertEquals("last-step", byJaccard.row(0).model());
    assertEquals("gold", byJaccard.row(byJaccard.size() - 1).model());

    PredictionDetail failed =
        new PredictionDetail(
            "m",
            "0",
            "0.4",
            both.row(0).record(),
            new Prediction("x", -1, null, 0, 0, "HTTP 400: bad", PromptFingerprint.NONE),
            null,
            false);
    PredictionDetail otherPrompt =
        new PredictionDetail(
            "m", "0", "0.4", both.row(0).record(), both.row(0).prediction(), null, true);
    PredictionTable withFailure =
        new PredictionTable(List.of(otherPrompt, both.row(0), failed, both.row(1)));
    for (String metric : List.of(ResultsSummary.APPLIES, ResultsSummary.EDIT_DISTANCE)) {
      PredictionTable sorted = withFailure.worstFirst(metric);
      assertEquals("failed", sorted.row(0).status(), "failures are the worst");
      assertEquals(
          "other prompt", sorted.row(3).status(), "an answer not scored is judged by no value");
    }
  }

  @Test
  void filtersAndTheTable() {
    PredictionTable imperfect = both.where(ResultsSummary.TOKEN_JACCARD, j -> j < 1);
    assertTrue(imperfect.rows().stream().allMatch(d -> d.model().equals("last-step")));
    Table table = imperfect.worstFirst(ResultsSummary.TOKEN_JACCARD).table();
    assertEquals(
        List.of(
            "row",
            "model",
            "run_id",
            "instance_id",
            "status",
            "applies",
            "exact",
            "file_hit_rate",
            "edit_distance",
            "token_jaccard",
            "cost"),
        table.columnNames());
    assertEquals(0, table.intColumn("row").get(0));
    // A prediction applies or not: yes or no, not 0.0% or 100.0%.
    assertEquals(List.of("no"), table.stringColumn("exact").unique().asList());
    assertTrue(
        both.table().stringColumn("exact").asList().containsAll(List.of("yes", "no")),
        both.table().print());
    assertEquals(imperfect.size(), table.rowCount());
    assertThrows(IndexOutOfBoundsException.class, () -> imperfect.row(imperfect.size()));
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> EditBench.open(root.toString()).predictions(List.of("nobody"), "0.4"));
    assertTrue(
        none.getMessage().startsWith("no prediction files of model nobody under ")
            && none.getMessage().endsWith("(models there: gold, last-step)"),
        none.getMessage());
  }
}
