package org.editbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.DatasetMerges.MergeResult;
import org.editbench.core.DataPaths;
import org.editbench.core.DatasetFile;
import org.editbench.core.Reporter;
import org.editbench.infbench.InfbenchReport;
import org.editbench.infbench.InfbenchRequest;
import org.editbench.infbench.RunId;
import org.editbench.inference.ApiEnvironment;
import org.editbench.inference.MergeResults;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunStats;
import org.editbench.pipeline.Pipeline;
import org.editbench.progress.ProgressTracker;
import org.editbench.results.PredictionTable;
import org.editbench.retrieval.Bm25CodeContextSource;
import org.editbench.retrieval.Bm25Settings;
import tech.tablesaw.api.Table;

/**
 * A data folder and the pipeline's stages on it, for a notebook's cells: {@code var eb =
 * EditBench.open();} finds the folder once, and every call after it takes plain values ({@code
 * eb.runApi("gold", runIds)}) — paths, readers and the per-repository loop are this class's job.
 *
 * <p>Which folder: {@code $EDITBENCH_HOME} when set; else the working directory when it holds the
 * data ({@code crawled_data/} or {@code patch_histories/}); else its parent when that does —
 * Jupyter starts a kernel in the notebook's folder, {@code notebooks/} of the repository; else the
 * working directory, where the first stage will say what is missing.
 */
public final class Workspace {
  /** What an interrupted merge leaves, as its progress display says. */
  private static final String MERGE_KEPT =
      "each merged file is written whole or not at all: run the cell again to merge the rest";

  private final DataPaths paths;
  private final DataFolderChoice folder;

  private Workspace(DataFolderChoice folder) {
    this.paths = new DataPaths(folder.root().toAbsolutePath().normalize());
    this.folder = folder;
  }

  /**
   * A folder given by the caller.
   *
   * @throws IllegalArgumentException when it is not a folder
   */
  static Workspace at(Path root) {
    return new Workspace(DataFolderChoice.given(root));
  }

  /** The data folder for this process's environment and working directory. */
  static Workspace locate() {
    return locate(System.getenv(), Path.of("").toAbsolutePath());
  }

  /**
   * The data folder {@code env} and {@code workingDir} point to, by the rules in the class comment.
   *
   * @throws IllegalArgumentException when {@code $EDITBENCH_HOME} names no folder
   */
  static Workspace locate(Map<String, String> env, Path workingDir) {
    return new Workspace(DataFolderChoice.locate(env, workingDir));
  }

  public DataPaths paths() {
    return paths;
  }

  public Path root() {
    return paths.root();
  }

  /**
   * Which folder was chosen and why, e.g. {@code EditBench data folder: /src/editbench —
   * $EDITBENCH_HOME} or {@code EditBench data folder: .. — the folder above the working directory
   * notebooks/ (…)}; {@link #root()} is the absolute path.
   */
  @Override
  public String toString() {
    return "EditBench data folder: " + folder.shown() + " — " + folder.why();
  }

  // ---- bench → infbench ---------------------------------------------------------------------

  /**
   * The per-repository bench files ({@code crawled_data/bench/{name}-task-instances.jsonl}), by
   * name.
   */
  public List<Path> benchFiles() {
    return Pipeline.perRepositoryBenchFiles(paths.benchDir());
  }

  /** Every instance of the per-repository bench files, file by file. */
  public List<BenchInstance> bench() {
    List<BenchInstance> all = new ArrayList<>();
    benchFiles().forEach(file -> all.addAll(EditBench.loadBench(file, Reporter.SILENT)));
    return all;
  }

  /** The {@code owner/repo} of each bench file: run-api's dataset names. */
  public List<String> repositories() {
    return Pipeline.repositories(paths.benchDir(), Reporter.SILENT);
  }

