package org.editbench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.editbench.EditBench;
import org.editbench.cli.SampleData;
import org.editbench.core.DataPaths;
import org.editbench.core.RecordingReporter;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunObserver;
import org.editbench.retrieval.Bm25Settings;
import org.editbench.retrieval.SampleClones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline says what each stage did in a line, through the caller's reporter, and nothing more;
 * it reads and writes the caller's data folder only.
 */
class PipelineTest {
  @TempDir Path home;

  @Test
  void aBenchOfOnlyTheMergedFileSaysHowToBuildFromIt() throws IOException {
    Path bench = Files.createDirectories(home.resolve("crawled_data/bench"));
    String message =
        assertThrows(IllegalArgumentException.class, () -> Pipeline.perRepositoryBenchFiles(bench))
            .getMessage();
    assertEquals(
        "no per-repository bench files ({name}-task-instances.jsonl) in " + bench, message);
    Files.writeString(bench.resolve("all-task-instances.jsonl"), "{\"instance_id\": \"a\"}\n");
    message =
        assertThrows(IllegalArgumentException.class, () -> Pipeline.perRepositoryBenchFiles(bench))
            .getMessage();
    assertTrue(
        message.contains(", only the merged all-task-instances.jsonl, while the pipeline"),
        message);
    assertTrue(message.contains("editbench prompt-builder --dataset-name "), message);
  }

  @Test
  void eachStageReportsOneLineAndASecondRunFindsEverythingDone() throws IOException {
    SampleData.copyTo(home);
    DataPaths paths = new DataPaths(home);

    RecordingReporter first = new RecordingReporter();
    Pipeline.Report report = run(paths, first);
    assertEquals(
        List.of(
            "data folder: " + home,
            "infbench: 2 bench files x 5 variants: 35 records written, 0 already present, 0 invalid "
                + "(crawled_data/infbench)",
            "merge-all-infbench: 5 'all' infbench files, 35 records",
            "inference: gold, 10 runs: 35 succeeded, 0 failed, 0 over the token limit, 0 already done; "
                + "cost $0.0000, retries 0",
            "merge-results: gold, 5 'all' prediction files, 35 records (experiment_results/gold/T=0/n=1)"),
        first.infos);
    assertEquals(List.of(), first.warnings);
    // The build's progress names the bench file among the others (a stop's notice quotes it).
    assertEquals(
        List.of(
            "prompt-builder, bench file 1 of 2 (acme-inventory-task-instances.jsonl): 4/4",
            "prompt-builder, bench file 2 of 2 (acme-textkit-task-instances.jsonl): 3/3"),
        first.progress.stream()
            .filter(p -> p.startsWith("prompt-builder") && (p.endsWith("4/4") || p.endsWith("3/3")))
            .toList());
    assertEquals(5, report.summary().rowCount());
    assertEquals(
        List.of(
            home.resolve("experiment_results/charts/applies-by-run-id.png"),
            home.resolve("experiment_results/charts/applies-by-info-ratio.png")),
        report.charts());

    RecordingReporter second = new RecordingReporter();
    run(paths, second);
    assertEquals(5, second.infos.size(), String.join("\n", second.infos));
    assertEquals(
        "infbench: 2 bench files x 5 variants: 0 records written, 35 already present, 0 invalid "
            + "(crawled_data/infbench)",
        second.infos.get(1));
    assertEquals(
        "inference: gold, 10 runs: 0 succeeded, 0 failed, 0 over the token limit, 35 already done; "
            + "cost $0.0000, retries 0",
        second.infos.get(3));
    assertEquals(List.of(), second.warnings);
  }

  @Test
  void bm25VariantsRetrieveFromTheDataFoldersClonesThroughOneContextSource(@TempDir Path cache)
      throws IOException {
    SampleData.copyTo(home);
    SampleClones.inventoryCloneIn(home);
    DataPaths paths = new DataPaths(home);

    RecordingReporter reporter = new RecordingReporter();
    Pipeline.Report report =
        Pipeline.run(
            paths,
            Pipeline.DEFAULT_MODELS,
            List.of("0.2_bm25_1"),
            paths.resultsDir().resolve("charts"),
            Bm25Settings.defaults(paths).withCacheDirectory(cache),
            reporter,
            RunObserver.NONE);

    // acme/inventory's instances are retrieved from home's repos/ (not the working directory's);
    // acme/textkit's have no base_commit, counted over the run by its one context source
    assertEquals(Map.of("0.2_bm25_1", 3L), report.bm25OracleFallbacks());
    assertEquals(
        "BM25: 3 instances kept the oracle context, no base_commit or no clone (0.2_bm25_1: 3)",
        reporter.infos.get(2));
    assertEquals(
        List.of(), reporter.warnings.stream().filter(w -> !w.contains("base_commit")).toList());
    assertEquals(home.resolve("repos"), Bm25Settings.defaults(paths).reposRoot());
  }

