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

  Path infbenchDir() {
    return infbenchDir != null ? infbenchDir : DataPaths.fromEnvironment().infbenchDir();
  }
}
