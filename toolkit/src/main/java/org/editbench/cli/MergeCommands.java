package org.editbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.editbench.EditBench;
import org.editbench.bench.DatasetMerges.MergeResult;
import org.editbench.core.DataPaths;
import org.editbench.core.DatasetFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The reference's {@code merge_utils} subcommands for bench and infbench files. */
final class MergeCommands {
  private MergeCommands() {}

  /** The exit codes of the three merges, in each one's help. */
  static final String EXIT_CODES =
      "Exit codes: 0 merged; 1 I/O error, or a run is writing the output; 2 nothing to merge, bad"
          + " input, or an output holding instances the merge would leave out (see --force).";

  /** The merges' common options: the filter on file names, and replacing a larger output. */
  static final class MergeOptions {
    @Option(
        names = "--repos",
        arity = "1..*",
        paramLabel = "OWNER/REPO",
        description = "Only files whose name contains owner-repo.")
    List<String> repos;

    @Option(
        names = "--force",
        description =
            "Replace an output that holds instances the merge would leave out (one built from the"
                + " whole bench directly, or merged from files since removed); without it the"
                + " merge stops and names them.")
    boolean force;
  }

  static void print(CommandSpec spec, MergeResult r) {
    spec.commandLine()
        .getOut()
        .printf(
            "%s: %d records from %d files (%d duplicates %s, %d invalid lines skipped)%n",
            r.output(),
            r.records(),
            r.inputs().size(),
            r.duplicatesSkipped() + r.duplicatesKept(),
            r.duplicatesKept() > 0 ? "kept" : "skipped",
            r.invalidLines());
  }

  @Command(
      name = "merge-bench",
      mixinStandardHelpOptions = true,
      footer = {"", MergeCommands.EXIT_CODES},
      description =
          "Concatenate crawled_data/bench/*-task-instances.jsonl (sorted by name, except "
              + "all-task-instances.jsonl) into all-task-instances.jsonl.")
  static final class MergeBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--output-path",
        paramLabel = "FILE",
        description = "Output (default: crawled_data/bench/all-task-instances.jsonl).")
    Path outputPath;

    @Mixin MergeOptions merge;

    @Override
    public Integer call() {
      DataPaths paths = DataPaths.fromEnvironment();
      Path benchDir = paths.requireBenchDir();
      Path out =
          outputPath != null
              ? outputPath
              : benchDir.resolve(DatasetFile.bench(DataPaths.MERGED_DATASET).fileName());
      print(
          spec,
          EditBench.mergeBench(benchDir, out, merge.repos, merge.force, ConsoleReporter.of(spec)));
      return 0;
    }
  }

  @Command(
      name = "merge-infbench",
      mixinStandardHelpOptions = true,
      footer = {"", MergeCommands.EXIT_CODES},
      description =
          "Merge crawled_data/infbench/{repo}-task-instances_{C}.jsonl files of one condition C into "
              + "all-task-instances_{C}.jsonl; the first record of an instance_id wins.")
  static final class MergeInfbench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--condition",
        required = true,
        paramLabel = "RUN_ID",
        description = "The condition (run_id), e.g. 0.2.")
    String condition;

    @Option(
        names = "--output-path",
        paramLabel = "FILE",
        description = "Output (default: crawled_data/infbench/all-task-instances_{C}.jsonl).")
    Path outputPath;

    @Mixin MergeOptions merge;

    @Override
    public Integer call() {
      DataPaths paths = DataPaths.fromEnvironment();
      Path out =
          outputPath != null
              ? outputPath
              : paths
                  .infbenchDir()
                  .resolve(DatasetFile.of(DataPaths.MERGED_DATASET, condition).fileName());
      print(
          spec,
          EditBench.mergeInfbench(
              paths.infbenchDir(),
              condition,
              out,
              merge.repos,
              merge.force,
              ConsoleReporter.of(spec)));
      return 0;
    }
  }

  @Command(
      name = "merge-all-infbench",
      mixinStandardHelpOptions = true,
      footer = {"", MergeCommands.EXIT_CODES},
      description = "Run merge-infbench for every condition found in crawled_data/infbench.")
  static final class MergeAllInfbench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--output-dir",
        paramLabel = "DIR",
        description = "Output folder (default: crawled_data/infbench).")
    Path outputDir;

    @Mixin MergeOptions merge;

    @Override
    public Integer call() {
      DataPaths paths = DataPaths.fromEnvironment();
      Path out = outputDir != null ? outputDir : paths.infbenchDir();
      EditBench.mergeAllInfbench(
              paths.infbenchDir(),
              out,
              merge.repos,
              merge.force,
              StopNotice.tracking(ConsoleReporter.of(spec)))
          .forEach(r -> print(spec, r));
      return 0;
    }
  }
}
