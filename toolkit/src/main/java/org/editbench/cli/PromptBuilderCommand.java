package org.editbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.editbench.EditBench;
import org.editbench.core.DataPaths;
import org.editbench.core.DatasetFile;
import org.editbench.core.Reporter;
import org.editbench.infbench.InfbenchBuilder;
import org.editbench.infbench.InfbenchReport;
import org.editbench.infbench.InfbenchRequest;
import org.editbench.infbench.RunId;
import org.editbench.retrieval.Bm25CodeContextSource;
import org.editbench.retrieval.Bm25Settings;
import org.editbench.text.PlainNumbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code editbench prompt-builder}: bench → infbench, the reference's options plus several variants
 * in one pass.
 */
@Command(
    name = "prompt-builder",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Build infbench files (split, pre_edits, ground_truth, code context, prompt) from a bench.",
      "",
      "One variant:  --info-pct 0.2 [--no-pr-mes] [--no-issue-mes] [--save-path F]",
      "Several:      --variants 0.2,0.4,0.2_body_issue,None_body_issue [--out-dir D]",
      "",
      "run_id grammar: {info_pct|None}[_body][_issue][_bm25_{topn}]. _body adds the PR title and body to the "
          + "requirement, _issue the issue text; _bm25_{topn} takes the code context from the clone at "
          + "base_commit: the files the history edits, then the top-n others by BM25.",
      "Outputs are resumed: instances already present are skipped. Invalid instances (history does not "
          + "apply, ground truth does not reproduce the final files, histories missing) are reported and "
          + "skipped unless --strict."
    },
    footer = {
      "",
      "Exit codes: 0 done (invalid instances are listed), 1 strict-mode stop, 2 bad input or options."
    })
