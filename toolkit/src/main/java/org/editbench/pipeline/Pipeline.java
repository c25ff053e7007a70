package org.editbench.pipeline;

import static org.editbench.core.DataPaths.MERGED_DATASET;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.bench.DatasetMerges;
import org.editbench.core.DataPaths;
import org.editbench.core.DatasetFile;
import org.editbench.core.Reporter;
import org.editbench.infbench.InfbenchBuilder;
import org.editbench.infbench.InfbenchReport;
import org.editbench.infbench.InfbenchRequest;
import org.editbench.infbench.RunId;
import org.editbench.inference.MergeResults;
import org.editbench.inference.ModelTable;
import org.editbench.inference.RunApi;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunObserver;
import org.editbench.inference.RunStats;
import org.editbench.results.Charts;
import org.editbench.results.ResultsSummary;
import org.editbench.retrieval.Bm25CodeContextSource;
import org.editbench.retrieval.Bm25Settings;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The whole pipeline on one data folder, as the reference runs it: per-repository bench files →
 * infbench variants → the {@code all} infbench files (merge-all-infbench) → inference per
 * repository → the {@code all} prediction files (merge-results) → summary and charts of the {@code
 * all} predictions.
 */
public final class Pipeline {
  /** The variants built by default: the four info ratios and the PR-and-issue variant at 0.2. */
  public static final List<String> DEFAULT_RUN_IDS =
      List.of("0.2", "0.4", "0.6", "0.8", "0.2_body_issue");

  public static final List<String> DEFAULT_MODELS = List.of("gold");

  /** The metric the pipeline's charts draw. */
  public static final String DEFAULT_CHART_METRIC = ResultsSummary.APPLIES;

  private Pipeline() {}

  /**
   * What the pipeline produced.
   *
   * @param bm25OracleFallbacks per {@code _bm25_} run_id, how many instances kept the oracle
   *     context (no base_commit or no clone); run_ids without fallbacks are absent
   * @param summary the summary rows of the {@code all} prediction files
   * @param charts the PNG files written
   */
  public record Report(
      List<InfbenchReport> infbench,
      Map<String, Long> bm25OracleFallbacks,
      List<RunStats> runs,
      List<MergeResults.Merged> merged,
      Table summary,
      List<Path> charts) {}

  /**
   * {@link #run(DataPaths, List, List, Path, Bm25Settings, Reporter, RunObserver)} with BM25
   * retrieval's {@link Bm25Settings#defaults(DataPaths) defaults} for {@code paths}: the clones in
   * its {@code repos/} folder.
   */
  public static Report run(
      DataPaths paths,
      List<String> models,
      List<String> runIds,
      Path chartsDir,
      Reporter reporter,
      RunObserver observer) {
    return run(paths, models, runIds, chartsDir, Bm25Settings.defaults(paths), reporter, observer);
  }

