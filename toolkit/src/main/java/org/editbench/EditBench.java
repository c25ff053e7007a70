package org.editbench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.bench.DatasetMerges;
import org.editbench.bench.DatasetMerges.MergeResult;
import org.editbench.core.DataPaths;
import org.editbench.core.Reporter;
import org.editbench.infbench.InfbenchBuilder;
import org.editbench.infbench.InfbenchReport;
import org.editbench.infbench.InfbenchRequest;
import org.editbench.infbench.RunId;
import org.editbench.inference.ApiEnvironment;
import org.editbench.inference.BatchAdmin;
import org.editbench.inference.BatchInfo;
import org.editbench.inference.ConsoleRunObserver;
import org.editbench.inference.MergeResults;
import org.editbench.inference.ModelTable;
import org.editbench.inference.RunApi;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunHandle;
import org.editbench.inference.RunObserver;
import org.editbench.inference.RunStats;
import org.editbench.pipeline.Pipeline;
import org.editbench.results.Charts;
import org.editbench.results.PredictionFile;
import org.editbench.results.ResultsSummary;
import org.editbench.results.Scoring;
import org.editbench.retrieval.Bm25CodeContextSource;
import org.editbench.retrieval.Bm25ContextProvider;
import org.editbench.retrieval.Bm25Settings;
import org.editbench.retrieval.RetrievalException;
import org.editbench.retrieval.ScoredPath;
import tech.tablesaw.api.Table;

/**
 * The one entry point notebooks call and the CLI wraps: every pipeline stage as a method that takes
 * values and returns values. The CLI adds argument parsing and printing, nothing else.
 *
 * <p>Stages, in the order data flows: bench → infbench → retrieval → inference → results.
 */
public final class EditBench {
  private EditBench() {}

  /**
   * The data folder for a notebook or script — {@code $EDITBENCH_HOME}, else the working directory
   * or, when the kernel runs in {@code notebooks/}, the repository root — with the pipeline's
   * stages on it; prints which folder it chose and why. See {@link Workspace}.
   */
  public static Workspace open() {
    return announced(Workspace.locate());
  }

  /** {@link #open()} on a data folder of one's choice (relative to the working directory). */
  public static Workspace open(String dataFolder) {
    return announced(Workspace.at(Path.of(dataFolder)));
  }

  private static Workspace announced(Workspace workspace) {
    System.out.println(workspace);
    return workspace;
  }

  // ---- bench ------------------------------------------------------------------------------

  /** The instances of a bench or infbench JSONL file, in the reference's processing order. */
  public static List<BenchInstance> loadBench(String path) {
    return loadBench(Path.of(path), Reporter.SILENT);
  }

  /** Like {@link #loadBench(String)}, with warnings (duplicate ids) sent to {@code reporter}. */
  public static List<BenchInstance> loadBench(Path path, Reporter reporter) {
    return BenchReader.read(path, reporter);
  }

  /** {@code merge-bench}: see {@link DatasetMerges#mergeBench}. */
  public static MergeResult mergeBench(
      Path benchDir, Path output, List<String> repos, boolean force, Reporter reporter) {
    return DatasetMerges.mergeBench(benchDir, output, repos, force, reporter);
  }

  /** {@code merge-infbench}: see {@link DatasetMerges#mergeInfbench}. */
  public static MergeResult mergeInfbench(
      Path infbenchDir,
      String condition,
      Path output,
      List<String> repos,
      boolean force,
      Reporter reporter) {
    return DatasetMerges.mergeInfbench(infbenchDir, condition, output, repos, force, reporter);
  }

  /** {@code merge-all-infbench}: see {@link DatasetMerges#mergeAllInfbench}. */
  public static List<MergeResult> mergeAllInfbench(
      Path infbenchDir, Path outDir, List<String> repos, boolean force, Reporter reporter) {
    return DatasetMerges.mergeAllInfbench(infbenchDir, outDir, repos, force, reporter);
  }

  // ---- infbench ---------------------------------------------------------------------------

  /** Builds the infbench files a request names; see {@link InfbenchBuilder}. */
  public static InfbenchReport buildInfbench(InfbenchRequest request, Reporter reporter) {
    return InfbenchBuilder.build(request, reporter);
  }

  /**
   * Builds several variants of a bench in one pass into {@code
   * {outDir}/{name}-task-instances_{run_id}.jsonl}, resuming existing outputs, and returns the
   * per-variant counts — e.g. {@code buildInfbench("crawled_data/bench/all-task-instances.jsonl",
   * "patch_histories", "crawled_data/infbench", "0.2", "None_body_issue")}.
   */
  public static InfbenchReport buildInfbench(
      String bench, String historiesDir, String outDir, String... runIds) {
    return buildInfbench(
        Path.of(bench), Path.of(historiesDir), Path.of(outDir), List.of(runIds), Reporter.SILENT);
  }