public final class PromptBuilderCommand implements Callable<Integer> {
  /** The width of the summary's first column, the run_id, padded so that the counts line up. */
  private static final int RUN_ID_COLUMN = 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--dataset-name",
      paramLabel = "FILE",
      description = "Bench JSONL (default: crawled_data/bench/all-task-instances.jsonl).")
  Path datasetName;

  @Option(
      names = "--histories-dir",
      paramLabel = "DIR",
      description = "Patch histories in the reference layout (default: patch_histories).")
  Path historiesDir;

  @Option(
      names = "--save-path",
      paramLabel = "FILE",
      description =
          "Output file of a single variant, used exactly as given "
              + "(default: crawled_data/infbench/{name}-task-instances_{run_id}.jsonl).")
  Path savePath;

  @Option(
      names = "--info-pct",
      paramLabel = "RATIO",
      description = "Share of edit steps given as history, e.g. 0.2 (default: none, no history).")
  Double infoPct;

  @Option(
      names = "--no-pr-mes",
      description = "Leave the PR title and body out of the requirement.")
  boolean noPrMes;

  @Option(names = "--no-issue-mes", description = "Leave the issue text out of the requirement.")
  boolean noIssueMes;

  @Option(
      names = "--use-bm25",
      description = "Code context from BM25 retrieval instead of the edited files.")
  boolean useBm25;

  @Option(
      names = "--topn",
      paramLabel = "N",
      defaultValue = "10",
      description = "Files retrieved by BM25 (default: ${DEFAULT-VALUE}).")
  int topn;

  @Option(
      names = "--repos-root",
      paramLabel = "DIR",
      description =
          "BM25: one git clone per repository, named {owner}__{name} (default: repos/ under "
              + "$EDITBENCH_HOME or the working directory). Clones are only read, never checked out or reset.")
  Path reposRoot;

  @Option(
      names = "--repo-dir",
      paramLabel = "DIR",
      description =
          "BM25: the one clone every instance uses (a single-repository bench); overrides --repos-root.")
  Path repoDir;

  @Option(
      names = "--bm25-cache",
      paramLabel = "DIR",
      description =
          "BM25: where the indexes (one per repository@base_commit) are kept "
              + "(default: $XDG_CACHE_HOME/editbench/bm25 or ~/.cache/editbench/bm25).")
  Path bm25Cache;

  @Option(
      names = "--extensions",
      split = ",",
      paramLabel = "EXT",
      description = "BM25: file extensions of the retrieval candidates (default: .py).")
  List<String> extensions;

  @Option(
      names = "--variants",
      split = ",",
      paramLabel = "RUN_ID",
      description = "Build these run_ids in one pass, e.g. 0.2,0.4,None_body_issue.")
  List<String> variants;

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      description =
          "Folder for --variants outputs {name}-task-instances_{run_id}.jsonl "
              + "(default: crawled_data/infbench).")
  Path outDir;

  @Option(names = "--override", description = "Start outputs empty instead of resuming them.")
  boolean override;

  @Option(names = "--strict", description = "Stop at the first invalid instance (exit code 1).")
  boolean strict;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Worker threads (default: one per processor); the output is the same for any N.")
  Integer threads;

  @Override
  public Integer call() {
    DataPaths paths = DataPaths.fromEnvironment();
    Path bench =
        datasetName != null
            ? datasetName
            : paths
                .requireBenchDir()
                .resolve(DatasetFile.bench(DataPaths.MERGED_DATASET).fileName());
    Path histories = historiesDir != null ? historiesDir : paths.historiesDir();
    List<InfbenchRequest.Target> targets = targets(paths, bench);
    Reporter reporter = StopNotice.tracking(ConsoleReporter.of(spec));
    if (!useBm25 && spec.commandLine().getParseResult().hasMatchedOption("--topn")) {
      reporter.warn(
          "--topn "
              + topn
              + " is ignored without --use-bm25: it is how many files BM25 retrieves"
              + (variants == null
                  ? "; without it the code context is the edited files"
                  : "; with --variants a run_id says it (0.2_bm25_" + topn + ")"));
    }
    var out = spec.commandLine().getOut();
    // Said for a bench that is there: for one that is not, the build's error is the first line.
    if (Files.isRegularFile(bench)) {
      if (variants == null) {
        out.println("run_id: " + targets.get(0).runId().text());
      }
      out.println("Input dataset: " + bench);
      targets.forEach(t -> out.println("run_id " + t.runId().text() + " -> " + t.output()));
    }
    InfbenchReport report;
    Map<String, Long> oracleFallbacks;
    long start = System.nanoTime();
    try (Bm25CodeContextSource contextSource =
        EditBench.codeContextSource(bm25Settings(), reporter)) {
      report =
          EditBench.buildInfbench(
              new InfbenchRequest(
                  bench,
                  histories,
                  targets,
                  strict,
                  override,
                  contextSource,
                  threads != null ? threads : InfbenchRequest.defaultThreads()),
              reporter);
      oracleFallbacks = contextSource.oracleFallbacks();
    } catch (InfbenchBuilder.StrictModeException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int derived = 0;
    for (InfbenchReport.VariantCounts v : report.variants()) {
      derived += v.written() + v.invalid();
      out.println(
          PlainNumbers.padRight(v.runId(), RUN_ID_COLUMN)
              + " processed "
              + v.processed()
              + ", already present "
              + v.alreadyPresent()
              + ", written "
              + v.written()
              + ", invalid "
              + v.invalid()
              + (v.written() + v.invalid() == 0
                  ? ""
                  : " (" + PlainNumbers.fixed(v.instancesPerSecond(), 0) + " instances/s)")
              + "  -> "
              + v.output());
      if (oracleFallbacks.containsKey(v.runId())) {
        out.println(
            " ".repeat(RUN_ID_COLUMN)
                + " BM25: "
                + oracleFallbacks.get(v.runId())
                + " instance(s) kept the oracle context (no base_commit or no clone)");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.println(
        "done in "
            + PlainNumbers.fixed(seconds, 2)
            + " s"
            + (derived == 0
                ? ""
                : " ("
                    + PlainNumbers.fixed(seconds * 1000 / derived, 3)
                    + " ms per instance per variant)")
            + ", peak heap "
            + peakHeapMiB()
            + " MiB");
    return 0;
  }

  private static void requireFolder(String option, Path folder, String why) {
    if (folder != null && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException(option + " " + folder + ": no such folder (" + why + ")");
    }
  }

  static long peakHeapMiB() {
    return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum()
        / (1024 * 1024);
  }

  /**
   * The retrieval settings, the folders named on the command line checked first: a folder of clones
   * that is not there would make every instance keep the oracle context, and a cache that is a file
   * every instance invalid, each without stopping the run. A default folder of clones that is
   * missing is no mistake (a bench without base commits needs none).
   */
  private Bm25Settings bm25Settings() {
    requireFolder("--repos-root", reposRoot, "BM25 reads one clone per repository there");
    requireFolder("--repo-dir", repoDir, "BM25 reads the repository's clone there");
    if (bm25Cache != null && Files.exists(bm25Cache) && !Files.isDirectory(bm25Cache)) {
      throw new IllegalArgumentException(
          "--bm25-cache "
              + bm25Cache
              + " is a file; the index cache is a folder (made when missing)");
    }
    Bm25Settings settings = Bm25Settings.defaults().withRepoDir(repoDir);
    if (reposRoot != null) {
      settings = settings.withReposRoot(reposRoot);
    }
    if (bm25Cache != null) {
      settings = settings.withCacheDirectory(bm25Cache);
    }
    return extensions != null ? settings.withExtensions(extensions) : settings;
  }

  private List<InfbenchRequest.Target> targets(DataPaths paths, Path bench) {
    if (variants != null) {
      if (infoPct != null || noPrMes || noIssueMes || useBm25 || savePath != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--variants names every variant itself: drop --info-pct, --no-pr-mes, --no-issue-mes, "
                + "--use-bm25 and --save-path (use --out-dir for the folder)");
      }
      List<RunId> runIds = variants.stream().map(RunId::parse).distinct().toList();
      return InfbenchRequest.targetsIn(
          outDir != null ? outDir : paths.infbenchDir(), bench, runIds);
    }
    if (outDir != null) {
      throw new ParameterException(
          spec.commandLine(), "--out-dir goes with --variants; use --save-path for one variant");
    }
    RunId runId;
    try {
      runId = new RunId(infoPct, !noPrMes, !noIssueMes, useBm25 ? topn : null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          infoPct != null && !(infoPct >= 0 && infoPct <= 1)
              ? "--info-pct must lie between 0 and 1 (the share of the history shown), found "
                  + infoPct
              : "--topn must be at least 1, found " + topn);
    }
    Path output =
        savePath != null
            ? savePath
            : InfbenchRequest.targetsIn(paths.infbenchDir(), bench, List.of(runId)).get(0).output();
    return List.of(new InfbenchRequest.Target(runId, output));
  }
}
