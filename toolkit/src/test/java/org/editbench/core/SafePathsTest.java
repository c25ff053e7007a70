package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Names from data become one folder or file name inside their root, or are refused with the reason.
 */
class SafePathsTest {
  @Test
  void ordinaryIdsAreOneSegment() {
    for (String name :
        new String[] {"acme__inventory-pull-12", "o__r.js-pull-1", "a..b", "caf\u00e9", "x y"}) {
      assertNull(SafePaths.segmentProblem(name), name);
      assertEquals(Path.of("root", name), SafePaths.child(Path.of("root"), name, "instance_id"));
    }
  }

  @Test
  void separatorsDotSegmentsNulAndAbsolutePathsAreRefusedWithTheReason() {
    String[][] cases = {
      {"../outside/X", "it contains '/'"},
      {"/etc/passwd", "it contains '/'"},
      {"..\\x", "it contains '\\'"},
      {"..", "it is '..'"},
      {".", "it is '.'"},
      {"", "it is empty"},
      {"a\0b", "it contains a NUL character"},
      {"a\nb", "it contains a control character (U+000A)"}
    };
    for (String[] c : cases) {
      assertEquals(c[1], SafePaths.segmentProblem(c[0]), c[0]);
      var e =
          assertThrows(
              SafePaths.UnsafeNameException.class,
              () -> SafePaths.child(Path.of("root"), c[0], "instance_id"));
      assertEquals(
          "instance_id " + PyJson.quote(c[0]) + " cannot be a file or folder name: " + c[1],
          e.getMessage());
    }
    assertEquals("it is '..'", SafePaths.segmentProblem(".."));
  }
}
