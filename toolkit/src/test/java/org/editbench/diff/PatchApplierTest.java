package org.editbench.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link PatchApplier} on cases whose outcome GNU patch 2.7.6 ({@code patch --batch --fuzz=1}) gave
 * once during development: the same text, and the line, offset and fuzz it reported.
 */
class PatchApplierTest {

  /** l1 … l20, one per line. */
  private static final String BASE = lines(1, 21);

  private static final String CHANGE_L7 =
      "--- a/P\n+++ b/P\n@@ -4,7 +4,7 @@\n l4\n l5\n l6\n-l7\n+L7\n l8\n l9\n l10\n";

  private static String lines(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "l" + i + "\n").collect(Collectors.joining());
  }

  private static HunkPlacement placement(int line, int offset, int fuzz) {
    return new HunkPlacement(1, "@@ -4,7 +4,7 @@", line, offset, fuzz);
  }

  @Test
  void exactMatch() throws PatchFailedException {
    PatchResult r = PatchApplier.applyDetailed(BASE, CHANGE_L7);
    assertEquals(BASE.replace("l7\n", "L7\n"), r.text());
    assertEquals(List.of(placement(4, 0, 0)), r.hunks());
  }

  @Test
  void lineOffset() throws PatchFailedException {
    PatchResult r = PatchApplier.applyDetailed("new1\nnew2\nnew3\n" + BASE, CHANGE_L7);
    assertEquals("new1\nnew2\nnew3\n" + BASE.replace("l7\n", "L7\n"), r.text());
    assertEquals(List.of(placement(7, 3, 0)), r.hunks());
    assertTrue(r.hasOffset());
  }

  @Test
  void fuzzOneOnLeadingContext() throws PatchFailedException {
    PatchResult r = PatchApplier.applyDetailed(BASE.replace("l4\n", "X4\n"), CHANGE_L7);
    assertEquals(BASE.replace("l4\n", "X4\n").replace("l7\n", "L7\n"), r.text());
    assertEquals(List.of(placement(4, 0, 1)), r.hunks());
  }

  @Test
  void fuzzOneOnTrailingContext() throws PatchFailedException {
    PatchResult r = PatchApplier.applyDetailed(BASE.replace("l10\n", "X10\n"), CHANGE_L7);
    assertEquals(BASE.replace("l10\n", "X10\n").replace("l7\n", "L7\n"), r.text());
    assertEquals(List.of(placement(4, 0, 1)), r.hunks());
    assertEquals(1, r.maxFuzz());
  }

  @Test
  void fuzzOneDoesNotForgiveAnInnerContextLine() {
    PatchFailedException e =
        assertThrows(
            PatchFailedException.class,
            () -> PatchApplier.apply(BASE.replace("l5\n", "X5\n"), CHANGE_L7));
    assertEquals(1, e.hunkNumber());
  }

  @Test
  void theNearestMatchWinsAndAfterBeatsBefore() throws PatchFailedException {
    PatchResult r =
        PatchApplier.applyDetailed(
            "c\nx\nc\n-\nc\nx\nc\n", "--- a/P\n+++ b/P\n@@ -4 +4 @@\n-c\n+C\n");
    assertEquals("c\nx\nc\n-\nC\nx\nc\n", r.text());
    assertEquals(5, r.hunks().get(0).line());
    assertEquals(1, r.hunks().get(0).offset());
  }

  @Test
  void anExactMatchFarAwayBeatsAFuzzyOneInPlace() throws PatchFailedException {
    PatchResult r =
        PatchApplier.applyDetailed(
            "a\nX\nc\nd\ne\nf\ng\nh\ni\nj\na\nb\nc\nd\ne\n",
            "--- a/P\n+++ b/P\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n e\n");
    assertEquals("a\nX\nc\nd\ne\nf\ng\nh\ni\nj\na\nb\nC\nd\ne\n", r.text());
    assertEquals(List.of(new HunkPlacement(1, "@@ -1,5 +1,5 @@", 11, 10, 0)), r.hunks());
  }

  @Test
  void hunksWithoutLeadingOrTrailingContextStayAtTheFileEnds() {
    assertThrows(
        PatchFailedException.class,
        () ->
            PatchApplier.apply(
                "new\n" + BASE, "--- a/P\n+++ b/P\n@@ -1,4 +1,4 @@\n-l1\n+L1\n l2\n l3\n l4\n"));
    assertThrows(
        PatchFailedException.class,
        () ->
            PatchApplier.apply(
                BASE + "new\n",
                "--- a/P\n+++ b/P\n@@ -17,4 +17,4 @@\n l17\n l18\n l19\n-l20\n+L20\n"));
  }

  @Test
  void laterHunksUseTheOutputOffsetOfEarlierOnes() throws PatchFailedException {
    PatchResult r =
        PatchApplier.applyDetailed(
            BASE, "--- a/P\n+++ b/P\n@@ -4,3 +4,2 @@\n l4\n-l5\n l6\n@@ -9,0 +9,1 @@\n+new\n");
    assertEquals(lines(1, 5) + lines(6, 10) + "new\n" + lines(10, 21), r.text());
    assertEquals(
        List.of(4, 9), r.hunks().stream().map(HunkPlacement::line).collect(Collectors.toList()));
  }

  /** The corpus case: a step diff cut inside its last context line. */
  @Test
  void diffCutInTheMiddleOfItsLastLine() throws PatchFailedException {
    String diff =
        "diff --git a/P b/P\n--- a/P\n+++ b/P\n@@ -4,7 +4,7 @@\n l4\n l5\n l6\n-l7\n+L7\n"
            + " l8\n l9\n l1";
    PatchResult r = PatchApplier.applyDetailed(BASE, diff);
    // GNU drops the partial line and assumes a chopped blank context line, which only fuzz places.
    assertEquals(BASE.replace("l7\n", "L7\n"), r.text());
    assertEquals(List.of(placement(4, 0, 1)), r.hunks());
  }

  @Test
  void choppedLinesAreBlankContextAndMatchBlankLines() throws PatchFailedException {
    PatchResult r =
        PatchApplier.applyDetailed(
            "a\nb\nc\nd\n\ne\n", "--- a/P\n+++ b/P\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n ");
    assertEquals("a\nB\nc\nd\n\ne\n", r.text());
    assertEquals(0, r.maxFuzz());
  }

  @Test
  void aCutAddedLineBecomesContextToo() throws PatchFailedException {
    assertEquals(
        lines(1, 7) + "a\nb\n" + lines(7, 21),
        PatchApplier.apply(
            BASE, "--- a/P\n+++ b/P\n@@ -4,6 +4,8 @@\n l4\n l5\n l6\n+a\n+b\n l7\n l8\n l"));
  }

  @Test
  void diffEndingMoreThanThreeLinesEarlyFails() {
    PatchFailedException e =
        assertThrows(
            PatchFailedException.class,
            () ->
                PatchApplier.apply(
                    BASE,
                    "--- a/P\n+++ b/P\n@@ -4,7 +4,12 @@\n l4\n l5\n l6\n-l7\n+L7\n+x\n+y\n+z\n+w\n l"));
    assertEquals(
        "hunk #1 (@@ -4,7 +4,12 @@): the diff ends before the hunk does (3 old and 4 new"
            + " lines are missing)",
        e.getMessage());
  }

  @Test
  void noNewlineMarkersDropTheNewlineOfTheSidesLastLine() throws PatchFailedException {
    assertEquals(
        "a\nb\nc",
        PatchApplier.apply(
            "a\nb\n",
            "--- a/P\n+++ b/P\n@@ -1,2 +1,3 @@\n a\n b\n+c\n\\ No newline at end of file\n"));
    assertEquals(
        "a\nB\nc",
        PatchApplier.apply(
            "a\nb\nc",
            "--- a/P\n+++ b/P\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n\\ No newline at end of file\n"));
  }

  @Test
  void aFileWithoutFinalNewline() throws PatchFailedException {
    // Without the marker, "c\n" does not match the file's last line "c": fuzz drops it.
    PatchResult r =
        PatchApplier.applyDetailed(
            "a\nb\nc", "--- a/P\n+++ b/P\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    assertEquals("a\nB\nc", r.text());
    assertEquals(1, r.maxFuzz());
    // Lines added after a last line without newline get one in between.
    assertEquals("a\nb\nc\n", PatchApplier.apply("a\nb", "--- a/P\n+++ b/P\n@@ -2,0 +3 @@\n+c\n"));
  }

  @Test
  void hunkThatMatchesNowhereFailsNamingIt() {
    PatchFailedException e =
        assertThrows(
            PatchFailedException.class,
            () ->
                PatchApplier.apply(
                    BASE,
                    "--- a/P\n+++ b/P\n@@ -1,3 +1,3 @@\n-l1\n+L1\n l2\n l3\n"
                        + "@@ -14,7 +14,7 @@\n l14\n l15\n l16\n-zz\n+L17\n l18\n l19\n l20\n"));
    assertEquals(2, e.hunkNumber());
    assertEquals(
        "hunk #2 (@@ -14,7 +14,7 @@) does not apply: its context and removed lines match"
            + " nowhere in the file after line 1, where the previous hunk's changes end, even"
            + " ignoring one context line at each end. Was the diff made against another version of"
            + " the file?",
        e.getMessage());
  }

  @Test
  void reversedOrAlreadyAppliedDiffFails() {
    PatchFailedException e =
        assertThrows(
            PatchFailedException.class,
            () -> PatchApplier.apply(BASE.replace("l7\n", "L7\n"), CHANGE_L7));
    assertEquals(
        "hunk #1 (@@ -4,7 +4,7 @@) is reversed or already applied: its new side matches"
            + " at line 4 but its old side nowhere. Was the diff made in the other direction, or"
            + " applied before?",
        e.getMessage());
  }

  @Test
  void hunksOutOfOrderFail() {
    PatchFailedException e =
        assertThrows(
            PatchFailedException.class,
            () ->
                PatchApplier.apply(
                    BASE,
                    "--- a/P\n+++ b/P\n@@ -10,2 +10,2 @@\n-l10\n+L10\n l11\n@@ -5,0 +6 @@\n+ins\n"));
    assertEquals(2, e.hunkNumber());
  }

  @Test
  void diffWithoutHunksFailsUnlessEmpty() throws PatchFailedException {
    assertThrows(
        PatchFailedException.class,
        () -> PatchApplier.apply(BASE, "diff --git a/P b/P\n--- a/P\n+++ b/P\n"));
    assertEquals(BASE, PatchApplier.apply(BASE, ""));
  }

  @Test
  void hunkOfContextOnlyIsMalformed() {
    PatchFailedException e =
        assertThrows(
            PatchFailedException.class,
            () -> PatchApplier.apply(BASE, "--- a/P\n+++ b/P\n@@ -1,2 +1,2 @@\n l1\n l2\n"));
    assertTrue(
        e.getMessage().startsWith("hunk #1 (@@ -1,2 +1,2 @@): malformed diff"), e.getMessage());
  }

  @Test
  void unexpectedLineInAHunkIsMalformed() {
    PatchFailedException e =
        assertThrows(
            PatchFailedException.class,
            () ->
                PatchApplier.apply(BASE, "--- a/P\n+++ b/P\n@@ -1,2 +1,2 @@\n-l1\n?\n+L1\n l2\n"));
    assertEquals(
        "hunk #1 (@@ -1,2 +1,2 @@): malformed diff at line 5 \"?\" (a hunk line starts"
            + " with ' ', '-' or '+')",
        e.getMessage());
  }
}
