package org.editbench.inference;

import java.time.Duration;

/** Waits; tests substitute one that records the waits instead of taking them. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  Sleeper SYSTEM =
      duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
}
