package org.editbench.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.editbench.progress.ProgressSnapshot.State;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {
  private final List<ProgressSnapshot> seen = new ArrayList<>();
  private long now;
  private final ProgressTracker tracker = new ProgressTracker("work", seen::add, () -> now);

  @Test
  void countsDoneFailuresAndCostAndTellsEachChange() {
    tracker.addTotal(10);
    now = 2_000_000_000L;
    tracker.advance(4, 1, 0.25);
    tracker.task("work · part 2");
    tracker.advance(1, 0, 0.05);
    ProgressSnapshot last = seen.get(seen.size() - 1);
    assertEquals(4, seen.size());
    assertEquals("work · part 2", last.task());
    assertEquals(5, last.done());
    assertEquals(10, last.total());
    assertEquals(1, last.failures());
    assertEquals(0.30, last.cost(), 1e-12);
    assertEquals(2.5, last.ratePerSecond(), 1e-12);
    assertEquals(Optional.of(Duration.ofSeconds(2)), last.eta(), "5 left at 2.5 per second");
    assertEquals(0.5, last.fraction());
    assertEquals(State.RUNNING, last.state());
  }

  @Test
  void unitsFoundDoneMoveTheBarButNotTheRate() {
    tracker.addTotal(100);
    tracker.foundDone(80); // a resumed task: 80 kept by the run before, counted at once
    tracker.advance(80, 0, 0);
    now = 4_000_000_000L;
    tracker.advance(10, 0, 0);
    ProgressSnapshot last = seen.get(seen.size() - 1);
    assertEquals(0.9, last.fraction());
    assertEquals(2.5, last.ratePerSecond(), 1e-12, "10 done in 4 s; the 80 found are not a rate");
    assertEquals(Optional.of(Duration.ofSeconds(4)), last.eta(), "10 left at 2.5 per second");
    assertEquals(80, last.foundDone());
  }

  @Test
  void theLastCallHasTheEndStateAndNothingFollowsIt() {
    tracker.addTotal(2);
    tracker.advance(2, 0, 0);
    tracker.finished("");
    tracker.advance(1, 0, 0);
    tracker.interrupted("too late");
    assertEquals(State.FINISHED, seen.get(seen.size() - 1).state());
    assertEquals(3, seen.size());
    assertEquals(Optional.empty(), seen.get(seen.size() - 1).eta());
  }

  @Test
  void aTrackerOpenedOnceCountingShowsNothingUntilItCountsAndThenEndsAsAnyOther() {
    ProgressTracker quiet = new ProgressTracker("scoring", seen::add, () -> now, true);
    assertEquals("reused", quiet.run(() -> "reused", "resume"));
    assertEquals(List.of(), seen, "nothing counted, nothing shown, not even the end");

    ProgressTracker counting = new ProgressTracker("scoring", seen::add, () -> now, true);
    counting.run(
        () -> {
          counting.addTotal(2);
          counting.advance(2, 0, 0);
          return "scored";
        },
        "resume");
    assertEquals(3, seen.size());
    assertEquals(State.FINISHED, seen.get(2).state());
    assertEquals(2, seen.get(2).done());
  }

  @Test
  void runEndsWithTheOutcomeOfTheWork() {
    assertEquals("ok", tracker.run(() -> "ok", "resume"));
    assertEquals(State.FINISHED, seen.get(seen.size() - 1).state());

    ProgressTracker cancelled = new ProgressTracker("c", seen::add, () -> now);
    assertThrows(
        CancellationException.class,
        () ->
            cancelled.run(
                () -> {
                  throw new CancellationException("stop");
                },
                "run again to resume"));
    assertEquals(State.INTERRUPTED, seen.get(seen.size() - 1).state());
    assertEquals("run again to resume", seen.get(seen.size() - 1).note());

    ProgressTracker failing = new ProgressTracker("f", seen::add, () -> now);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            failing.run(
                () -> {
                  throw new IllegalArgumentException("bad input");
                },
                "unused"));
    assertEquals(State.FAILED, seen.get(seen.size() - 1).state());
    assertEquals(
        "", seen.get(seen.size() - 1).note(), "the error says it, once, below the display");

    ProgressTracker interrupted = new ProgressTracker("i", seen::add, () -> now);
    try {
      assertThrows(
          IllegalStateException.class,
          () ->
              interrupted.run(
                  () -> {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while building");
                  },
                  "resume"));
    } finally {
      Thread.interrupted();
    }
    assertEquals(
        State.INTERRUPTED,
        seen.get(seen.size() - 1).state(),
        "an interrupted thread means interrupted");
  }

  @Test
  void nothingToDoIsComplete() {
    assertEquals(1.0, tracker.snapshot().fraction());
  }

  @Test
  void outsideANotebookCellNoViewIsFound() {
    assertEquals(ProgressListener.NONE, ProgressViews.open("task"));
  }
}
