package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatchSimilarityTest {
  private static final String DIFF =
      String.join(
          "\n",
          "diff --git a/pkg/x.py b/pkg/x.py",
          "index 123..456 100644",
          "--- a/pkg/x.py",
          "+++ b/pkg/x.py",
          "@@ -1,4 +1,4 @@ def f():",
          " def f(a):  # takes a",
          "-    return a+1",
          "+    return a + 2",
          " ",
          " # a whole-line comment",
          "diff --git a/pkg/y.py b/pkg/y.py",
          "--- a/pkg/y.py",
          "+++ b/pkg/y.py",
          "@@ -7 +7 @@",
          "-\t-- not meta: two dashes and no space",
          "+  --- a meta line once stripped",
          "");

  @Test
  void preprocessingDropsMetaBlankAndCommentLinesAndStripsSigns() {
    // "+  --- a…" loses its "+" only after the meta check ran on "+  --- a…", so it stays.
    assertEquals(
        String.join(
            "\n",
            "def f(a):",
            "return a+1",
            "return a + 2",
            "-- not meta: two dashes and no space",
            "--- a meta line once stripped"),
        PatchSimilarity.preprocess(DIFF));
    assertEquals("", PatchSimilarity.preprocess(null));
    assertEquals("", PatchSimilarity.preprocess("@@ -1 +1 @@\n# only a comment\n\n"));
  }

  @Test
  void tokensAreIdentifiersAndSinglePunctuation() {
    assertEquals(
        List.of("def", "f", "(", "a", ")", ":", "return", "a", "+", "1", "-", ">", "x_2"),
        PatchSimilarity.tokens("def f(a): return a+1 -> x_2 \"é\""));
  }

  @Test
  void editDistanceIsLevenshteinOverTheLongerLengthRoundedTo4Places() {
    assertEquals(0.4286, PatchSimilarity.normalizedEditDistance("kitten", "sitting")); // 3 / 7
    assertEquals(0.0, PatchSimilarity.normalizedEditDistance("", ""));
    assertEquals(1.0, PatchSimilarity.normalizedEditDistance("abc", ""));
    assertEquals(0.0, PatchSimilarity.normalizedEditDistance("same", "same"));
    // code points, not UTF-16 units: one emoji against another is one substitution
    assertEquals(1.0, PatchSimilarity.normalizedEditDistance("\uD83D\uDE00", "\uD83D\uDE01"));
  }

  @Test
  void jaccardIsOverTokenSets() {
    assertEquals(0.5, PatchSimilarity.tokenJaccard(List.of("a", "b", "c"), List.of("b", "c", "d")));
    assertEquals(1.0, PatchSimilarity.tokenJaccard(List.of("a", "a"), List.of("a")));
    assertEquals(1.0, PatchSimilarity.tokenJaccard(List.of(), List.of()));
    assertEquals(0.0, PatchSimilarity.tokenJaccard(List.of("a"), List.of()));
    assertEquals(0.3333, PatchSimilarity.tokenJaccard(List.of("a"), List.of("a", "b", "c")));
  }

  @Test
  void fileHitRateCountsGroundTruthFilesThePredictionTouches() {
    String truth = "diff --git a/x.py b/x.py\n@@\ndiff --git a/y.py b/y.py\n";
    assertEquals(
        0.5,
        PatchSimilarity.fileHitRate(truth, "diff --git a/x.py b/x.py\ndiff --git a/z.py b/z.py\n"));
    assertEquals(
        1.0,
        PatchSimilarity.fileHitRate(truth, "diff --git a/y.py b/y.py\ndiff --git a/x.py b/x.py\n"));
    assertEquals(
        0.0,
        PatchSimilarity.fileHitRate(truth, "--- a/x.py\n+++ b/x.py\n")); // no diff --git header
    assertEquals(0.0, PatchSimilarity.fileHitRate("", "diff --git a/x.py b/x.py\n"));
  }
}
