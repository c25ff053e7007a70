package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The file hit rate reads {@code diff --git a/(\S+) b/\S+} with Python's {@code \S}, as the harness
 * does.
 */
class FilesTouchedTest {
  @Test
  void pathsEndAtPythonWhiteSpace() {
    // Java's \S takes U+00A0 and U+001C for path characters; Python's stops at them
    assertEquals(
        List.of(),
        List.copyOf(
            PatchSimilarity.filesTouched("diff --git a/odd\u00a0name.py b/odd\u00a0name.py")));
    assertEquals(
        List.of("x.py", "y.py"),
        List.copyOf(
            PatchSimilarity.filesTouched(
                "diff --git a/x.py b/x.py\u001cdiff --git a/y.py b/y.py\n")));
  }
}
