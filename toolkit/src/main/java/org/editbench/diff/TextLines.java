package org.editbench.diff;

import java.util.Arrays;
import org.editbench.text.PyStrings;

/**
 * The lines of a text exactly as Python's {@code str.splitlines(keepends=True)} cuts them, kept as
 * offsets into the text with a hash per line. Diffing two files this way reads each character
 * about twice and allocates no line strings, which is most of the cost of a diff of large, nearly
 * equal files.
 */
final class TextLines {
  private final String text;
  /** The text's chars: array reads and range compares are cheaper than String's. */
  private final char[] chars;
  /** Line k spans {@code [bounds[k], bounds[k + 1])}. */
  private final int[] bounds;
  private final int[] hashes;
  private final int count;

  private TextLines(String text, char[] chars, int[] bounds, int[] hashes, int count) {
    this.text = text;
    this.chars = chars;
    this.bounds = bounds;
    this.hashes = hashes;
    this.count = count;
  }

  static TextLines of(String text) {
    char[] chars = text.toCharArray();
    int n = chars.length;
    Builder lines = new Builder(Math.max(16, n / 32));
    int hash = 0;
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      hash = 31 * hash + c;
      // Every line boundary is at most U+001E or at least U+0085; most characters are neither.
      if ((c <= '\u001e' || c >= '\u0085') && PyStrings.isLineBoundary(c)) {
        if (c == '\r' && i + 1 < n && chars[i + 1] == '\n') {
          i++;
          hash = 31 * hash + '\n';
        }
        lines.add(i + 1, hash);
        hash = 0;
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(n, hash);
    }
    return new TextLines(text, chars, lines.bounds, lines.hashes, lines.count);
  }

  private static final class Builder {
    int[] bounds;
    int[] hashes;
    int count;

    Builder(int capacity) {
      bounds = new int[capacity + 1];
      hashes = new int[capacity];
    }

    void add(int end, int hash) {
      if (count == hashes.length) {
        hashes = Arrays.copyOf(hashes, count * 2);
        bounds = Arrays.copyOf(bounds, count * 2 + 1);
      }
      hashes[count] = hash;
      bounds[++count] = end;
    }
  }

  int count() {
    return count;
  }

  String line(int k) {
    return text.substring(bounds[k], bounds[k + 1]);
  }

  void appendLine(StringBuilder out, int k) {
    out.append(text, bounds[k], bounds[k + 1]);
  }

  private boolean sameLine(int k, TextLines other, int j) {
    return hashes[k] == other.hashes[j] && Arrays.equals(chars, bounds[k], bounds[k + 1],
        other.chars, other.bounds[j], other.bounds[j + 1]);
  }

  /**
   * A matcher of a against b: b's distinct lines numbered from 0 in order of appearance, a's lines
   * by the same numbers, -1 for lines b does not have.
   */
  static SequenceMatcher matcher(TextLines a, TextLines b) {
    int slots = Integer.highestOneBit(Math.max(4, b.count * 2)) * 2;
    int mask = slots - 1;
    // Per slot: 1 + the b line that first had this content, or 0 when free.
    int[] table = new int[slots];
    int[] bIds = new int[b.count];
    int[] idOfFirst = new int[b.count];
    int distinct = 0;
    for (int j = 0; j < b.count; j++) {
      int slot = spread(b.hashes[j]) & mask;
      while (table[slot] != 0 && !b.sameLine(table[slot] - 1, b, j)) {
        slot = (slot + 1) & mask;
      }
      if (table[slot] == 0) {
        table[slot] = j + 1;
        idOfFirst[j] = distinct++;
      }
      bIds[j] = idOfFirst[table[slot] - 1];
    }
    int[] aIds = new int[a.count];
    for (int i = 0; i < a.count; i++) {
      int slot = spread(a.hashes[i]) & mask;
      while (table[slot] != 0 && !b.sameLine(table[slot] - 1, a, i)) {
        slot = (slot + 1) & mask;
      }
      aIds[i] = table[slot] == 0 ? -1 : bIds[table[slot] - 1];
    }
    return new SequenceMatcher(aIds, bIds, distinct);
  }

  /** Line hashes differ mostly in their low bits' neighbours; spread them over the table. */
  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
