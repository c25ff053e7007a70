package org.editbench.inference;

/**
 * Watches a run; called on one thread, in order. A notebook can pass a lambda-friendly subclass,
 * the CLI prints through {@link ConsoleRunObserver}.
 */
public interface RunObserver {
  /** Before the requests of a combination: what the filter decided. */
  default void started(Combination combination, FilterStats stats) {}

  /** After each finished instance. */
  default void progress(Combination combination, Progress progress) {}

  /** After a combination's last request. */
  default void finished(RunStats stats) {}

  RunObserver NONE = new RunObserver() {};
}
