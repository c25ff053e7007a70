package org.editbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.editbench.bench.BenchInstance;
import org.editbench.cli.SampleData;
import org.editbench.core.Reporter;
import org.editbench.inference.ApiEnvironment;
import org.editbench.inference.Combination;
import org.editbench.inference.FilterStats;
import org.editbench.inference.ModelSpec;
import org.editbench.inference.Progress;
import org.editbench.inference.RunStats;
import org.editbench.progress.ProgressSnapshot;
import org.editbench.progress.ProgressTracker;
import org.editbench.results.ResultsSummary;
import org.editbench.retrieval.SampleClones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class WorkspaceTest {
  @TempDir Path dir;

  @Test
  void editbenchHomeWinsAndIsNamed() throws Exception {
    Path home = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("crawled_data"));
    Workspace workspace = Workspace.locate(Map.of("EDITBENCH_HOME", "data"), dir);
    assertEquals(home, workspace.root());
    assertTrue(
        workspace.toString().startsWith("EditBench data folder: " + home + " — $EDITBENCH_HOME"),
        workspace.toString());
  }

  @Test
  void aMissingEditbenchHomeIsAnErrorThatSaysWhatToDo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Workspace.locate(Map.of("EDITBENCH_HOME", "/no/such/folder"), dir));
    assertTrue(
        e.getMessage().contains("EDITBENCH_HOME=/no/such/folder is not a folder"), e.getMessage());
  }

  @Test
  void theWorkingDirectoryWhenItHoldsTheData() throws Exception {
    Files.createDirectories(dir.resolve("patch_histories"));
    Workspace workspace = Workspace.locate(Map.of("EDITBENCH_HOME", " "), dir);
    assertEquals(dir, workspace.root());
    assertEquals("EditBench data folder: . — the working directory", workspace.toString());
  }

  @Test
  void theRepositoryRootWhenTheKernelRunsInNotebooks() throws Exception {
    Files.createDirectories(dir.resolve("crawled_data/bench"));
    Path notebooks = Files.createDirectories(dir.resolve("notebooks"));
    Workspace workspace = Workspace.locate(Map.of(), notebooks);
    assertEquals(dir, workspace.root());
    // Relative, so that a saved notebook names no folder of the machine that ran it.
    assertTrue(
        workspace.toString().startsWith("EditBench data folder: .. — the folder above"),
        workspace.toString());
    assertTrue(
        workspace.toString().contains("the repository root when the kernel runs in notebooks/"),
        workspace.toString());
  }

  @Test
  void elseTheWorkingDirectoryWithAHint() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("a/b"));
    Workspace workspace = Workspace.locate(Map.of(), empty);
    assertEquals(empty, workspace.root());
    assertTrue(workspace.toString().contains("set EDITBENCH_HOME"), workspace.toString());
  }

  @Test
  void bm25VariantsRetrieveFromTheDataFoldersClonesWhateverTheKernelsWorkingDirectory()
      throws Exception {
    SampleData.copyTo(dir);
    Map<String, String> baseCommits = SampleClones.inventoryCloneIn(dir);
    Workspace eb = Workspace.locate(Map.of(), Files.createDirectories(dir.resolve("notebooks")));

    eb.buildInfbench(List.of("0.2", "0.2_bm25_1"));

    Path infbench = dir.resolve("crawled_data/infbench");
    List<BenchInstance> oracle =
        EditBench.loadBench(
            infbench.resolve("acme-inventory-task-instances_0.2.jsonl"), Reporter.SILENT);
    List<BenchInstance> retrieved =
        EditBench.loadBench(
            infbench.resolve("acme-inventory-task-instances_0.2_bm25_1.jsonl"), Reporter.SILENT);
    assertEquals(baseCommits.size(), retrieved.size());
    // Without the clone (looked for under notebooks/repos), BM25 kept the oracle context: every
    // prompt was the same. One instance's best file is the one the oracle shows.
    long differing =
        IntStream.range(0, retrieved.size())
            .filter(i -> !oracle.get(i).prompt().equals(retrieved.get(i).prompt()))
            .count();
    assertEquals(retrieved.size() - 1, differing);
  }

  /** One combination of a run of model m, for the progress tests. */
  private static Combination aCombination() {
    return new Combination(
        "acme/inventory",
        "0.2",
        Path.of("in.jsonl"),
        ModelSpec.builder("m").build(),
        Path.of("out.jsonl"));
  }

  @Test
  void aRunsProgressTotalSpansEveryCombinationFromTheStart() {
    List<ProgressSnapshot> seen = new ArrayList<>();
    ProgressTracker tracker = new ProgressTracker("run-api m", seen::add);
    CombinationProgress progress = new CombinationProgress("run-api m", tracker);
    Combination first = aCombination();

    progress.planned(List.of(first, first), 14);
    assertEquals(14, tracker.snapshot().total());
    // 7 instances, 2 already done and 1 over the token limit: 4 to run.
    progress.started(
        first, new FilterStats(7, 2, List.of(), 0, 4, 1, 0, 0, List.of(), 10, 10.0, 10, 100));
    assertEquals(11, tracker.snapshot().total());
    progress.progress(
        first, new Progress(1, 0, 4, 1, 0, 0.001, 0, java.time.Duration.ofSeconds(1)));
    assertEquals(1, tracker.snapshot().done());
    assertEquals(11, tracker.snapshot().total());
  }

  @Test
  void whatAResumedBatchRunFindsDoneMovesTheBarButNotTheRate() {
    ProgressTracker tracker = new ProgressTracker("run-api m", snapshot -> {});
    CombinationProgress progress = new CombinationProgress("run-api m", tracker);
    Combination combination = aCombination();
    progress.planned(List.of(combination), 10);
    progress.started(
        combination,
        new FilterStats(10, 0, List.of(), 0, 10, 0, 0, 0, List.of(), 10, 10.0, 10, 100));
    // The provider finished 6 while no process watched; then this process sees one more.
    progress.progress(
        combination, new Progress(6, 6, 10, 6, 0, 0.006, 0, java.time.Duration.ofSeconds(1)));
    progress.progress(
        combination, new Progress(7, 6, 10, 7, 0, 0.007, 0, java.time.Duration.ofSeconds(2)));
    assertEquals(7, tracker.snapshot().done());
    assertEquals(6, tracker.snapshot().foundDone());
  }

  @Test
  void runApiReadsTheKeysInTheDataFoldersEnvFileWhenTheKernelRunsInNotebooks() throws Exception {
    SampleData.copyTo(dir);
    Files.writeString(dir.resolve(".env"), "OPENAI_KEYS=sk-data-folder-0123456789\n");
    Workspace eb = Workspace.locate(Map.of(), Files.createDirectories(dir.resolve("notebooks")));
    List<String> keys = eb.runApiOptions().models("gold").build().environment().apiKeys();
    // The process environment wins, as in the CLI: only a machine without keys sees the file's.
    Map<String, String> process = System.getenv();
    boolean processHasKeys =
        !process.getOrDefault("OPENAI_KEYS", process.getOrDefault("OPENAI_KEY", "")).isBlank();
    assertEquals(
        processHasKeys
            ? ApiEnvironment.fromProcess().apiKeys()
            : List.of("sk-data-folder-0123456789"),
        keys,
        "the data folder's .env was not read, only the working directory's");
  }

  @Test
  void runsThePipelineWithPlainValues() throws Exception {
    SampleData.copyTo(dir);
    Workspace eb = Workspace.locate(Map.of(), Files.createDirectories(dir.resolve("notebooks")));
    assertEquals(List.of("acme/inventory", "acme/textkit"), eb.repositories());
    assertEquals(7, eb.bench().size());

    assertEquals(2, eb.buildInfbench(List.of("0.2")).size());
    assertEquals(7, eb.mergeAllInfbench().get(0).records());
    assertEquals(7, eb.infbench("0.2").size());
    IllegalArgumentException unmerged =
        assertThrows(IllegalArgumentException.class, () -> eb.infbench("0.3"));
    assertEquals(
        "no merged infbench file for run_id 0.3 (crawled_data/infbench/all-task-instances_0.3.jsonl);"
            + " run_ids merged: 0.2. buildInfbench(runIds) and mergeAllInfbench() make them"
            + " (notebook 01)",
        unmerged.getMessage());
    List<RunStats> runs = eb.runApi("gold", List.of("0.2"));
    assertEquals(7, runs.stream().mapToInt(RunStats::succeeded).sum());
    // Before the merge, the summary of merged files has nothing to show: it says why, not an empty
    // table.
    assertEquals(
        "predictions not merged into all-task-instances files, so not in this summary: gold · 0.2;"
            + " merge them with mergeResults(model) (notebook 03), or see every dataset's rows with"
            + " EditBench.summarize(…)",
        assertThrows(IllegalArgumentException.class, () -> eb.summarize(List.of("gold"), List.of()))
            .getMessage());
    assertEquals(7, eb.mergeResults("gold").get(0).records());
    // A merged file with an answer the merge would drop is kept, unless forced (as --force).
    Path merged = eb.paths().resultsDir().resolve("gold/T=0/n=1/all-task-instances_0.2.jsonl");
    Files.writeString(
        merged, Files.readString(merged).replace("acme__textkit-pull-11", "acme__textkit-pull-99"));
    assertThrows(IllegalArgumentException.class, () -> eb.mergeResults("gold"));
    assertEquals(7, eb.mergeResults("gold", true).get(0).records());
    // Datasets are named as the infbench files built from the bench files are.
    assertEquals(
        List.of("acme/inventory", "acme/textkit"),
        eb.runApiOptions().models("gold").runIds("0.2").build().datasetNames());

    Table summary = eb.summarize(List.of("gold"), List.of());
    assertEquals(1, summary.rowCount());
    // null for "all", as EditBench.models(null) takes it; where one is needed, said so.
    assertEquals(1, eb.summarize(null, null).rowCount());
    assertEquals(
        3,
        EditBench.summarize(
                eb.paths().resultsDir(), eb.paths().infbenchDir(), null, null, Reporter.SILENT)
            .rowCount(),
        "the facade takes null for all too (a NullPointerException before): every dataset's row");
    assertEquals(7, eb.predictions(null, "0.2").size());
    assertEquals(
        "runIds: give the run_ids, e.g. List.of(\"0.2\", \"0.2_body_issue\")",
        assertThrows(IllegalArgumentException.class, () -> eb.runApi("gold", null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> eb.predictions(null, null));
    assertEquals("all", summary.getString(0, ResultsSummary.DATASET));
    assertEquals(1.0, summary.doubleColumn(ResultsSummary.APPLIES).get(0));
    assertEquals(
        2,
        eb.writeCharts(summary, ResultsSummary.APPLIES).stream()
            .filter(Files::isRegularFile)
            .count());
  }
}
