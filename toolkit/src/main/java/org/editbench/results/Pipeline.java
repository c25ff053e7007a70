package org.editbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.editbench.DataPaths;
import org.editbench.EditBench;
import org.editbench.Reporter;
import org.editbench.bench.BenchInstance;
import org.editbench.infbench.InfbenchReport;
import org.editbench.inference.MergeResults;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunObserver;
import org.editbench.inference.RunStats;
import tech.tablesaw.api.Table;

/**
 * The whole pipeline on one data folder, as the reference runs it: per-repository bench files →
 * infbench variants → the {@code all} infbench files (merge-all-infbench) → inference per
 * repository → the {@code all} prediction files (merge-results) → summary and charts of the
 * {@code all} predictions.
 */
public final class Pipeline {
  /** The variants built by default: the four info ratios and the PR-and-issue variant at 0.2. */
  public static final List<String> DEFAULT_RUN_IDS = List.of("0.2", "0.4", "0.6", "0.8", "0.2_body_issue");
  public static final List<String> DEFAULT_MODELS = List.of("gold");
  /** The metric the pipeline's charts draw. */
  public static final String DEFAULT_CHART_METRIC = ResultsSummary.APPLIES;
  private static final String ALL = "all";

  private Pipeline() {}

  /**
   * What the pipeline produced.
   *
   * @param summary the summary rows of the {@code all} prediction files
   * @param charts the PNG files written
   */
  public record Report(List<InfbenchReport> infbench, List<RunStats> runs, List<MergeResults.Merged> merged,
      Table summary, List<Path> charts) {}

  /**
   * Runs every stage on {@code paths} (bench, histories, infbench and results folders) for
   * {@code models} and {@code runIds}, writing the charts of {@link #DEFAULT_CHART_METRIC} to
   * {@code chartsDir}; each stage resumes what an earlier run left.
   */
  public static Report run(DataPaths paths, List<String> models, List<String> runIds, Path chartsDir,
      Reporter reporter, RunObserver observer) {
    List<InfbenchReport> infbench = new ArrayList<>();
    for (Path bench : perRepositoryBenchFiles(paths.benchDir())) {
      infbench.add(EditBench.buildInfbench(bench.toString(), paths.historiesDir().toString(),
          paths.infbenchDir().toString(), runIds.toArray(String[]::new)));
    }
    EditBench.mergeAllInfbench(paths.infbenchDir(), paths.infbenchDir(), null, reporter);
    List<RunStats> runs = EditBench.runApi(RunApiOptions.builder().dataPaths(paths)
        .datasetNames(repositories(paths.benchDir(), reporter))
        .models(models).runIds(runIds).build(), reporter, observer);
    List<MergeResults.Merged> merged = new ArrayList<>();
    for (String model : models) {
      merged.addAll(EditBench.mergeResults(paths.resultsDir(),
          new MergeResults.Request(model, null, null, null, null, null), reporter));
    }
    Table all = EditBench.summarize(paths.resultsDir(), paths.infbenchDir(), models, runIds, reporter);
    Table summary = all.where(all.stringColumn(ResultsSummary.DATASET).isEqualTo(ALL));
    summary.setName("summary");
    return new Report(infbench, runs, merged, summary,
        EditBench.writeCharts(summary, DEFAULT_CHART_METRIC, chartsDir));
  }

  /** The {@code owner/repo} of each per-repository bench file, in file order: run-api's dataset names. */
  public static List<String> repositories(Path benchDir, Reporter reporter) {
    List<String> repos = new ArrayList<>();
    for (Path bench : perRepositoryBenchFiles(benchDir)) {
      List<BenchInstance> instances = EditBench.loadBench(bench, reporter);
      if (!instances.isEmpty()) {
        repos.add(instances.get(0).repoOrDerived());
      }
    }
    return repos;
  }

  /** The bench's {@code {name}-task-instances.jsonl} files other than the merged {@code all} one, by name. */
  public static List<Path> perRepositoryBenchFiles(Path benchDir) {
    try (Stream<Path> files = Files.list(benchDir)) {
      List<Path> found = files.filter(f -> {
        String name = f.getFileName().toString();
        return name.endsWith("-task-instances.jsonl") && !name.equals(ALL + "-task-instances.jsonl");
      }).sorted().toList();
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no per-repository bench files ({name}-task-instances.jsonl) in " + benchDir);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + benchDir + ": " + e.getMessage(), e);
    }
  }
}
