package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.editbench.core.JsonlAppender;
import org.editbench.core.Reporter;
import org.editbench.inference.Combination;
import org.editbench.inference.FilterStats;
import org.editbench.inference.ModelSpec;
import org.editbench.inference.Progress;
import org.editbench.inference.RunObserver;
import org.junit.jupiter.api.Test;

/** The one line a stopped command prints (the signals themselves: RunApiProcessTest). */
class StopNoticeTest {
  @Test
  void namesWhatWasWrittenWhatIsLeftAndTheCommandThatResumes() {
    String[] args = {
      "prompt-builder", "--variants", "0.2,0.4", "--override", "--out-dir", "my data/out"
    };
    assertEquals(
        "stopped by a signal: wrote 12 new record(s), whole lines only, to a.jsonl (5), b.jsonl (7); left: 3"
            + " of 10 in prompt-builder; resume with: editbench prompt-builder --variants 0.2,0.4 --out-dir 'my data/out'",
        StopNotice.message(
            List.of(
                new JsonlAppender.Written(Path.of("a.jsonl"), 5),
                new JsonlAppender.Written(Path.of("b.jsonl"), 7)),
            "3 of 10 in prompt-builder",
            args));
  }

  @Test
  void aStoppedMergeSaysItsFilesAreWholeAndHowManyAreLeft() {
    assertEquals(
        "stopped by a signal: each merged file is written whole or not at all; left: 3 of 5 in"
            + " merged files; resume with: editbench merge-all-infbench",
        StopNotice.message(
            List.of(), "3 of 5 in merged files", new String[] {"merge-all-infbench"}));
  }

  @Test
  void saysSoWhenNothingWasWrittenYet() {
    assertEquals(
        "stopped by a signal: no new records written; resume with: editbench run-api --model 'it'\\''s'",
        StopNotice.message(List.of(), null, new String[] {"run-api", "--model", "it's"}));
  }

  @Test
  void aRunSaysWhatItsCombinationHasLeftAndHowManyCombinationsAreStillToCome() {
    StopNotice.forget();
    try {
      Combination combination =
          new Combination(
              "all", "0.2", Path.of("in/all.jsonl"), ModelSpec.builder("m").build(), Path.of("o"));
      List<String> seen = new ArrayList<>();
      RunObserver run =
          StopNotice.observing(
              new RunObserver() {
                @Override
                public void progress(Combination c, Progress p) {
                  seen.add(p.done() + "/" + p.total());
                }
              });
      run.planned(List.of(combination, combination, combination), 60);
      assertEquals(
          "3 model × run_id × dataset combination(s) not started",
          StopNotice.left(),
          "not \"3 more\": none is under way");
      run.started(
          combination, new FilterStats(20, 0, List.of(), 0, 20, 0, 0, 0, List.of(), 1, 1, 1, 9));
      // A batch run: 15 answered, of them 10 collected (8 succeeded, 2 failed), 5 in a batch
      // that is still running.
      run.progress(combination, new Progress(15, 0, 20, 8, 2, 0, 0, Duration.ofSeconds(1)));
      assertEquals(List.of("15/20"), seen, "the observer given is told everything");
      assertEquals(
          "10 of 20 in m · all.jsonl (5 answered in batches still running, collected by the next"
              + " run), and 2 more model × run_id × dataset combination(s)",
          StopNotice.left());
      // The reporter's own progress line counts the running batches as done: the run's wins.
      StopNotice.tracking(Reporter.SILENT).progress("m · all.jsonl", 15, 20);
      assertTrue(StopNotice.left().startsWith("10 of 20"), StopNotice.left());
      // Once a combination ends, only the later ones are left; after the last, the command's
      // later stages say what they have.
      run.finished(null);
      assertEquals("2 model × run_id × dataset combination(s) not started", StopNotice.left());
      run.started(
          combination, new FilterStats(5, 0, List.of(), 0, 5, 0, 0, 0, List.of(), 1, 1, 1, 9));
      run.started(
          combination, new FilterStats(5, 0, List.of(), 0, 5, 0, 0, 0, List.of(), 1, 1, 1, 9));
      run.finished(null);
      assertNull(StopNotice.left(), "not the last combination's progress line");
      Reporter tracking = StopNotice.tracking(Reporter.SILENT);
      tracking.progress("scoring prediction files", 1, 4);
      assertEquals("3 of 4 in scoring prediction files", StopNotice.left());
      // A note after it (a pipeline's stage line) ends that task: it no longer says what is left.
      tracking.progress("prompt-builder, bench file 1 of 2 (a.jsonl)", 3, 3);
      tracking.info("infbench: 2 bench files x 5 variants: …");
      assertNull(StopNotice.left(), "not \"0 of 3\" of a stage that ended");
    } finally {
      StopNotice.forget();
    }
  }
}