  @Test
  void invalidInstancesAreCountedAndNamed() throws IOException {
    SampleData.copyTo(home);
    // one history file gone: its instance cannot be built, the others are
    try (var histories = Files.list(home.resolve("patch_histories"))) {
      Path history = histories.sorted().findFirst().orElseThrow();
      deleteTree(history);
    }
    RecordingReporter reporter = new RecordingReporter();
    run(new DataPaths(home), reporter);
    assertEquals(
        "infbench: 2 bench files x 5 variants: 30 records written, 0 already present, 5 invalid "
            + "(crawled_data/infbench)",
        reporter.infos.get(1));
    assertTrue(
        reporter.warnings.stream().anyMatch(w -> w.startsWith("skipped invalid instance")),
        reporter.warnings.toString());
  }

  @Test
  void withoutABenchFolderItSaysWhereItLookedAndHowToPointAtTheData() throws IOException {
    IllegalArgumentException nothing =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(new DataPaths(home), new RecordingReporter()));
    assertEquals(
        "no bench folder: looked for crawled_data/bench in "
            + home
            + " (the data folder: $EDITBENCH_HOME "
            + "when it is set, else the working directory). Run from the folder that holds crawled_data/bench and "
            + "patch_histories (the repository root, for the bundled sample), or set EDITBENCH_HOME to that folder.",
        nothing.getMessage());
    Path gone = home.resolve("no-such-folder");
    assertEquals(
        "the data folder "
            + gone
            + " is not there: EDITBENCH_HOME names it; set it to the folder that holds"
            + " crawled_data/bench and patch_histories, or unset it to use the working directory",
        assertThrows(
                IllegalArgumentException.class,
                () -> run(new DataPaths(gone), new RecordingReporter()))
            .getMessage());

