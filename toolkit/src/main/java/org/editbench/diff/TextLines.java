package org.editbench.diff;

import java.util.Arrays;
import org.editbench.text.PyStrings;

/**
 * The lines of a text exactly as Python's {@code str.splitlines(keepends=True)} cuts them, kept as
 * offsets into the text with a hash per line. Diffing two files this way reads each character about
 * twice and allocates no line strings, which is most of the cost of a diff of large, nearly equal
 * files.
 */
final class TextLines {
  private final String text;

  /** The text's chars: array reads and range compares are cheaper than String's. */
  private final char[] chars;

  /** Line k spans {@code [bounds[k], bounds[k + 1])}. */
  private final int[] bounds;

  private final int[] hashes;
  private final int count;

  /**
   * The lines these were cut against by {@link #sharingEnds}, or null: the first {@code sharedHead}
   * lines are its first lines, the last {@code sharedTail} lines its last lines.
   */
  private final TextLines sharedWith;

  private final int sharedHead;
  private final int sharedTail;

  private TextLines(
      String text,
      char[] chars,
      Builder lines,
      TextLines sharedWith,
      int sharedHead,
      int sharedTail) {
    this.text = text;
    this.chars = chars;
    this.bounds = lines.bounds;
    this.hashes = lines.hashes;
    this.count = lines.count;
    this.sharedWith = sharedWith;
    this.sharedHead = sharedHead;
    this.sharedTail = sharedTail;
  }

  static TextLines of(String text) {
    char[] chars = text.toCharArray();
    Builder lines = new Builder(chars.length / 32);
    lines.cut(chars, 0, chars.length);
    return new TextLines(text, chars, lines, null, 0, 0);
  }

  /**
   * The lines of {@code text} exactly as {@link #of} cuts them, but the lines it shares with {@code
   * other} at its start and at its end are taken from {@code other} rather than cut and hashed
   * again: a version of a file diffed against the final version shares most of its lines with it
   * there, and finding how much takes two vectorized compares. A line is shared when it and the
   * char after it (which decides whether a CR ends a line) lie in the common prefix, or when the
   * char before it and all that follows lie in the common suffix.
   */
  static TextLines sharingEnds(String text, TextLines other) {
    char[] chars = text.toCharArray();
    int common = Math.min(chars.length, other.chars.length);
    int prefix = Arrays.mismatch(chars, 0, common, other.chars, 0, common);
    if (prefix < 0) {
      prefix = common;
    }
    int suffix = commonSuffix(chars, other.chars, common - prefix);
    int head = firstBoundAtLeast(other, 1, other.count + 1, prefix) - 1;
    int tailStart = firstBoundAtLeast(other, head, other.count, other.chars.length - suffix + 1);
    int shift = chars.length - other.chars.length;
    int middleEnd = other.bounds[tailStart] + shift;
    Builder lines = new Builder(other.count + (middleEnd - other.bounds[head]) / 32);
    lines.copy(other, 0, head, 0);
    lines.cut(chars, other.bounds[head], middleEnd);
    lines.copy(other, tailStart, other.count, shift);
    return new TextLines(text, chars, lines, other, head, other.count - tailStart);
  }

  /** The first k in [from, to) with {@code lines.bounds[k] >= value}, or {@code to}. */
  private static int firstBoundAtLeast(TextLines lines, int from, int to, int value) {
    int index = Arrays.binarySearch(lines.bounds, from, to, value);
    if (index < 0) {
      return -index - 1;
    }
    // bounds ascend strictly: an exact hit is the first
    return index;
  }

  /** How many chars {@code a} and {@code b} have in common at their ends, at most {@code max}. */
  private static int commonSuffix(char[] a, char[] b, int max) {
    int length = 0;
    while (length < max) {
      // compared backwards a block at a time: Arrays.mismatch is vectorized, only forwards
      int block = Math.min(256, max - length);
      int aEnd = a.length - length;
      int bEnd = b.length - length;
      if (Arrays.mismatch(a, aEnd - block, aEnd, b, bEnd - block, bEnd) < 0) {
        length += block;
        continue;
      }
      while (a[aEnd - 1] == b[bEnd - 1]) {
        aEnd--;
        bEnd--;
        length++;
      }
      return length;
    }
    return length;
  }

  private static final class Builder {
    int[] bounds;
    int[] hashes;
    int count;

    Builder(int capacity) {
      bounds = new int[Math.max(16, capacity) + 1];
      hashes = new int[Math.max(16, capacity)];
    }

    void add(int end, int hash) {
      if (count == hashes.length) {
        hashes = Arrays.copyOf(hashes, count * 2);
        bounds = Arrays.copyOf(bounds, count * 2 + 1);
      }
      hashes[count] = hash;
      bounds[++count] = end;
    }

    /**
     * Adds the lines of {@code chars[from, to)}; {@code to} is the end of the text or a line start.
     */
    void cut(char[] chars, int from, int to) {
      int hash = 0;
      int start = from;
      for (int i = from; i < to; i++) {
        char c = chars[i];
        hash = 31 * hash + c;
        // LF ends most lines; every other line boundary is at most U+001E or at least U+0085, and
        // most characters are neither: the full test is rarely made.
        if (c == '\n' || (c <= '\u001e' || c >= '\u0085') && PyStrings.isLineBoundary(c)) {
          if (c == '\r' && i + 1 < chars.length && chars[i + 1] == '\n') {
            i++;
            hash = 31 * hash + '\n';
          }
          add(i + 1, hash);
          hash = 0;
          start = i + 1;
        }
      }
      if (start < to) {
        add(to, hash);
      }
    }

    /** Adds lines [from, to) of {@code lines}, moved by {@code shift} chars. */
    void copy(TextLines lines, int from, int to, int shift) {
      for (int k = from; k < to; k++) {
        add(lines.bounds[k + 1] + shift, lines.hashes[k]);
      }
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
    return hashes[k] == other.hashes[j]
        && Arrays.equals(
            chars, bounds[k], bounds[k + 1], other.chars, other.bounds[j], other.bounds[j + 1]);
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
      int head = 0;
      int tail = 0;
      if (a.sharedWith == b) {
        // lines a shares with b are b's lines: their numbers need no look-up
        head = a.sharedHead;
        tail = a.sharedTail;
        System.arraycopy(bIds, 0, aIds, 0, head);
        System.arraycopy(bIds, b.count - tail, aIds, a.count - tail, tail);
      }
      for (int i = head; i < a.count - tail; i++) {
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
