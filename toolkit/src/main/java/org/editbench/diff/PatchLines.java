package org.editbench.diff;

import java.util.Arrays;

/**
 * The lines of a patch text (each with its LF) by where they start: only header lines are cut out.
 */
final class PatchLines {
  private final String text;
  private final int[] starts;
  private final int size;

  PatchLines(String text) {
    this.text = text;
    int[] found = new int[16];
    int n = 0;
    for (int start = 0; start < text.length(); ) {
      if (n == found.length) {
        found = Arrays.copyOf(found, n * 2);
      }
      found[n++] = start;
      int lf = text.indexOf('\n', start);
      start = lf < 0 ? text.length() : lf + 1;
    }
    this.starts = found;
    this.size = n;
  }

  String text() {
    return text;
  }

  int size() {
    return size;
  }

  int offset(int i) {
    return starts[i];
  }

  boolean startsWith(int i, String prefix) {
    return i < size && text.startsWith(prefix, starts[i]);
  }

  /** Line {@code i} with its LF. */
  String get(int i) {
    return text.substring(starts[i], i + 1 < size ? starts[i + 1] : text.length());
  }
}
