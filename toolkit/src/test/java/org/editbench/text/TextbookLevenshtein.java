package org.editbench.text;

/**
 * The textbook two-row dynamic program for the Levenshtein distance, one cell at a time: the
 * scoring code's algorithm before the bit-parallel one, kept as the oracle the tests and the
 * scoring benchmark compare {@link Levenshtein} with.
 */
public final class TextbookLevenshtein {
  private TextbookLevenshtein() {}

  public static int distance(int[] a, int[] b) {
    int[] previous = new int[b.length + 1];
    int[] current = new int[b.length + 1];
    for (int j = 0; j <= b.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      current[0] = i;
      for (int j = 1; j <= b.length; j++) {
        int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length];
  }
}