  /**
   * Runs every stage on {@code paths} (bench, histories, infbench and results folders) for {@code
   * models} and {@code runIds}, writing the charts of {@link #DEFAULT_CHART_METRIC} to {@code
   * chartsDir}; each stage resumes what an earlier run left. As each stage ends, a line or two
   * saying what it did go to {@code reporter}'s {@link Reporter#info}, in place of the stages' own
   * notes (their warnings still pass); the inference's statistics and progress go to {@code
   * observer}. One code context source serves every bench file, so each clone and BM25 index is
   * opened once per run.
   *
   * @throws IllegalArgumentException when there is no bench folder (saying where it looked)
   */
  public static Report run(
      DataPaths paths,
      List<String> models,
      List<String> runIds,
      Path chartsDir,
      Bm25Settings bm25,
      Reporter reporter,
      RunObserver observer) {
    List<Path> benchFiles = perRepositoryBenchFiles(paths.requireBenchDir());
    Charts.requireFolder(chartsDir);
    // Each run_id as its files spell it (0.20 is 0.2): run-api and summarize look for those files.
    List<RunId> variants = runIds.stream().map(RunId::parse).distinct().toList();
    List<String> runIdTexts = variants.stream().map(RunId::text).toList();
    for (RunId variant : variants) {
      if (variant.effectiveInfoPct() == 0 && !variant.prMessage() && !variant.issueMessage()) {
        throw new IllegalArgumentException(
            "run_id "
                + variant
                + " gives the model neither history nor PR or issue text: every prompt would be"
                + " empty and nothing asked; use None_body_issue, or an info ratio such as 0.2");
      }
    }
    Reporter warnings = reporter.withoutNotes();
    RunApiOptions runApiOptions =
        RunApiOptions.builder()
            .dataPaths(paths)
            .datasetNames(datasetNames(benchFiles, warnings))
            .models(models)
            .runIds(runIdTexts)
            .build();
    // A misspelled model, or one that cannot be asked (no key), stops the run before the build,
    // not after it.
    ModelTable builtIn = ModelTable.builtIn();
    RunApi.requireReachable(
        models.stream()
            .map(
                model ->
                    builtIn.require(
                        model,
                        "run it with run-api --models FILE (pipeline runs the built-in models"
                            + " only), then merge-results and summarize"))
            .toList(),
        runApiOptions.environment());
    reporter.info("data folder: " + paths.root());
    List<InfbenchReport> infbench = new ArrayList<>();
    Map<String, Long> oracleFallbacks;
    try (Bm25CodeContextSource contextSource = new Bm25CodeContextSource(bm25, warnings)) {
      for (int i = 0; i < benchFiles.size(); i++) {
        Path bench = benchFiles.get(i);
        // Progress names the bench file among the others: a stop then says how far the stage got.
        String task =
            "prompt-builder, bench file "
                + (i + 1)
                + " of "
                + benchFiles.size()
                + " ("
                + bench.getFileName()
                + ")";
        infbench.add(
            InfbenchBuilder.build(
                InfbenchRequest.resuming(
                    bench, paths.historiesDir(), paths.infbenchDir(), variants, contextSource),
                warnings.withProgressAs(task)));
      }
      oracleFallbacks = contextSource.oracleFallbacks();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reporter.info(infbenchLine(paths, benchFiles.size(), variants.size(), infbench));
    if (!oracleFallbacks.isEmpty()) {
      reporter.info(oracleFallbackLine(oracleFallbacks));
    }
    reporter.info(
        infbenchMergeLine(
            DatasetMerges.mergeAllInfbench(
                paths.infbenchDir(), paths.infbenchDir(), null, false, warnings)));
    List<RunStats> runs = RunApi.run(runApiOptions, warnings, observer);
    List<MergeResults.Merged> merged = new ArrayList<>();
    for (String model : models) {
      reporter.info(
          inferenceLine(
              model,
              runs.stream().filter(r -> r.combination().model().name().equals(model)).toList()));
      List<MergeResults.Merged> mergedOfModel =
          MergeResults.merge(paths.resultsDir(), MergeResults.Request.forModel(model), warnings);
      reporter.info(predictionMergeLine(paths, model, mergedOfModel));
      merged.addAll(mergedOfModel);
    }
    Table summary =
        mergedRows(
            ResultsSummary.summarize(
                paths.resultsDir(), paths.infbenchDir(), models, runIdTexts, warnings));
    return new Report(
        infbench,
        oracleFallbacks,
        runs,
        merged,
        summary,
        Charts.writeBoth(summary, DEFAULT_CHART_METRIC, chartsDir));
  }

  /** What the infbench stage did, over every bench file and variant. */
  static String infbenchLine(
      DataPaths paths, int benchFiles, int variants, List<InfbenchReport> reports) {
    List<InfbenchReport.VariantCounts> counts =
        reports.stream().flatMap(r -> r.variants().stream()).toList();
    return "infbench: "
        + count(benchFiles, "bench file")
        + " x "
        + count(variants, "variant")
        + ": "
        + count(counts.stream().mapToInt(InfbenchReport.VariantCounts::written).sum(), "record")
        + " written, "
        + counts.stream().mapToInt(InfbenchReport.VariantCounts::alreadyPresent).sum()
        + " already present, "
        + counts.stream().mapToInt(InfbenchReport.VariantCounts::invalid).sum()
        + " invalid ("
        + paths.shown(paths.infbenchDir())
        + ")";
  }

  /**
   * How many instances of the {@code _bm25_} variants kept the oracle context, over every bench
   * file.
   */
  static String oracleFallbackLine(Map<String, Long> oracleFallbacks) {
    return "BM25: "
        + count(oracleFallbacks.values().stream().mapToInt(Long::intValue).sum(), "instance")
        + " kept the oracle context, no base_commit or no clone ("
        + oracleFallbacks.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** What merge-all-infbench did. */
  static String infbenchMergeLine(List<DatasetMerges.MergeResult> merged) {
    return "merge-all-infbench: "
        + count(merged.size(), "'" + MERGED_DATASET + "' infbench file")
        + ", "
        + count(merged.stream().mapToInt(DatasetMerges.MergeResult::records).sum(), "record");
  }

  /** What inference did for one model, over its combinations. */
  static String inferenceLine(String model, List<RunStats> runs) {
    return String.format(
        Locale.ROOT,
        "inference: %s, %s: %d succeeded, %d failed, %d over the token limit, %d already done; "
            + "cost $%.4f, retries %d",
        model,
        count(runs.size(), "run"),
        runs.stream().mapToInt(RunStats::succeeded).sum(),
        runs.stream().mapToInt(RunStats::failed).sum(),
        runs.stream().mapToInt(RunStats::skipped).sum(),
        runs.stream().mapToInt(r -> r.filter().alreadyDone()).sum(),
        runs.stream().mapToDouble(RunStats::cost).sum(),
        runs.stream().mapToInt(RunStats::retries).sum());
  }

  /** What merge-results did for one model. */
  static String predictionMergeLine(
      DataPaths paths, String model, List<MergeResults.Merged> merged) {
    return "merge-results: "
        + model
        + ", "
        + count(merged.size(), "'" + MERGED_DATASET + "' prediction file")
        + ", "
        + count(merged.stream().mapToInt(MergeResults.Merged::records).sum(), "record")
        + " ("
        + merged.stream()
            .map(m -> paths.shown(m.file().getParent()).toString())
            .distinct()
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * The rows of a summary that describe the merged {@code all} prediction files, as a table named
   * "summary".
   */
  public static Table mergedRows(Table summary) {
    Table merged =
        summary.where(summary.stringColumn(ResultsSummary.DATASET).isEqualTo(MERGED_DATASET));
    merged.setName("summary");
    return merged;
  }

  /**
   * The runs of a summary, as {@code gold · 0.2}, sorted, that have no row of a merged file: their
   * predictions are not merged, so {@link #mergedRows} leaves them out.
   */
  public static List<String> unmergedRuns(Table summary) {
    Set<String> merged = runKeys(mergedRows(summary));
    return runKeys(summary).stream().filter(run -> !merged.contains(run)).sorted().toList();
  }

  private static Set<String> runKeys(Table summary) {
    Set<String> keys = new LinkedHashSet<>();
    for (Row row : summary) {
      keys.add(row.getString(ResultsSummary.MODEL) + " · " + row.getString(ResultsSummary.RUN_ID));
    }
    return keys;
  }

  /**
   * The dataset name of each bench file, as run-api finds the infbench files prompt-builder built
   * from it: {@code owner/repo} where the file is named after the repository its instances name
   * ({@code acme-textkit-task-instances.jsonl} of acme/textkit), else the file's own name ({@code
   * textkit} of {@code textkit-task-instances.jsonl}), under which its outputs are named.
   */
  public static List<String> datasetNames(List<Path> benchFiles, Reporter reporter) {
    List<String> names = new ArrayList<>();
    for (Path bench : benchFiles) {
      String fileName = DatasetFile.parse(bench).orElseThrow().dataset();
      String repo = repositoryOf(bench, reporter);
      names.add(repo != null && repo.replace('/', '-').equals(fileName) ? repo : fileName);
    }
    return names;
  }

  /** The {@code owner/repo} of each per-repository bench file, in file order. */
  public static List<String> repositories(Path benchDir, Reporter reporter) {
    List<String> repos = new ArrayList<>();
    for (Path bench : perRepositoryBenchFiles(benchDir)) {
      String repo = repositoryOf(bench, reporter);
      if (repo != null) {
        repos.add(repo);
      }
    }
    return repos;
  }

  /** The {@code owner/repo} a bench file's instances name; null for a file without any. */
  private static String repositoryOf(Path bench, Reporter reporter) {
    List<BenchInstance> instances = BenchReader.read(bench, reporter);
    return instances.isEmpty() ? null : instances.get(0).repoOrDerived();
  }

  /**
   * The bench's {@code {name}-task-instances.jsonl} files other than the merged {@code all} one, by
   * name.
   */
  public static List<Path> perRepositoryBenchFiles(Path benchDir) {
    List<Path> found = DatasetMerges.perRepositoryBench(benchDir);
    if (found.isEmpty()) {
      Path merged = benchDir.resolve(DatasetFile.of(MERGED_DATASET, null).fileName());
      throw new IllegalArgumentException(
          "no per-repository bench files ({name}-task-instances.jsonl) in "
              + benchDir
              + (Files.isRegularFile(merged)
                  ? ", only the merged "
                      + merged.getFileName()
                      + ", while the pipeline and a notebook's workspace build, run and merge per"
                      + " repository: build from it directly (editbench prompt-builder"
                      + " --dataset-name "
                      + merged
                      + " --variants …; in a notebook, EditBench.buildInfbench(bench, histories,"
                      + " outDir, runIds…)), or split it into {owner}-{repo}-task-instances.jsonl"
                      + " files"
                  : ""));
    }
    return found;
  }
}