    SampleData.copyTo(home);
    Path subfolder = Files.createDirectories(home.resolve("notebooks/deeper"));
    IllegalArgumentException below =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(new DataPaths(subfolder), new RecordingReporter()));
    assertTrue(
        below
            .getMessage()
            .endsWith(
                "Found one in " + home + ": run from there, or set EDITBENCH_HOME=" + home + "."),
        below.getMessage());
    assertTrue(
        Files.notExists(subfolder.resolve("crawled_data")),
        "nothing written where the data is not");

    // So do summarize and run-api, whose folders a subfolder lacks too.
    Files.createDirectories(home.resolve("experiment_results"));
    DataPaths inSubfolder = new DataPaths(subfolder);
    String advice =
        "Found one in " + home + ": run from there, or set EDITBENCH_HOME=" + home + ".";
    IllegalArgumentException noResults =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EditBench.summarize(
                    inSubfolder.resultsDir(),
                    inSubfolder.infbenchDir(),
                    List.of(),
                    List.of(),
                    new RecordingReporter()));
    assertTrue(noResults.getMessage().endsWith(advice), noResults.getMessage());
    Files.createDirectories(home.resolve("crawled_data/infbench"));
    IllegalArgumentException noInfbench =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EditBench.runApi(
                    RunApiOptions.builder().dataPaths(inSubfolder).models("gold").build(),
                    new RecordingReporter(),
                    RunObserver.NONE));
    assertTrue(noInfbench.getMessage().endsWith(advice), noInfbench.getMessage());

    // A data folder of its own below another is not sent to the one above: it only lacks its
    // results and infbench files yet.
    SampleData.copyTo(subfolder);
    DataPaths nested = new DataPaths(subfolder);
    IllegalArgumentException nestedResults =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EditBench.summarize(
                    nested.resultsDir(),
                    nested.infbenchDir(),
                    List.of(),
                    List.of(),
                    new RecordingReporter()));
    assertTrue(
        nestedResults
            .getMessage()
            .endsWith(
                "(run run-api first — in a notebook, runApi: notebook 02 — or pass --results-dir;"
                    + " in a notebook, open the data folder that holds experiment_results/ with"
                    + " EditBench.open(folder))"),
        nestedResults.getMessage());
  }

  @Test
  void aMisspelledModelStopsTheRunBeforeAnythingIsBuilt() throws IOException {
    SampleData.copyTo(home);
    DataPaths paths = new DataPaths(home);
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EditBench.pipeline(
                    paths,
                    List.of("gpt4"),
                    Pipeline.DEFAULT_RUN_IDS,
                    paths.resultsDir().resolve("charts"),
                    new RecordingReporter(),
                    RunObserver.NONE));
    assertTrue(unknown.getMessage().startsWith("unknown model 'gpt4'. Known models: "));
    // pipeline has no --models: the advice is run-api's.
    assertTrue(
        unknown
            .getMessage()
            .endsWith(
                "run it with run-api --models FILE (pipeline runs the built-in models only), then"
                    + " merge-results and summarize"),
        unknown.getMessage());
    assertFalse(Files.exists(paths.infbenchDir()), "no variant was built");
  }

  @Test
  void runIdsAreTakenAsTheirFilesSpellThem() throws IOException {
    SampleData.copyTo(home);
    DataPaths paths = new DataPaths(home);
    RecordingReporter reporter = new RecordingReporter();
    Pipeline.Report report =
        EditBench.pipeline(
            paths,
            Pipeline.DEFAULT_MODELS,
            List.of("0.20", "0.2"),
            paths.resultsDir().resolve("charts"),
            reporter,
            RunObserver.NONE);
    assertEquals(
        "infbench: 2 bench files x 1 variant: 7 records written, 0 already present, 0 invalid "
            + "(crawled_data/infbench)",
        reporter.infos.get(1),
        "0.20 and 0.2 are one run_id");
    assertEquals(1, report.summary().rowCount());
    assertEquals("0.2", report.summary().stringColumn("run_id").get(0));
  }

  @Test
  void aBenchFileNotNamedAfterItsRepositoryIsRunUnderItsOwnName() throws IOException {
    SampleData.copyTo(home);
    DataPaths paths = new DataPaths(home);
    Files.move(
        paths.benchDir().resolve("acme-textkit-task-instances.jsonl"),
        paths.benchDir().resolve("textkit-task-instances.jsonl"));
    RecordingReporter reporter = new RecordingReporter();
    EditBench.pipeline(
        paths,
        Pipeline.DEFAULT_MODELS,
        List.of("0.2"),
        paths.resultsDir().resolve("charts"),
        reporter,
        RunObserver.NONE);
    assertTrue(
        Files.isRegularFile(
            paths.resultsDir().resolve("gold/T=0/n=1/textkit-task-instances_0.2.jsonl")),
        String.join("\n", reporter.infos));
    assertTrue(
        reporter.infos.get(3).startsWith("inference: gold, 2 runs: 7 succeeded"),
        reporter.infos.get(3));
  }

  @Test
  void aRunIdWithoutHistoryOrTextIsRefusedBeforeAnythingIsBuilt() throws IOException {
    SampleData.copyTo(home);
    DataPaths paths = new DataPaths(home);
    for (String runId : List.of("None", "0")) {
      IllegalArgumentException empty =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  EditBench.pipeline(
                      paths,
                      Pipeline.DEFAULT_MODELS,
                      List.of("0.2", runId),
                      paths.resultsDir().resolve("charts"),
                      new RecordingReporter(),
                      RunObserver.NONE));
      assertTrue(
          empty.getMessage().contains("gives the model neither history nor PR or issue text"),
          empty.getMessage());
    }
    assertFalse(Files.exists(paths.infbenchDir()), "no variant was built");
  }

  private static Pipeline.Report run(DataPaths paths, RecordingReporter reporter) {
    return EditBench.pipeline(
        paths,
        Pipeline.DEFAULT_MODELS,
        Pipeline.DEFAULT_RUN_IDS,
        paths.resultsDir().resolve("charts"),
        reporter,
        RunObserver.NONE);
  }

  private static void deleteTree(Path path) throws IOException {
    try (var paths = Files.walk(path)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
