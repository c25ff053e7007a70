package org.editbench.results;

import java.util.Arrays;

/** Means and percentiles over samples; NaN for no samples. */
final class Stats {
  private Stats() {}

  static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
  }

  /** numpy's default percentile: linear interpolation between the closest ranks. */
  static double percentile(double[] values, double percent) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double position = percent / 100 * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }
}
