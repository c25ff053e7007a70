package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.editbench.SharedCorpus;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build whose thread is interrupted (a kernel interrupt) ends as one: whole lines, resumable. */
class InterruptedBuildTest {
  @Test
  void anInterruptEndsTheBuildAsCancelledWithItsOutputsClosedAndWhole(@TempDir Path out)
      throws Exception {
    // The bundled sample, laid out as the corpus is.
    Path bench = SharedCorpus.bench(SharedCorpus.repositoryRoot());
    Path histories = SharedCorpus.histories(SharedCorpus.repositoryRoot());
    List<InfbenchRequest.Target> targets =
        InfbenchRequest.targetsIn(out, bench, List.of(RunId.parse("0.2")));
    Reporter interruptingAtTheFirstRecord =
        new Reporter() {
          @Override
          public void warn(String message) {}

          @Override
          public void info(String message) {}

          @Override
          public void progress(String task, long done, long total) {
            if (done == 1) {
              Thread.currentThread().interrupt();
            }
          }
        };
    InfbenchRequest request =
        new InfbenchRequest(bench, histories, targets, false, false, CodeContextSource.ORACLE, 1);

    CancellationException stopped =
        assertThrows(
            CancellationException.class,
            () -> InfbenchBuilder.build(request, interruptingAtTheFirstRecord));
    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertTrue(
        stopped.getMessage().startsWith("interrupted while building infbench"),
        stopped.getMessage());
    assertEquals(0, stopped.getSuppressed().length, "every output closed cleanly");

    List<String> kept = Files.readAllLines(targets.get(0).output());
    assertTrue(
        !kept.isEmpty() && kept.stream().allMatch(line -> line.endsWith("}")), kept.toString());
    // Closed, so unlocked: the next build resumes to the whole bench.
    InfbenchReport resumed =
        InfbenchBuilder.build(
            new InfbenchRequest(
                bench, histories, targets, false, false, CodeContextSource.ORACLE, 1),
            Reporter.SILENT);
    assertEquals(kept.size(), resumed.variants().get(0).alreadyPresent());
  }
}
