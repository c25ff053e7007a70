package org.editbench.infbench;

/** Where an edit history is cut into given history and steps left to predict. */
public final class Split {
  private Split() {}

  /**
   * The number of history steps for a history of {@code steps} steps at ratio {@code infoPct}:
   * {@code round(steps * infoPct)} with Python's round-half-to-even on the binary double (so 2 ×
   * 1.25 = 2.5 gives 2), clamped so that at least one step is history and one is left to predict.
   * No history at all when the ratio is 0 or there are fewer than two steps.
   */
  public static int splitIndex(int steps, double infoPct) {
    if (steps < 2 || infoPct <= 0) {
      return 0;
    }
    long raw = (long) Math.rint(steps * infoPct);
    return (int) Math.max(1, Math.min(raw, steps - 1));
  }
}
