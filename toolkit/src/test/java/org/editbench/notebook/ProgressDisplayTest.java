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
        "run-api m", done, total, 0, cost, Duration.ofSeconds(3), state, "");
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
        "run-api m: 4/4 (100%) · 1.3/s · 0 failed · $0.0123 · took 0:03",
        ProgressDisplay.text(ended(State.FINISHED, 4, 4, 0.0123)));
  }
}
