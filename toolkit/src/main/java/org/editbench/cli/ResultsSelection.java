package org.editbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.editbench.core.DataPaths;
import picocli.CommandLine.Option;

/** The options that choose prediction files, shared by {@code summarize} and {@code score}. */
final class ResultsSelection {
  @Option(
      names = {"--results-dir", "--results_dir"},
      paramLabel = "DIR",
      description = "Default: experiment_results under $EDITBENCH_HOME or the working directory.")
  Path resultsDir;

  @Option(
      names = {"--infbench-dir", "--infbench_dir"},
      paramLabel = "DIR",
      description =
          "Where the infbench files are. Default: crawled_data/infbench under $EDITBENCH_HOME or here.")
  Path infbenchDir;

  @Option(
      names = "--model",
      arity = "1..*",
      paramLabel = "MODEL",
      description = "Only these models. Default: all.")
  List<String> models = List.of();

  @Option(
      names = {"--run-id", "--run_id"},
      arity = "1..*",
      paramLabel = "RUN_ID",
      description = "Only these run_ids. Default: all.")
  List<String> runIds = List.of();

  Path resultsDir() {
    return resultsDir != null ? resultsDir : DataPaths.fromEnvironment().resultsDir();
  }

  /**
   * The error of a selection that found no prediction file: most likely a wrong folder, so said as
   * bad input (exit 2), with where it looked, as a model or run_id that has no file is.
   */
  IllegalArgumentException nothingFound() {
    return new IllegalArgumentException(
        "no prediction files under "
            + resultsDir().toAbsolutePath()
            + (models.isEmpty() && runIds.isEmpty() ? "" : " for the models and run_ids named")
            + " ({model}/T={temperature}/n={n}/{dataset}-task-instances_{run_id}.jsonl, as run-api"
            + " writes them); pass the folder run-api wrote to with --results-dir");
  }

  Path infbenchDir() {
    return infbenchDir != null ? infbenchDir : DataPaths.fromEnvironment().infbenchDir();
  }
}
