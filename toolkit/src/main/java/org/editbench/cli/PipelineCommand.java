package org.editbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.editbench.DataPaths;
import org.editbench.EditBench;
import org.editbench.inference.ConsoleRunObserver;
import org.editbench.results.Pipeline;
import org.editbench.results.ResultsSummary;
import org.editbench.results.SummaryFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code editbench pipeline}: the README's main job, from the bench to a summary table and charts. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Runs the whole pipeline on the data folder: builds the infbench variants of every "
        + "crawled_data/bench/{name}-task-instances.jsonl, merges them into the 'all' files, runs inference per "
        + "repository (the offline 'gold' model by default), merges the predictions, then prints the summary "
        + "of the 'all' predictions and writes its charts. Every stage resumes.")
public final class PipelineCommand implements Callable<Integer> {
  @Option(names = "--model", arity = "1..*", paramLabel = "MODEL",
      description = "Models to run (see run-api --help; API keys from the environment). Default: gold.")
  List<String> models = Pipeline.DEFAULT_MODELS;

  @Option(names = {"--run-id", "--run_id"}, arity = "1..*", paramLabel = "RUN_ID",
      description = "Variants to build and run. Default: 0.2 0.4 0.6 0.8 0.2_body_issue.")
  List<String> runIds = Pipeline.DEFAULT_RUN_IDS;

  @Option(names = "--charts", paramLabel = "DIR", description = "Where the charts go. Default: {results}/charts.")
  Path chartsDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DataPaths paths = DataPaths.fromEnvironment();
    PrintWriter out = spec.commandLine().getOut();
    ConsoleRunObserver console = new ConsoleRunObserver(out, spec.commandLine().getErr(), false);
    Pipeline.Report report = EditBench.pipeline(paths, models, runIds,
        chartsDir != null ? chartsDir : paths.resultsDir().resolve("charts"), console, console);
    out.println();
    out.print(SummaryFormat.TEXT.render(
        report.summary().selectColumns(ResultsSummary.OVERVIEW.toArray(String[]::new))));
    out.println();
    out.println("charts:");
    report.charts().forEach(chart -> out.println("  " + chart));
    out.println("all columns: editbench summarize [--format text|csv|md|html]; per-instance metrics: editbench score");
    out.flush();
    return 0;
  }
}
