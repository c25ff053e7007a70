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
      // LF ends most lines; every other line boundary is at most U+001E or at least U+0085, and
      // most characters are neither: the full test is rarely made.
      if (c == '\n' || (c <= '\u001e' || c >= '\u0085') && PyStrings.isLineBoundary(c)) {
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

  String text() {
    return text;
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
   * b's distinct lines numbered from 0 in order of appearance, and a lookup of any other text's
   * lines by the same numbers: what a {@link SequenceMatcher} compares. Depends on b alone, so it
   * is built once for diffs of many texts against the same b; immutable.
   */
  static final class Ids {
    private final TextLines b;
    /** Per slot: 1 + the b line that first had this content, or 0 when free. */
    private final int[] table;
    private final int mask;
    private final int[] bIds;
    private final int distinct;

    Ids(TextLines b) {
      this.b = b;
      int slots = Integer.highestOneBit(Math.max(4, b.count * 2)) * 2;
      mask = slots - 1;
      table = new int[slots];
      bIds = new int[b.count];
      int[] idOfFirst = new int[b.count];
      int next = 0;
      for (int j = 0; j < b.count; j++) {
        int slot = slotOf(b, j);
        if (table[slot] == 0) {
          table[slot] = j + 1;
          idOfFirst[j] = next++;
        }
        bIds[j] = idOfFirst[table[slot] - 1];
      }
      distinct = next;
    }

    /** b's lines by number. */
    int[] ofB() {
      return bIds;
    }

    /** How many distinct lines b has: its numbers are 0 to distinct - 1. */
    int distinct() {
      return distinct;
    }

    /** a's lines by b's numbers, -1 for lines b does not have. */
    int[] of(TextLines a) {
      int[] aIds = new int[a.count];
      for (int i = 0; i < a.count; i++) {
        int slot = slotOf(a, i);
        aIds[i] = table[slot] == 0 ? -1 : bIds[table[slot] - 1];
      }
      return aIds;
    }

    /** The slot holding line k of {@code lines}' content, or the free slot where it would go. */
    private int slotOf(TextLines lines, int k) {
      int slot = spread(lines.hashes[k]) & mask;
      while (table[slot] != 0 && !b.sameLine(table[slot] - 1, lines, k)) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }
  }

  /** Line hashes differ mostly in their low bits' neighbours; spread them over the table. */
  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
