package org.editbench.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.editbench.SharedCorpus;
import org.editbench.results.PatchSimilarity;
import org.junit.jupiter.api.Test;

/**
 * The bit-parallel distance against the textbook dynamic program, cell by cell, on random and real
 * texts.
 */
class LevenshteinTest {
  /**
   * Code points to draw from: ASCII, a Latin-1 letter, a CJK one and two outside the BMP (surrogate
   * pairs in Java).
   */
  private static final int[] UNITS = {'a', 'b', 'c', ' ', '\n', '(', 'é', '中', 0x1F600, 0x1F601};

  /** Lengths around the 64-unit word boundaries, where the multi-word carries matter. */
  private static final int[] EDGES = {0, 1, 2, 63, 64, 65, 127, 128, 129, 191, 192, 193, 256};

  @Test
  void smallCasesWorkedOutByHand() {
    assertEquals(3, Levenshtein.distance("kitten", "sitting"));
    assertEquals(0, Levenshtein.distance("", ""));
    assertEquals(3, Levenshtein.distance("abc", ""));
    assertEquals(3, Levenshtein.distance("", "abc"));
    assertEquals(
        1,
        Levenshtein.distance("\uD83D\uDE00", "\uD83D\uDE01")); // one code point each, not two units
    assertEquals(2, Levenshtein.distance("\uD83D\uDE00x", "y"));
  }

  @Test
  void randomTextsOfEveryLengthUpTo200AgreeWithTheDynamicProgram() {
    SplittableRandom random = new SplittableRandom(16);
    for (int round = 0; round < 3000; round++) {
      int alphabet =
          1 + random.nextInt(UNITS.length); // small alphabets: many matches, long carries
      int[] a = randomUnits(random, random.nextInt(200), alphabet);
      int[] b =
          random.nextBoolean()
              ? randomUnits(random, random.nextInt(200), alphabet)
              : mutate(a, random, alphabet);
      assertAgrees(a, b);
    }
  }

  @Test
  void lengthsAtTheWordBoundariesAgreeWithTheDynamicProgram() {
    SplittableRandom random = new SplittableRandom(64);
    for (int lengthA : EDGES) {
      for (int lengthB : EDGES) {
        for (int alphabet : new int[] {1, 2, UNITS.length}) {
          assertAgrees(
              randomUnits(random, lengthA, alphabet), randomUnits(random, lengthB, alphabet));
        }
      }
    }
    // identical but for one unit at either end, and completely different texts
    int[] a = randomUnits(random, 200, 3);
    int[] b = a.clone();
    b[0] = 'z';
    b[199] = 'z';
    assertAgrees(a, b);
    assertAgrees(randomUnits(random, 130, 1), new int[] {'z', 'z', 'z'});
  }

  @Test
  void preprocessedCorpusDiffsAgreeWithTheDynamicProgram() throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> diffs = Files.list(SharedCorpus.histories(SharedCorpus.fixture()))) {
      for (Path folder : diffs.sorted().limit(60).toList()) {
        String code = PatchSimilarity.preprocess(Files.readString(folder.resolve("whole.diff")));
        if (code.length() < 2000) {
          texts.add(code);
        }
      }
    }
    SplittableRandom random = new SplittableRandom(128);
    for (int i = 0; i + 1 < texts.size(); i++) {
      int[] a = texts.get(i).codePoints().toArray();
      assertAgrees(a, texts.get(i + 1).codePoints().toArray()); // two unrelated patches
      assertAgrees(a, mutate(a, random, UNITS.length)); // a patch and a close variant of it
    }
  }

  private static void assertAgrees(int[] a, int[] b) {
    int expected = TextbookLevenshtein.distance(a, b);
    assertEquals(
        expected, Levenshtein.distance(a, b), () -> "lengths " + a.length + ", " + b.length);
    assertEquals(
        expected,
        Levenshtein.distance(b, a),
        () -> "swapped, lengths " + b.length + ", " + a.length);
  }

  private static int[] randomUnits(SplittableRandom random, int length, int alphabet) {
    return random.ints(length, 0, alphabet).map(i -> UNITS[i]).toArray();
  }

  /** A copy with a few units substituted, inserted or deleted. */
  private static int[] mutate(int[] a, SplittableRandom random, int alphabet) {
    List<Integer> units = new ArrayList<>();
    for (int unit : a) {
      units.add(unit);
    }
    for (int edits = random.nextInt(1 + a.length / 8 + 1); edits > 0; edits--) {
      int unit = UNITS[random.nextInt(alphabet)];
      int at = random.nextInt(units.size() + 1);
      switch (units.isEmpty() ? 1 : random.nextInt(3)) {
        case 0 -> units.set(Math.min(at, units.size() - 1), unit);
        case 1 -> units.add(at, unit);
        default -> units.remove(Math.min(at, units.size() - 1));
      }
    }
    return units.stream().mapToInt(Integer::intValue).toArray();
  }
}
