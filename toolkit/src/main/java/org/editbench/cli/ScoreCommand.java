package org.editbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.editbench.EditBench;
import org.editbench.results.Scoring;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code editbench score}: per-instance offline patch metrics beside each prediction file. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Exit codes: 0 scored; 1 I/O error; 2 no prediction files, or a bad option or input."
    },
    sortOptions = false,
    description = {
      "Score predictions offline against their infbench records, without Docker.",
      "The metrics: whether the patch applies as git apply applies it (offsets, no fuzz), whether it yields "
          + "exactly the ground truth's files, file hit rate, normalized edit distance and token Jaccard after "
          + "the harness's preprocessing. Writes T=../n=../metrics/{dataset}-task-instances_{run_id}.jsonl, a "
          + "line per successful prediction."
    })
public final class ScoreCommand implements Callable<Integer> {
  @CommandLine.Mixin ResultsSelection selection;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Scoring.ScoredFile> written =
        EditBench.score(
            selection.resultsDir(),
            selection.infbenchDir(),
            selection.models,
            selection.runIds,
            ConsoleReporter.of(spec));
    if (written.isEmpty()) {
      throw selection.nothingFound();
    }
    written.forEach(file -> spec.commandLine().getOut().println(line(file)));
    return 0;
  }

  /**
   * A metrics file and what is in it: how many of the file's predictions were scored, why the
   * others were not, and the two pass/fail rates.
   */
  static String line(Scoring.ScoredFile file) {
    StringBuilder line =
        new StringBuilder()
            .append(file.metricsFile())
            .append(": ")
            .append(file.scored())
            .append(" of ")
            .append(file.predictions())
            .append(" prediction(s) scored");
    List<String> left = new ArrayList<>();
    if (file.failed() > 0) {
      left.add(file.failed() + " failed");
    }
    if (file.withoutRecord() > 0) {
      left.add(
          file.withoutRecord()
              + " without a prompt in the infbench file (not there, or its prompt empty)");
    }
    if (!left.isEmpty()) {
      line.append(" (").append(String.join(", ", left)).append(')');
    }
    if (file.scored() > 0) {
      line.append("; applies ")
          .append(percent(file.applies()))
          .append(", exact ")
          .append(percent(file.exact()));
    }
    return line.toString();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }
}
