package org.editbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.editbench.EditBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code editbench score}: per-instance offline patch metrics beside each prediction file. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scores predictions offline against their infbench records, without Docker.",
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
    List<Path> written =
        EditBench.score(
            selection.resultsDir(),
            selection.infbenchDir(),
            selection.models,
            selection.runIds,
            ConsoleReporter.of(spec));
    written.forEach(spec.commandLine().getOut()::println);
    if (written.isEmpty()) {
      spec.commandLine().getErr().println("no prediction files matched");
    }
    return 0;
  }
}
