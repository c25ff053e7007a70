package org.editbench.text;

import java.util.Arrays;

/**
 * The Levenshtein distance (insertions, deletions and substitutions of one unit, each costing 1)
 * between two sequences of code points, exactly, with Myers' bit-parallel algorithm (J. ACM 46(3),
 * 1999) in the multi-word form Hyyrö describes for patterns longer than 64: a column of the
 * dynamic-programming matrix is kept as bit vectors of its vertical differences, 64 cells to a
 * {@code long}, so that each text unit advances the whole column in a few word operations per 64
 * pattern units instead of one step per cell. O(⌈m/64⌉·n) for a pattern of m and a text of n units.
 */
public final class Levenshtein {
  private static final int ASCII = 128;

  private Levenshtein() {}

  /**
   * The Levenshtein distance between two strings, over their code points (a non-BMP character is
   * one unit).
   */
  public static int distance(String a, String b) {
    return distance(a.codePoints().toArray(), b.codePoints().toArray());
  }

  /** The Levenshtein distance between two code-point sequences. */
  public static int distance(int[] a, int[] b) {
    // A common prefix or suffix never changes the distance; trimming it shortens both sides.
    int start = 0;
    int endA = a.length;
    int endB = b.length;
    while (start < endA && start < endB && a[start] == b[start]) {
      start++;
    }
    while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) {
      endA--;
      endB--;
    }
    int lengthA = endA - start;
    int lengthB = endB - start;
    if (lengthA == 0 || lengthB == 0) {
      return lengthA + lengthB;
    }
    // The distance is symmetric: the shorter side is the pattern, the one held in bit vectors.
    return lengthA <= lengthB
        ? bitParallel(a, start, lengthA, b, start, lengthB)
        : bitParallel(b, start, lengthB, a, start, lengthA);
  }

  private static int bitParallel(
      int[] pattern, int patternStart, int m, int[] text, int textStart, int n) {
    int blocks = (m + 63) >>> 6;
    Alphabet alphabet = new Alphabet(pattern, patternStart, m);
    // peq[id * blocks + b]: bit i set where pattern unit 64·b + i is the unit with that id; the
    // last row (id = size) stays zero for text units that the pattern does not contain.
    long[] peq = new long[(alphabet.size() + 1) * blocks];
    for (int i = 0; i < m; i++) {
      peq[alphabet.id(pattern[patternStart + i]) * blocks + (i >>> 6)] |= 1L << (i & 63);
    }
    long[] positive = new long[blocks];
    long[] negative = new long[blocks];
    Arrays.fill(positive, -1L); // column 0 is 0, 1, 2, …, m: every vertical difference +1
    long lastBit = 1L << ((m - 1) & 63);
    int distance = m;
    for (int j = 0; j < n; j++) {
      int row = alphabet.idOrAbsent(text[textStart + j]) * blocks;
      // The horizontal difference entering a block as two bits, +1 and -1 (never both): row 0 is
      // 0, 1, 2, …, n, so +1 enters the first block. Bits rather than branches: the JIT this runs
      // under (C1) does not turn branches into conditional moves.
      long hp = 1;
      long hm = 0;
      long ph = 0;
      long mh = 0;
      for (int b = 0; b < blocks; b++) {
        long equal = peq[row + b];
        long pv = positive[b];
        long mv = negative[b];
        long xv = equal | mv;
        equal |= hm;
        long xh = (((equal & pv) + pv) ^ pv) | equal;
        ph = mv | ~(xh | pv);
        mh = pv & xh;
        long shiftedPh = ph << 1 | hp;
        long shiftedMh = mh << 1 | hm;
        hp = ph >>> 63;
        hm = mh >>> 63;
        positive[b] = shiftedMh | ~(xv | shiftedPh);
        negative[b] = shiftedPh & xv;
      }
      // the last block's differences, before the shift, hold the bottom row's change
      distance += (ph & lastBit) != 0 ? 1 : (mh & lastBit) != 0 ? -1 : 0;
    }
    return distance;
  }

  /**
   * Dense ids 0…size-1 for the distinct units of the pattern: ASCII by table, the rest through an
   * open-addressing hash table (code points are never negative, so -1 marks a free slot).
   */
  private static final class Alphabet {
    private final int[] ascii = new int[ASCII];
    private int[] keys = new int[16];
    private int[] ids = new int[16];
    private int others;
    private int size;

    Alphabet(int[] units, int from, int length) {
      Arrays.fill(ascii, -1);
      Arrays.fill(keys, -1);
      for (int i = from; i < from + length; i++) {
        int unit = units[i];
        if (unit < ASCII) {
          if (ascii[unit] < 0) {
            ascii[unit] = size++;
          }
        } else if (lookUp(unit) < 0) {
          insert(unit, size++);
        }
      }
    }

    int size() {
      return size;
    }

    /** The id of a unit the pattern contains. */
    int id(int unit) {
      return unit < ASCII ? ascii[unit] : lookUp(unit);
    }

    /** The unit's id, or {@link #size()} when the pattern does not contain it. */
    int idOrAbsent(int unit) {
      int id = id(unit);
      return id < 0 ? size : id;
    }

    private int lookUp(int unit) {
      int mask = keys.length - 1;
      for (int slot = mix(unit) & mask; ; slot = (slot + 1) & mask) {
        if (keys[slot] == unit) {
          return ids[slot];
        }
        if (keys[slot] < 0) {
          return -1;
        }
      }
    }

    private void insert(int unit, int id) {
      if (2 * (others + 1) > keys.length) {
        int[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new int[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        others = 0;
        for (int s = 0; s < oldKeys.length; s++) {
          if (oldKeys[s] >= 0) {
            insert(oldKeys[s], oldIds[s]);
          }
        }
      }
      int mask = keys.length - 1;
      int slot = mix(unit) & mask;
      while (keys[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = unit;
      ids[slot] = id;
      others++;
    }

    private static int mix(int unit) {
      int h = unit * 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }
}
