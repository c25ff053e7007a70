package org.editbench.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link UnifiedDiff#gitDiff} against texts that python3's difflib produced once for the same
 * inputs ({@code "diff --git a/P b/P\n" + "".join(difflib.unified_diff(a.splitlines(True),
 * b.splitlines(True), "a/P", "b/P", lineterm="\n"))}).
 */
class UnifiedDiffTest {

  private static String lines(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "l" + i + "\n").collect(Collectors.joining());
  }

  @Test
  void identicalFilesGiveOnlyTheGitHeader() {
    assertEquals("diff --git a/P b/P\n", UnifiedDiff.gitDiff("", "", "P"));
    assertEquals(
        "diff --git a/src/x.py b/src/x.py\n",
        UnifiedDiff.gitDiff(lines(0, 50), lines(0, 50), "src/x.py"));
  }

  @Test
  void emptyFileToText() {
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -0,0 +1,2 @@\n+a\n+b\n",
        UnifiedDiff.gitDiff("", "a\nb\n", "P"));
  }

  @Test
  void deleteAll() {
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -1,2 +0,0 @@\n-a\n-b\n",
        UnifiedDiff.gitDiff("a\nb\n", "", "P"));
  }

  @Test
  void lineWithoutNewlineRunsIntoTheNextDiffLine() {
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -1,2 +1,2 @@\n a\n-b+c",
        UnifiedDiff.gitDiff("a\nb", "a\nc", "P"));
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -1,2 +1,2 @@\n a\n-b\n+b",
        UnifiedDiff.gitDiff("a\nb\n", "a\nb", "P"));
  }

  @Test
  void insertOnlyWithThreeLinesOfContext() {
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -3,6 +3,7 @@\n l2\n l3\n l4\n+new\n"
            + " l5\n l6\n l7\n",
        UnifiedDiff.gitDiff(lines(0, 10), lines(0, 5) + "new\n" + lines(5, 10), "P"));
  }

  @Test
  void distantChangesMakeSeparateHunks() {
    String after = lines(0, 2) + "L2\n" + lines(3, 15) + "L15\n" + lines(16, 20);
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n"
            + "@@ -1,6 +1,6 @@\n l0\n l1\n-l2\n+L2\n l3\n l4\n l5\n"
            + "@@ -13,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+L15\n l16\n l17\n l18\n",
        UnifiedDiff.gitDiff(lines(0, 20), after, "P"));
  }

  @Test
  void pythonLineBoundariesSplitLinesButFormFeedInsideALineIsKept() {
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -1,5 +1,5 @@\n a\u000c b\n"
            + " c\u000b-d\n+X\n e\n",
        UnifiedDiff.gitDiff("a\u000cb\nc\u000bd\ne\n", "a\u000cb\nc\u000bX\ne\n", "P"));
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -1,8 +1,8 @@\n a\u2028-b\u0085"
            + "+B\u0085 c\u001c d\r\n e\r f\u001d g\u001e-h\n+H\n",
        UnifiedDiff.gitDiff(
            "a\u2028b\u0085c\u001cd\r\ne\rf\u001dg\u001eh\n",
            "a\u2028B\u0085c\u001cd\r\ne\rf\u001dg\u001eH\n",
            "P"));
  }

  /**
   * "}" occurs 7 times in b. With 200 lines that is more than 1 + 200 / 100, so autojunk makes it
   * popular: it can no longer anchor a match, and the middle "}" is replaced instead of kept.
   */
  @Test
  void popularLineInALongFileChangesTheHunk() {
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -83,9 +83,7 @@\n }\n }\n line 84\n"
            + "-x\n-}\n-x\n+}\n }\n }\n line 88\n",
        diffAroundBraces(200));
    assertEquals(
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -83,9 +83,7 @@\n }\n }\n line 84\n"
            + "-x\n }\n-x\n }\n }\n line 88\n",
        diffAroundBraces(199));
  }

  private static String diffAroundBraces(int lines) {
    List<String> b =
        IntStream.range(0, lines)
            .mapToObj(i -> "line " + i + "\n")
            .collect(Collectors.toCollection(ArrayList::new));
    for (int i : new int[] {75, 82, 83, 85, 86, 87, 89}) {
      b.set(i, "}\n");
    }
    List<String> a = new ArrayList<>(b.subList(0, 85));
    a.addAll(List.of("x\n", "}\n", "x\n"));
    a.addAll(b.subList(86, lines));
    return UnifiedDiff.gitDiff(String.join("", a), String.join("", b), "P");
  }

  @Test
  void unifiedDiffOfListsUsesTheGivenNames() {
    assertEquals(
        "--- old\n+++ new\n@@ -1 +1 @@\n-x\n+y\n",
        UnifiedDiff.unifiedDiff(List.of("x\n"), List.of("y\n"), "old", "new"));
    assertEquals("", UnifiedDiff.unifiedDiff(List.of("x\n"), List.of("x\n"), "old", "new"));
  }
}
