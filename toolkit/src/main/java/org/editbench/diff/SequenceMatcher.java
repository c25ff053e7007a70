package org.editbench.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPython 3.11's {@code difflib.SequenceMatcher(None, a, b)} over lists of strings: no junk
 * predicate, autojunk on. Hunks of a unified diff depend on every tie-break of the original, so
 * this class keeps its exact search order; elements are interned to ints so that the inner loops
 * compare and index arrays, not strings.
 *
 * <p>Not thread-safe (it reuses scratch arrays and memoizes the matching blocks); use one instance
 * per comparison.
 */
public final class SequenceMatcher {

  /** {@code a[a:a+size] == b[b:b+size]}. */
  public record Match(int a, int b, int size) {}

  public enum Tag {
    REPLACE,
    DELETE,
    INSERT,
    EQUAL
  }

  /** Turn {@code a[i1:i2]} into {@code b[j1:j2]}. */
  public record Opcode(Tag tag, int i1, int i2, int j1, int j2) {}

  /** Autojunk applies only to sequences at least this long. */
  private static final int AUTOJUNK_MIN_LENGTH = 200;

  private final int[] a;
  private final int[] b;
  private final Index bIndex;

  /**
   * Match lengths of the previous and the current row of find_longest_match, at index j + 1 for a
   * match ending at b[j]. Kept all-zero between calls by clearing only the entries touched.
   */
  private int[] previousRow;

  private int[] currentRow;
  private int[] touchedPrevious;
  private int[] touchedCurrent;
  private List<Match> matchingBlocks;

  public SequenceMatcher(List<String> a, List<String> b) {
    this(Interned.of(a, b));
  }

  private SequenceMatcher(Interned lines) {
    this(lines.a(), new Index(lines.b(), lines.distinct()));
  }

  /**
   * Over interned elements: b's are numbered densely from 0 (see {@link Index}), a's use the same
   * numbers and -1 for elements b does not have.
   */
  SequenceMatcher(int[] a, Index bIndex) {
    this.a = a;
    this.b = bIndex.b;
    this.bIndex = bIndex;
    this.previousRow = new int[b.length + 1];
    this.currentRow = new int[b.length + 1];
    this.touchedPrevious = new int[b.length];
    this.touchedCurrent = new int[b.length];
  }

  /**
   * The b side of a comparison: b's elements and Python's {@code b2j} over them. It depends on b
   * alone, so comparisons of many a's with one b build it once and share it; immutable.
   */
  static final class Index {
    private final int[] b;

    /**
     * {@code b2j} minus popular elements (autojunk), flattened: the positions in b of element id,
     * ascending, are {@code positionsInB[firstPosition[id] .. firstPosition[id + 1])}; none for a
     * popular element.
     */
    private final int[] positionsInB;

    private final int[] firstPosition;

    /** Over b's elements numbered densely from 0: {@code distinct} numbers. */
    Index(int[] b, int distinct) {
      this.b = b;
      this.firstPosition = new int[distinct + 1];
      this.positionsInB = indexB(b, firstPosition);
    }

    /**
     * Fills {@code firstPosition} and returns the positions. A popular element is one on more than
     * 1% of a b of at least 200 elements.
     */
    private static int[] indexB(int[] b, int[] firstPosition) {
      int distinct = firstPosition.length - 1;
      int[] counts = new int[distinct];
      for (int id : b) {
        counts[id]++;
      }
      int popularAbove = b.length >= AUTOJUNK_MIN_LENGTH ? b.length / 100 + 1 : Integer.MAX_VALUE;
      for (int id = 0; id < distinct; id++) {
        int kept = counts[id] <= popularAbove ? counts[id] : 0;
        firstPosition[id + 1] = firstPosition[id] + kept;
        counts[id] = kept;
      }
      int[] positions = new int[firstPosition[distinct]];
      int[] next = Arrays.copyOf(firstPosition, distinct);
      for (int j = 0; j < b.length; j++) {
        if (counts[b[j]] > 0) {
          positions[next[b[j]]++] = j;
        }
      }
      return positions;
    }
  }