  /**
   * Builds the variants {@code runIds} of every repository's bench into {@code
   * crawled_data/infbench} (resuming what is there), one report per repository; {@link
   * #mergeAllInfbench()} then makes the {@code all} files. In a notebook cell, one progress display
   * counts the instances of all repositories (invalid ones as failures); interrupting the kernel
   * stops after whole lines.
   */
  public List<InfbenchReport> buildInfbench(List<String> runIds) {
    requireRunIds(runIds);
    List<Path> files = benchFiles();
    List<RunId> variants = runIds.stream().map(RunId::parse).toList();
    ProgressTracker progress = ProgressTracker.open("prompt-builder " + String.join(" ", runIds));
    return progress.run(
        () -> {
          // One total, not one per repository: the display's first state is its whole size.
          progress.addTotal(
              files.stream().mapToInt(f -> EditBench.loadBench(f, Reporter.SILENT).size()).sum());
          List<InfbenchReport> reports = new ArrayList<>();
          // BM25 variants retrieve from this folder's clones (repos/), whatever the kernel's
          // working directory; one source serves every repository, as in the pipeline.
          try (Bm25CodeContextSource contextSource =
              EditBench.codeContextSource(Bm25Settings.defaults(paths), warnings())) {
            for (Path bench : files) {
              progress.task(
                  "prompt-builder " + String.join(" ", runIds) + " · " + bench.getFileName());
              InfbenchReport report =
                  EditBench.buildInfbench(
                      InfbenchRequest.resuming(
                          bench,
                          paths.historiesDir(),
                          paths.infbenchDir(),
                          variants,
                          contextSource),
                      TrackerReporter.counting(progress, warnings()));
              progress.advance(
                  0,
                  report.invalid().stream()
                      .map(InfbenchReport.Invalid::instanceId)
                      .distinct()
                      .count(),
                  0);
              reports.add(report);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          progress.task("prompt-builder " + String.join(" ", runIds));
          return reports;
        },
        "stopped after whole records: run the cell again to build the rest");
  }

  /**
   * {@code merge-all-infbench}: every run_id's per-repository infbench files into {@code
   * all-task-instances_{run_id}.jsonl}.
   */
  public List<MergeResult> mergeAllInfbench() {
    return counted(
        "merge-all-infbench",
        MERGE_KEPT,
        reporter ->
            EditBench.mergeAllInfbench(
                paths.infbenchDir(), paths.infbenchDir(), null, false, reporter));
  }

  /**
   * Runs {@code work} with a progress display of what it counts (scored or merged files), shown
   * once it has something to count; interrupted, the display says {@code keptNote}. Its warnings
   * are printed.
   */
  private static <T> T counted(String task, String keptNote, Function<Reporter, T> work) {
    ProgressTracker progress = ProgressTracker.openOnceCounting(task);
    return progress.run(
        () -> work.apply(TrackerReporter.countingAndSizing(progress, warnings())), keptNote);
  }

  /**
   * The merged infbench records of a run_id ({@code
   * crawled_data/infbench/all-task-instances_{runId}.jsonl}).
   */
  public List<BenchInstance> infbench(String runId) {
    Path merged =
        paths.infbenchDir().resolve(DatasetFile.of(DataPaths.MERGED_DATASET, runId).fileName());
    if (!Files.isRegularFile(merged)) {
      Set<String> merges = DatasetFile.runIdsIn(paths.infbenchDir(), DataPaths.MERGED_DATASET);
      throw new IllegalArgumentException(
          "no merged infbench file for run_id "
              + runId
              + " ("
              + paths.shown(merged)
              + "); "
              + (merges.isEmpty()
                  ? "none is merged yet"
                  : "run_ids merged: " + String.join(", ", merges))
              + ". buildInfbench(runIds) and mergeAllInfbench() make them (notebook 01)");
    }
    return EditBench.loadBench(merged, Reporter.SILENT);
  }

  // ---- inference → results ------------------------------------------------------------------

  /**
   * run-api options for this folder, one dataset per bench file (named as the infbench files built
   * from it are), the API keys and base URLs from the environment or else a {@code .env} file in
   * the data folder or the working directory (the latter's over the former's); add models, run_ids,
   * workers…
   */
  public RunApiOptions.Builder runApiOptions() {
    return RunApiOptions.builder()
        .dataPaths(paths)
        .environment(apiEnvironment())
        .datasetNames(Pipeline.datasetNames(benchFiles(), Reporter.SILENT));
  }

  /**
   * The API keys and base URLs this folder's runs use: the environment's, else a {@code .env}
   * file's — where a CLI user keeps it, in the data folder, or in the working directory (the
   * kernel's, {@code notebooks/}), the latter's over the former's (see {@link
   * ApiEnvironment#load}).
   */
  public ApiEnvironment apiEnvironment() {
    return ApiEnvironment.load(System.getenv(), paths.root().resolve(".env"), Path.of(".env"));
  }

  /**
   * Runs {@code model} over every repository's infbench files of {@code runIds}, resuming each
   * output.
   */
  public List<RunStats> runApi(String model, List<String> runIds) {
    requireRunIds(runIds);
    return runApi(runApiOptions().models(model).runIds(runIds));
  }

  /** A cell that passes no run_ids (null) is told what to pass, not given a bare exception. */
  private static void requireRunIds(List<String> runIds) {
    if (runIds == null || runIds.isEmpty()) {
      throw new IllegalArgumentException(
          "runIds: give the run_ids, e.g. List.of(\"0.2\", \"0.2_body_issue\")");
    }
  }

  /**
   * Runs what {@code options} (from {@link #runApiOptions()}) says. In a notebook cell, one
   * progress display shows done/total, rate, failures, cost and ETA over all combinations;
   * interrupting the kernel stops the run with every answer received saved, and the next run
   * resumes from them.
   */
  public List<RunStats> runApi(RunApiOptions.Builder options) {
    RunApiOptions built = options.build();
    String task = "run-api " + String.join(" ", built.models());
    ProgressTracker progress = ProgressTracker.open(task);
    return progress.run(
        () -> {
          List<RunStats> stats =
              EditBench.runApi(built, warnings(), new CombinationProgress(task, progress));
          int alreadyDone = stats.stream().mapToInt(run -> run.filter().alreadyDone()).sum();
          // A resumed run counts only what it asked: say what it found answered already.
          progress.task(
              task
                  + " · "
                  + stats.size()
                  + " model × run_id × dataset combination(s)"
                  + (alreadyDone > 0 ? " · " + alreadyDone + " answered before" : ""));
          return stats;
        },
        "stopped; every answer received is saved: run the cell again to resume");
  }

  /** Warnings for the person running the cell, on standard error (the cell's, as it runs). */
  private static Reporter warnings() {
    return Reporter.printingTo(System.err).withoutNotes();
  }

  /** {@code merge-results} for every T, n and run_id of {@code model}. */
  public List<MergeResults.Merged> mergeResults(String model) {
    return mergeResults(model, false);
  }

  /**
   * {@link #mergeResults(String)}; with {@code force}, a merged file is replaced even where it
   * holds answers the merge would drop ({@code merge-results --force}) — move it aside first to
   * keep them.
   */
  public List<MergeResults.Merged> mergeResults(String model, boolean force) {
    return counted(
        "merge-results " + model,
        MERGE_KEPT,
        reporter ->
            EditBench.mergeResults(
                paths.resultsDir(),
                MergeResults.Request.forModel(model).withForce(force),
                reporter));
  }

  /**
   * The summary of the merged ({@code all}) prediction files of {@code models} × {@code runIds}, a
   * row each; empty (or null) lists mean all. Its warnings (an infbench file missing, …) are
   * printed; runs whose predictions are not merged are named, as they have no row here. In a
   * notebook cell, scoring the files whose scores cannot be reused shows a progress display.
   *
   * @throws IllegalArgumentException when no asked run has merged predictions (merge them with
   *     {@link #mergeResults})
   */
  public Table summarize(List<String> models, List<String> runIds) {
    Table all =
        counted(
            "summarize · scoring prediction files",
            "the scores of the files done are kept: run the cell again to score the rest",
            reporter ->
                EditBench.summarize(
                    paths.resultsDir(), paths.infbenchDir(), models, runIds, reporter));
    Table merged = Pipeline.mergedRows(all);
    List<String> unmerged = Pipeline.unmergedRuns(all);
    if (!unmerged.isEmpty()) {
      String message =
          "predictions not merged into all-task-instances files, so not in this summary: "
              + String.join(", ", unmerged)
              + "; merge them with mergeResults(model) (notebook 03), or see every dataset's"
              + " rows with EditBench.summarize(…)";
      if (merged.isEmpty()) {
        throw new IllegalArgumentException(message);
      }
      warnings().warn(message);
    }
    return merged;
  }

  /**
   * The merged predictions of {@code models} (all when empty or null) on {@code runId}, one row
   * each, scored against their infbench records: sort worst first, filter, and display a row to
   * look at it.
   */
  public PredictionTable predictions(List<String> models, String runId) {
    if (runId == null) {
      throw new IllegalArgumentException("runId: give one run_id, e.g. \"0.2\"");
    }
    return counted(
        "predictions " + runId + " · scoring prediction files",
        "nothing kept: run the cell again",
        reporter ->
            PredictionTable.load(
                paths.resultsDir(),
                paths.infbenchDir(),
                EditBench.allWhenNull(models),
                runId,
                reporter));
  }

  /** Both charts of {@code metric} as PNG files in {@code experiment_results/charts}. */
  public List<Path> writeCharts(Table summary, String metric) {
    return EditBench.writeCharts(summary, metric, paths.resultsDir().resolve("charts"));
  }
}
