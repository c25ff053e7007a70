package org.editbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.editbench.EditBench;
import org.editbench.core.DataPaths;
import org.editbench.inference.Combination;
import org.editbench.inference.ConsoleRunObserver;
import org.editbench.inference.FilterStats;
import org.editbench.inference.Progress;
import org.editbench.inference.RunObserver;
import org.editbench.inference.RunReport;
import org.editbench.pipeline.Pipeline;
import org.editbench.results.ResultsSummary;
import org.editbench.results.SummaryFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editbench pipeline}: the README's main job, from the bench to a summary table and charts.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Exit codes: 0 done; 1 I/O error, a file locked by another command, or inference stopped early"
          + " (every key refused, or the server unreachable); 2 no bench folder, or a bad option or input"
          + " (an unknown model, a model without its API key)."
    },
    sortOptions = false,
    description = {
      "Run the whole pipeline on the data folder, from the bench to a summary table and charts.",
      "It builds the infbench variants of every crawled_data/bench/{name}-task-instances.jsonl, merges them "
          + "into the 'all' files, runs inference per repository (the offline 'gold' model by default), merges "
          + "the predictions, then prints the summary of the 'all' predictions and writes its charts. Every "
          + "stage resumes what an earlier run left, and says in a line what it did."
    })
public final class PipelineCommand implements Callable<Integer> {
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

  @Option(
      names = "--model",
      arity = "1..*",
      paramLabel = "MODEL",
      description =
          "Models to run (see run-api --help; API keys from the environment). Default: gold.")
  List<String> models = Pipeline.DEFAULT_MODELS;

  @Option(
      names = {"--run-id", "--run_id"},
      arity = "1..*",
      paramLabel = "RUN_ID",
      description = "Variants to build and run. Default: 0.2 0.4 0.6 0.8 0.2_body_issue.")
  List<String> runIds = Pipeline.DEFAULT_RUN_IDS;

  @Option(
      names = "--charts",
      paramLabel = "DIR",
      description = "Where the charts go. Default: {results}/charts.")
  Path chartsDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DataPaths paths = DataPaths.fromEnvironment();
    PrintWriter out = spec.commandLine().getOut();
    boolean terminal = Terminal.isStandardError();
    ConsoleRunObserver console = new ConsoleRunObserver(out, spec.commandLine().getErr(), terminal);
    Pipeline.Report report =
        EditBench.pipeline(
            paths,
            models,
            runIds,
            chartsDir != null ? chartsDir : paths.resultsDir().resolve("charts"),
            StopNotice.tracking(console),
            StopNotice.observing(progressOnly(console, spec.commandLine().getErr(), terminal)));
    out.print(
        SummaryFormat.TEXT.render(
            ResultsSummary.overview(report.summary(), ResultsSummary.TERMINAL_WIDTH)));
    out.println(
        "charts: "
            + report.charts().stream()
                .map(chart -> paths.shown(chart).toString())
                .collect(Collectors.joining(", ")));
    out.println(
        "more: editbench summarize --all-columns (every column and dataset); editbench score (per instance)");
    out.flush();
    return 0;
  }

  /**
   * The inference's progress, without the per-run statistics that the stage lines sum up: a bar
   * redrawn in place on a terminal; in a log, a line when a run has gone on for another {@link
   * #LOG_INTERVAL} (a quick run prints none).
   */
  private static RunObserver progressOnly(
      ConsoleRunObserver console, PrintWriter err, boolean terminal) {
    if (terminal) {
      return new RunObserver() {
        @Override
        public void progress(Combination combination, Progress progress) {
          console.progress(combination, progress);
        }
      };
    }
    return new RunObserver() {
      private Duration lastLine = Duration.ZERO;

      @Override
      public void started(Combination combination, FilterStats stats) {
        lastLine = Duration.ZERO;
      }

      @Override
      public void progress(Combination combination, Progress progress) {
        if (progress.elapsed().minus(lastLine).compareTo(LOG_INTERVAL) >= 0) {
          lastLine = progress.elapsed();
          err.println(RunReport.progressLine(combination, progress));
          err.flush();
        }
      }
    };
  }
}
