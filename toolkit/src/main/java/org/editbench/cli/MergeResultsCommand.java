package org.editbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.editbench.EditBench;
import org.editbench.core.DataPaths;
import org.editbench.core.Reporter;
import org.editbench.inference.MergeResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code editbench merge-results}: the reference's {@code merge_utils merge-results}. */
@Command(
    name = "merge-results",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Merge a model's per-repository prediction files into one 'all' file per run_id.",
      "The files experiment_results/{model}/T=*/n=*/{owner-repo}-task-instances_{run_id}.jsonl go into "
          + "all-task-instances_{run_id}.jsonl beside them, one merge per T=/n= folder; the first record of "
          + "an instance wins, records are grouped by repository in name order."
    },
    footer = {
      "",
      "Exit codes: 0 merged; 1 I/O error, or a run is writing an all file; 2 nothing to merge, a bad "
          + "option, or an all file that the merge would shrink (see --force)."
    })
public final class MergeResultsCommand implements Callable<Integer> {
  @Option(
      names = {"--model-name", "--model_name"},
      required = true,
      paramLabel = "MODEL",
      description = "Model folder under the results directory (e.g. qwen3-235b-a22b).")
  String modelName;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description =
          "Only the T= folder with this number (0 matches T=0 and T=0.0). Default: all T=* folders.")
  String temperature;

  @Option(
      names = "--n",
      paramLabel = "N",
      description = "Only the n=N folder. Default: all n=* folders.")
  Integer n;

  @Option(
      names = {"--run-id", "--run_id"},
      paramLabel = "RUN_ID",
      description = "Only this run_id. Default: every run_id found.")
  String runId;

  @Option(
      names = "--repos",
      arity = "1..*",
      paramLabel = "OWNER/REPO",
      description = "Only these repositories. Default: all.")
  List<String> repos;

  @Option(
      names = {"--output-path", "--output_path"},
      paramLabel = "DIR",
      description =
          "Folder for the merged files (an existing file means its folder) of one T=/n= folder. Default: "
              + "beside the inputs.")
  Path outputPath;

  @Option(
      names = "--force",
      description =
          "Replace an all-task-instances file even when it holds instances that the merge does not "
              + "(by default the merge refuses: such a file was written by run-api --dataset_name all, "
              + "or merged from files since removed, and its answers would be lost).")
  boolean force;

  @Option(
      names = {"--results-dir", "--results_dir"},
      paramLabel = "DIR",
      description = "Default: experiment_results under $EDITBENCH_HOME or the working directory.")
  Path resultsDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path results = resultsDir != null ? resultsDir : DataPaths.fromEnvironment().resultsDir();
    Reporter reporter = StopNotice.tracking(ConsoleReporter.of(spec));
    List<MergeResults.Merged> merged =
        EditBench.mergeResults(
            results,
            new MergeResults.Request(modelName, temperature, n, runId, repos, outputPath, force),
            reporter);
    merged.forEach(
        m ->
            spec.commandLine()
                .getOut()
                .println(
                    m.file()
                        + "\t"
                        + m.records()
                        + " records\t"
                        + m.repositories()
                        + " repositories"));
    return 0;
  }
}
