package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.editbench.progress.ProgressSnapshot;
import org.editbench.progress.ProgressSnapshot.State;
import org.junit.jupiter.api.Test;

/** How a progress display reads when a task had nothing to count: by how it ended. */
class ProgressDisplayTest {
  private static ProgressSnapshot ended(State state, long done, long total, double cost) {
    return new ProgressSnapshot(
        "run-api m", done, 0, total, 0, cost, Duration.ofSeconds(3), state, "");
  }

  @Test
  void aTaskThatStoppedBeforeItBeganShowsAnEmptyBarAndNothingDone() {
    String failed = ProgressDisplay.html(ended(State.FAILED, 0, 0, 0));
    assertTrue(failed.contains("value=\"0\" max=\"1\"") && failed.contains("nothing done"), failed);
    assertEquals(
        "run-api m: nothing done: it failed before it began",
        ProgressDisplay.text(ended(State.FAILED, 0, 0, 0)));
    assertFalse(failed.contains("0 failed"), "no count that contradicts the state: " + failed);
    String interrupted = ProgressDisplay.html(ended(State.INTERRUPTED, 0, 0, 0));
    assertTrue(interrupted.contains("value=\"0\" max=\"1\""), interrupted);
    assertTrue(interrupted.contains("nothing done: interrupted before it began"), interrupted);
  }

  @Test
  void nothingLeftToDoIsAFullBarAndCostIsShownOnceThereIsSome() {
    String done = ProgressDisplay.html(ended(State.FINISHED, 0, 0, 0));
    assertTrue(done.contains("value=\"1\" max=\"1\"") && done.contains("nothing left to do"), done);
    assertEquals(
        "run-api m: 4/4 (100%) · 1.3/s · $0.0123 · took 0:03",
        ProgressDisplay.text(ended(State.FINISHED, 4, 4, 0.0123)));
  }

  @Test
  void failuresShowOnceThereAreSomeInRed() {
    ProgressSnapshot failing =
        new ProgressSnapshot("run-api m", 4, 0, 10, 2, 0, Duration.ofSeconds(2), State.RUNNING, "");
    assertEquals(
        "run-api m: 4/10 (40%) · 2.0/s · 2 failed · ETA 0:03 (0:02 so far)",
        ProgressDisplay.text(failing));
    assertTrue(
        ProgressDisplay.html(failing).contains("font-weight: bold\">2 failed</span>"),
        ProgressDisplay.html(failing));
    assertFalse(ProgressDisplay.html(ended(State.FINISHED, 4, 4, 0)).contains("failed"));
  }

  @Test
  void aResumedTaskRatesOnlyWhatItDidAndShowsNoRateWhenItFoundEverythingDone() {
    assertEquals(
        "prompt-builder 0.2: 90/100 (90%) · 2.5/s · ETA 0:04 (0:04 so far)",
        ProgressDisplay.text(
            new ProgressSnapshot(
                "prompt-builder 0.2",
                90,
                80,
                100,
                0,
                0,
                Duration.ofSeconds(4),
                State.RUNNING,
                "")));
    assertEquals(
        "prompt-builder 0.2: 100/100 (100%) · took 0:01",
        ProgressDisplay.text(
            new ProgressSnapshot(
                "prompt-builder 0.2",
                100,
                100,
                100,
                0,
                0,
                Duration.ofSeconds(1),
                State.FINISHED,
                "")));
  }
}