  private record Interned(int[] a, int[] b, int distinct) {
    static Interned of(List<String> a, List<String> b) {
      Map<String, Integer> ids = new HashMap<>();
      int[] bIds = new int[b.size()];
      for (int j = 0; j < bIds.length; j++) {
        bIds[j] = ids.computeIfAbsent(b.get(j), k -> ids.size());
      }
      int[] aIds = new int[a.size()];
      for (int i = 0; i < aIds.length; i++) {
        // An element absent from b can never match; -1 differs from every id of b.
        aIds[i] = ids.getOrDefault(a.get(i), -1);
      }
      return new Interned(aIds, bIds, ids.size());
    }
  }

  /**
   * The longest block with {@code a[i:i+k] == b[j:j+k]} inside the given ranges; among the longest,
   * the one that starts earliest in a, then earliest in b. Popular elements cannot start a block
   * but are taken on when they border one. Returns {@code (alo, blo, 0)} when nothing matches.
   */
  public Match findLongestMatch(int alo, int ahi, int blo, int bhi) {
    int besti = alo;
    int bestj = blo;
    int bestSize = 0;
    int previousTouched = 0;
    int[] positionsInB = bIndex.positionsInB;
    int[] firstPosition = bIndex.firstPosition;
    for (int i = alo; i < ahi; i++) {
      int currentTouched = 0;
      if (a[i] >= 0) {
        int end = firstPosition[a[i] + 1];
        for (int p = firstAtLeast(positionsInB, firstPosition[a[i]], end, blo);
            p < end && positionsInB[p] < bhi;
            p++) {
          int j = positionsInB[p];
          int k = previousRow[j] + 1;
          currentRow[j + 1] = k;
          touchedCurrent[currentTouched++] = j + 1;
          if (k > bestSize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestSize = k;
          }
        }
      }
      clear(previousRow, touchedPrevious, previousTouched);
      int[] row = previousRow;
      previousRow = currentRow;
      currentRow = row;
      int[] touched = touchedPrevious;
      touchedPrevious = touchedCurrent;
      touchedCurrent = touched;
      previousTouched = currentTouched;
    }
    clear(previousRow, touchedPrevious, previousTouched);

    // With no junk predicate only equal non-junk neighbours extend the block; CPython's two
    // further loops for junk neighbours never fire.
    while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) {
      besti--;
      bestj--;
      bestSize++;
    }
    while (besti + bestSize < ahi
        && bestj + bestSize < bhi
        && a[besti + bestSize] == b[bestj + bestSize]) {
      bestSize++;
    }
    return new Match(besti, bestj, bestSize);
  }

  private static int firstAtLeast(int[] positionsInB, int from, int to, int value) {
    int index = Arrays.binarySearch(positionsInB, from, to, value);
    return index >= 0 ? index : -index - 1;
  }

  private static void clear(int[] row, int[] touched, int count) {
    for (int t = 0; t < count; t++) {
      row[touched[t]] = 0;
    }
  }

  /**
   * Matching blocks in ascending order, adjacent blocks merged, ending with the sentinel {@code
   * (len(a), len(b), 0)}.
   */
  public List<Match> getMatchingBlocks() {
    if (matchingBlocks != null) {
      return matchingBlocks;
    }
    List<Match> found = new ArrayList<>();
    List<int[]> stack = new ArrayList<>();
    stack.add(new int[] {0, a.length, 0, b.length});
    while (!stack.isEmpty()) {
      int[] range = stack.remove(stack.size() - 1);
      int alo = range[0];
      int ahi = range[1];
      int blo = range[2];
      int bhi = range[3];
      Match m = findLongestMatch(alo, ahi, blo, bhi);
      if (m.size() > 0) {
        found.add(m);
        if (alo < m.a() && blo < m.b()) {
          stack.add(new int[] {alo, m.a(), blo, m.b()});
        }
        if (m.a() + m.size() < ahi && m.b() + m.size() < bhi) {
          stack.add(new int[] {m.a() + m.size(), ahi, m.b() + m.size(), bhi});
        }
      }
    }
    found.sort(
        Comparator.comparingInt(Match::a).thenComparingInt(Match::b).thenComparingInt(Match::size));

    List<Match> merged = new ArrayList<>(found.size() + 1);
    int i1 = 0;
    int j1 = 0;
    int k1 = 0;
    for (Match m : found) {
      if (i1 + k1 == m.a() && j1 + k1 == m.b()) {
        k1 += m.size();
      } else {
        if (k1 > 0) {
          merged.add(new Match(i1, j1, k1));
        }
        i1 = m.a();
        j1 = m.b();
        k1 = m.size();
      }
    }
    if (k1 > 0) {
      merged.add(new Match(i1, j1, k1));
    }
    merged.add(new Match(a.length, b.length, 0));
    matchingBlocks = List.copyOf(merged);
    return matchingBlocks;
  }

  /** Edit operations from a to b, each starting where the previous one ended. */
  public List<Opcode> getOpcodes() {
    List<Opcode> codes = new ArrayList<>();
    int i = 0;
    int j = 0;
    for (Match m : getMatchingBlocks()) {
      Tag tag =
          i < m.a() && j < m.b()
              ? Tag.REPLACE
              : i < m.a() ? Tag.DELETE : j < m.b() ? Tag.INSERT : null;
      if (tag != null) {
        codes.add(new Opcode(tag, i, m.a(), j, m.b()));
      }
      i = m.a() + m.size();
      j = m.b() + m.size();
      if (m.size() > 0) {
        codes.add(new Opcode(Tag.EQUAL, m.a(), i, m.b(), j));
      }
    }
    return codes;
  }

  /**
   * Change clusters with up to {@code n} lines of context each: the hunks of a unified diff. Equal
   * runs longer than {@code 2n} split two groups; no groups when a and b are equal.
   */
  public List<List<Opcode>> getGroupedOpcodes(int n) {
    List<Opcode> codes = new ArrayList<>(getOpcodes());
    if (codes.isEmpty()) {
      codes.add(new Opcode(Tag.EQUAL, 0, 1, 0, 1));
    }
    Opcode first = codes.get(0);
    if (first.tag() == Tag.EQUAL) {
      codes.set(
          0,
          new Opcode(
              Tag.EQUAL,
              Math.max(first.i1(), first.i2() - n),
              first.i2(),
              Math.max(first.j1(), first.j2() - n),
              first.j2()));
    }
    Opcode last = codes.get(codes.size() - 1);
    if (last.tag() == Tag.EQUAL) {
      codes.set(
          codes.size() - 1,
          new Opcode(
              Tag.EQUAL,
              last.i1(),
              Math.min(last.i2(), last.i1() + n),
              last.j1(),
              Math.min(last.j2(), last.j1() + n)));
    }

    List<List<Opcode>> groups = new ArrayList<>();
    List<Opcode> group = new ArrayList<>();
    for (Opcode code : codes) {
      int i1 = code.i1();
      int j1 = code.j1();
      if (code.tag() == Tag.EQUAL && code.i2() - i1 > n + n) {
        group.add(
            new Opcode(
                Tag.EQUAL, i1, Math.min(code.i2(), i1 + n), j1, Math.min(code.j2(), j1 + n)));
        groups.add(List.copyOf(group));
        group.clear();
        i1 = Math.max(i1, code.i2() - n);
        j1 = Math.max(j1, code.j2() - n);
      }
      group.add(new Opcode(code.tag(), i1, code.i2(), j1, code.j2()));
    }
    if (!group.isEmpty() && !(group.size() == 1 && group.get(0).tag() == Tag.EQUAL)) {
      groups.add(List.copyOf(group));
    }
    return groups;
  }
}
