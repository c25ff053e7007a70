package org.editbench.inference;

import java.util.List;

/**
 * Watches a run; called on one thread, in order. A notebook can pass a lambda-friendly subclass,
 * the CLI prints through {@link ConsoleRunObserver}.
 */
public interface RunObserver {
  /**
   * Before the first combination: the combinations the run goes through, in order, and how many
   * instances their datasets hold together (before instances already done or over the token limit
   * are left out, which {@link #started} tells for each).
   */
  default void planned(List<Combination> combinations, int instances) {}

  /**
   * While a combination's prompt tokens are counted, before {@link #started}: about once a second
   * once it has lasted a second, how many of its {@code total} prompts are counted.
   */
  default void counting(Combination combination, int counted, int total) {}

  /** Before the requests of a combination: what the filter decided. */
  default void started(Combination combination, FilterStats stats) {}

  /** After each finished instance. */
  default void progress(Combination combination, Progress progress) {}

  /** After a combination's last request. */
  default void finished(RunStats stats) {}

  RunObserver NONE = new RunObserver() {};

  /** One observer that tells {@code observers} everything, in order. */
  static RunObserver all(RunObserver... observers) {
    List<RunObserver> each = List.of(observers);
    return new RunObserver() {
      @Override
      public void planned(List<Combination> combinations, int instances) {
        each.forEach(o -> o.planned(combinations, instances));
      }

      @Override
      public void counting(Combination combination, int counted, int total) {
        each.forEach(o -> o.counting(combination, counted, total));
      }

      @Override
      public void started(Combination combination, FilterStats stats) {
        each.forEach(o -> o.started(combination, stats));
      }

      @Override
      public void progress(Combination combination, Progress progress) {
        each.forEach(o -> o.progress(combination, progress));
      }

      @Override
      public void finished(RunStats stats) {
        each.forEach(o -> o.finished(stats));
      }
    };
  }
}