  /**
   * Like {@link #buildInfbench(String, String, String, String...)}, with the invalid instances and
   * other warnings (and progress) sent to {@code reporter}.
   */
  public static InfbenchReport buildInfbench(
      Path bench, Path historiesDir, Path outDir, List<String> runIds, Reporter reporter) {
    List<RunId> ids = runIds.stream().map(RunId::parse).toList();
    try (Bm25CodeContextSource contextSource =
        codeContextSource(Bm25Settings.defaults(), reporter)) {
      return buildInfbench(
          InfbenchRequest.resuming(bench, historiesDir, outDir, ids, contextSource), reporter);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The code context source every run_id can use: the edited files, or BM25 retrieval for {@code
   * _bm25_{n}} (falling back to the edited files, counted in {@link
   * Bm25CodeContextSource#oracleFallbacks()}). Close it when the build is done.
   */
  public static Bm25CodeContextSource codeContextSource(Bm25Settings settings, Reporter reporter) {
    return new Bm25CodeContextSource(settings, reporter);
  }

  // ---- retrieval --------------------------------------------------------------------------

  /**
   * BM25 retrieval for one instance, as the {@code _bm25_{n}} variants do it: the {@code topn} best
   * candidate files of the instance's repository at its {@code base_commit} for the query {@code
   * history} (the history steps, e.g. an infbench instance's {@code preEdits()}), best first, with
   * their BM25Okapi scores. The files the history edits are not candidates. The index is built on
   * first use and cached (see {@link Bm25Settings#cacheDirectory()}).
   *
   * @throws RetrievalException when the instance has no base_commit, its repository has no clone,
   *     or the clone lacks the commit
   */
  public static List<ScoredPath> bm25Ranking(
      BenchInstance instance,
      List<String> history,
      int topn,
      Bm25Settings settings,
      Reporter reporter) {
    try (Bm25ContextProvider provider = new Bm25ContextProvider(settings, reporter)) {
      return provider.ranking(instance, history, topn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #bm25Ranking(BenchInstance, List, int, Bm25Settings, Reporter)} for an infbench instance
   * (its {@code pre_edits} are the history) with the default settings: clones under {@code repos/}
   * of the data folder {@link #open()} would choose, the user's cache directory, {@code .py} files,
   * warnings on standard error.
   */
  public static List<ScoredPath> bm25Ranking(BenchInstance instance, int topn) {
    return bm25Ranking(
        instance,
        instance.preEdits(),
        topn,
        Bm25Settings.defaults(Workspace.locate().paths()),
        Reporter.printingTo(System.err));
  }

  // ---- inference --------------------------------------------------------------------------

  /**
   * Runs every dataset × model × run_id combination of {@code options} (resuming each prediction
   * file), printing statistics and a progress line per 5 % to standard output and error.
   */
  public static List<RunStats> runApi(RunApiOptions options) {
    ConsoleRunObserver console =
        new ConsoleRunObserver(
            new PrintWriter(System.out, true), new PrintWriter(System.err, true), false);
    return runApi(options, console, console);
  }

  /**
   * Like {@link #runApi(RunApiOptions)}, with warnings to {@code reporter} and statistics and
   * progress to {@code observer}; returns one {@link RunStats} (counts, cost, output file) per
   * combination.
   */
  public static List<RunStats> runApi(
      RunApiOptions options, Reporter reporter, RunObserver observer) {
    return RunApi.run(options, reporter, observer);
  }

  /** Starts a run in the background: poll its progress, await its statistics, or cancel it. */
  public static RunHandle startRunApi(
      RunApiOptions options, Reporter reporter, RunObserver observer) {
    return RunHandle.start(options, reporter, observer);
  }

  /**
   * Submits {@code options}' requests to the providers' batch APIs (half the price, answered within
   * 24 hours) and returns at once; batches that already ended are collected first. Call it again,
   * or {@link #collectBatches}, to collect.
   */
  public static List<RunStats> submitBatches(
      RunApiOptions options, Reporter reporter, RunObserver observer) {
    return RunApi.run(
        options.toBuilder().batch(true).waitForBatches(false).build(), reporter, observer);
  }

  /**
   * Waits for the batches of {@code options}, showing the providers' counts to {@code observer},
   * writes their answers to the prediction files and asks again for failures worth retrying, until
   * every instance has its record; submits first what is not submitted yet. What a direct run
   * returns.
   */
  public static List<RunStats> collectBatches(
      RunApiOptions options, Reporter reporter, RunObserver observer) {
    return RunApi.run(
        options.toBuilder().batch(true).waitForBatches(true).build(), reporter, observer);
  }

  /**
   * {@link #collectBatches} on a background thread: watch its progress from a cell, await or cancel
   * it.
   */
  public static RunHandle watchBatches(
      RunApiOptions options, Reporter reporter, RunObserver observer) {
    return RunHandle.start(
        options.toBuilder().batch(true).waitForBatches(true).build(), reporter, observer);
  }

  /**
   * The batches recorded under {@code resultsDir}, those still running as their providers see them
   * now.
   */
  public static List<BatchInfo> batchStatus(Path resultsDir, ApiEnvironment environment) {
    return batchStatus(resultsDir, environment, true);
  }

  /**
   * The batches recorded under {@code resultsDir}; with {@code askProviders} false, as the last run
   * saw them (no request, no key needed).
   */
  public static List<BatchInfo> batchStatus(
      Path resultsDir, ApiEnvironment environment, boolean askProviders) {
    return BatchAdmin.status(resultsDir, environment, askProviders);
  }

  /** Cancels the running batches under {@code resultsDir} (only {@code ids}, unless empty). */
  public static List<BatchInfo> cancelBatches(
      Path resultsDir, ApiEnvironment environment, List<String> ids) {
    return BatchAdmin.cancel(resultsDir, environment, ids);
  }

  /** The built-in model table, extended by {@code modelsFile} when it is not null. */
  public static ModelTable models(Path modelsFile) {
    return ModelTable.load(modelsFile);
  }

  /**
   * Merges a model's per-repository prediction files into {@code
   * all-task-instances_{run_id}.jsonl}.
   */
  public static List<MergeResults.Merged> mergeResults(
      Path resultsDir, MergeResults.Request request, Reporter reporter) {
    return MergeResults.merge(resultsDir, request, reporter);
  }

  // ---- results ----------------------------------------------------------------------------

  /**
   * The summary of a results folder, a row per model × T × n × dataset × run_id; the columns are
   * {@link ResultsSummary}'s constants. Empty (or null) {@code models} or {@code runIds} mean all.
   */
  public static Table summarize(
      Path resultsDir,
      Path infbenchDir,
      List<String> models,
      List<String> runIds,
      Reporter reporter) {
    return ResultsSummary.summarize(
        resultsDir, infbenchDir, allWhenNull(models), allWhenNull(runIds), reporter);
  }

  /**
   * The summary of {@code experiment_results} against {@code crawled_data/infbench} in the data
   * folder {@link #open()} would choose (from {@code notebooks/}, the repository root), every
   * dataset's rows.
   */
  public static Table summarize() {
    DataPaths paths = Workspace.locate().paths();
    return summarize(paths.resultsDir(), paths.infbenchDir(), null, null, Reporter.SILENT);
  }

  /** Null, as a notebook may pass for "every model" or "every run_id", as the empty list. */
  static List<String> allWhenNull(List<String> names) {
    return names == null ? List.of() : names;
  }

  /**
   * {@code editbench score}: writes per-instance offline metrics (applies, exact, file hit rate,
   * edit distance, token Jaccard) beside each prediction file, in {@code metrics/{stem}.jsonl}.
   */
  public static List<Scoring.ScoredFile> score(
      Path resultsDir,
      Path infbenchDir,
      List<String> models,
      List<String> runIds,
      Reporter reporter) {
    return Scoring.writeMetrics(
        PredictionFile.find(resultsDir, allWhenNull(models), allWhenNull(runIds), reporter),
        infbenchDir,
        reporter);
  }

  /** A bar chart of a summary column per model × run_id; the kernel shows it inline. */
  public static BufferedImage barChart(Table summary, String metric) {
    return Charts.metricByModelAndRunId(summary, metric);
  }

  /** A line chart of a summary column against the info ratio, a line per model. */
  public static BufferedImage lineChart(Table summary, String metric) {
    return Charts.metricByInfoRatio(summary, metric);
  }

  /**
   * Checks that the charts can draw {@code metric}: a numeric column of {@code summary}.
   *
   * @throws IllegalArgumentException naming the numeric columns otherwise
   */
  public static void requireChartable(Table summary, String metric) {
    Charts.requireChartable(summary, metric);
  }

  /**
   * Writes both charts of {@code metric} as {@code {dir}/{metric}-by-run-id.png} and {@code
   * {metric}-by-info-ratio.png}.
   */
  public static List<Path> writeCharts(Table summary, String metric, Path dir) {
    return Charts.writeBoth(summary, metric, dir);
  }

  /** The README's main job: build, infer, merge, summarize and chart; see {@link Pipeline}. */
  public static Pipeline.Report pipeline(
      DataPaths paths,
      List<String> models,
      List<String> runIds,
      Path chartsDir,
      Reporter reporter,
      RunObserver observer) {
    return Pipeline.run(paths, models, runIds, chartsDir, reporter, observer);
  }
}
