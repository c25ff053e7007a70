package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPathsTest {
  private static String diff(String path) {
    return "diff --git a/"
        + path
        + " b/"
        + path
        + "\n--- a/"
        + path
        + "\n+++ b/"
        + path
        + "\n@@ -1 +1 @@\n-x\n+y";
  }

  @Test
  void editedFilesInOrderOfFirstAppearanceAcrossSteps() {
    List<String> history =
        List.of(
            diff("b/second.py") + "\n" + diff("a/first.py"),
            diff("c/third.py") + "\n",
            diff("a/first.py"));
    assertEquals(
        List.of("b/second.py", "a/first.py", "c/third.py"), HistoryPaths.editedFiles(history));
  }

  /** Expected values are Python's: NBSP is white space there, not for Java's default {@code \S}. */
  @Test
  void pathsEndAtPythonWhiteSpace() {
    assertEquals(
        List.of(),
        HistoryPaths.editedFiles(List.of("diff --git a/odd\u00a0name.py b/odd\u00a0name.py")));
    assertEquals(
        List.of("x.py", "y.py"),
        HistoryPaths.editedFiles(
            List.of("diff --git a/x.py b/x.py\u00a0diff --git a/y.py b/y.py")));
  }

  @Test
  void queryJoinsStepsWithNewline() {
    assertEquals("one\ntwo", HistoryPaths.query(List.of("one", "two")));
    assertEquals(List.of(), HistoryPaths.editedFiles(List.of()));
  }
}
