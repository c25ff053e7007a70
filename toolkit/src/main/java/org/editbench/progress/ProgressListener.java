package org.editbench.progress;

/**
 * Told each time a long task's {@link ProgressSnapshot} changes, on the thread doing the work; the
 * last call of a task has an ended state. How often to redraw is the listener's choice.
 */
@FunctionalInterface
public interface ProgressListener {
  void update(ProgressSnapshot snapshot);

  ProgressListener NONE = snapshot -> {};
}
