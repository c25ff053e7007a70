package org.editbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.editbench.EditBench;
import org.editbench.core.AtomicFiles;
import org.editbench.core.SafePaths;
import org.editbench.results.Charts;
import org.editbench.results.ResultsSummary;
import org.editbench.results.SummaryFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * {@code editbench summarize}: the summary table of a results folder, printed or written, and its
 * charts.
 */
@Command(
    name = "summarize",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Exit codes: 0 summarized; 1 I/O error (standard output included); 2 no prediction files, or a"
          + " bad option or input."
    },
    sortOptions = false,
    description = {
      "Summarize prediction files: a row per model x T x n x dataset x run_id.",
      "The columns: instances, predictions, successes, failures by kind, empty patches, cost, prompt tokens, "
          + "response times, offline patch metrics (applies, exact, file hit rate, edit distance, token "
          + "Jaccard) and, when the harness report {name}-{run_id}-output.json is there, its %%resolved, "
          + "%%applied and avg_CodeBLEU."
    })
public final class SummarizeCommand implements Callable<Integer> {
  @CommandLine.Mixin ResultsSelection selection;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text, csv, md or html. Default: the --out file's extension (.csv, .md, .html), else text.")
  SummaryFormat format = SummaryFormat.TEXT;

  @Option(
      names = "--all-columns",
      description =
          "Print every column as text too. By default the text table has the overview columns that fit "
              + ResultsSummary.TERMINAL_WIDTH
              + " characters; csv, md and html always have every column.")
  boolean allColumns;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the table here instead of standard output.")
  Path out;

  @Option(
      names = "--charts",
      paramLabel = "DIR",
      description =
          "Also write PNG charts here: the metric per model and run_id, and against the info ratio.")
  Path chartsDir;

  @Option(
      names = "--chart-metric",
      paramLabel = "COLUMN",
      description = "The summary column the charts draw. Default: ${DEFAULT-VALUE}.")
  String chartMetric = ResultsSummary.APPLIES;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (out != null) {
      SafePaths.requireNotDirectory(out);
    }
    if (out != null && out.getFileName().toString().endsWith(".jsonl")) {
      // The form of every file summarize reads (predictions, infbench files, benches): one such
      // file overwritten by a table would be an answer set or a dataset lost.
      throw new IllegalArgumentException(
          "--out "
              + out
              + " names a .jsonl file, the form of the prediction and infbench files summarize"
              + " reads; write the table to a .txt, .csv, .md or .html file");
    }
    if (out != null && !spec.commandLine().getParseResult().hasMatchedOption("--format")) {
      format = SummaryFormat.ofFileName(out.getFileName().toString()).orElse(format);
    }
    if (chartsDir != null) {
      Charts.requireFolder(chartsDir);
    } else if (spec.commandLine().getParseResult().hasMatchedOption("--chart-metric")) {
      spec.commandLine()
          .getErr()
          .println("warning: --chart-metric has no effect without --charts DIR: no chart is drawn");
    }
    Table summary =
        EditBench.summarize(
            selection.resultsDir(),
            selection.infbenchDir(),
            selection.models,
            selection.runIds,
            ConsoleReporter.of(spec));
    if (summary.rowCount() == 0) {
      throw selection.nothingFound();
    }
    // Checked with or without --charts: a metric named without them is most likely a mistake too.
    try {
      EditBench.requireChartable(summary, chartMetric);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--chart-metric " + e.getMessage(), e);
    }
    String text =
        format.render(
            format == SummaryFormat.TEXT && !allColumns
                ? ResultsSummary.overview(summary, ResultsSummary.TERMINAL_WIDTH)
                : summary);
    if (out == null) {
      spec.commandLine().getOut().print(text);
      // Writers and PrintStreams keep their errors to themselves (picocli's goes through
      // System.out): a full disk or a closed pipe would lose the table with exit 0.
      if (spec.commandLine().getOut().checkError() || System.out.checkError()) {
        throw new UncheckedIOException(
            "cannot write the summary to standard output (a full disk or a closed pipe?)",
            new IOException("standard output failed"));
      }
    } else {
      AtomicFiles.writeString(out, text);
      spec.commandLine()
          .getErr()
          .println(
              "summary: "
                  + out
                  + " ("
                  + summary.rowCount()
                  + " row(s), "
                  + format.name().toLowerCase(Locale.ROOT)
                  + ")");
    }
    if (chartsDir != null) {
      EditBench.writeCharts(summary, chartMetric, chartsDir)
          .forEach(chart -> spec.commandLine().getErr().println("chart: " + chart));
    }
    return 0;
  }
}
