package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class PollBackoffTest {
  @Test
  void aChangeStartsTheBackOffOverFromTheInitialInterval() {
    List<Duration> waits = new ArrayList<>();
    PollBackoff backoff =
        new PollBackoff(Duration.ofSeconds(10), Duration.ofSeconds(30), waits::add);
    for (boolean changed : new boolean[] {true, false, false, false, true, false}) {
      backoff.waitAfter(changed);
    }
    assertEquals(
        List.of(10L, 15L, 22L, 30L, 10L, 15L), waits.stream().map(Duration::toSeconds).toList());
  }

  @Test
  void anInterruptedWaitStopsTheRunAndKeepsTheInterrupt() {
    PollBackoff backoff =
        new PollBackoff(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            delay -> {
              throw new InterruptedException();
            });
    try {
      CancellationException stopped =
          assertThrows(CancellationException.class, () -> backoff.waitAfter(false));
      assertTrue(
          stopped.getMessage().contains("running the same command again collects them"),
          stopped.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
