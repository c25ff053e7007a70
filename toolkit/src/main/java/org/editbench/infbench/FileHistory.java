package org.editbench.infbench;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The recorded history of one edited file: its content before the pull request, after it, and the
 * file's diff for each global edit step that touched it (steps that did not are absent).
 */
public record FileHistory(
    String path, String original, String finalText, NavigableMap<Integer, String> stepDiffs) {
  public FileHistory {
    stepDiffs = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(stepDiffs));
  }

  /**
   * The folder name the reference layout uses for a path: "/" and "." each replaced by "__" ({@code
   * a/b.py} → {@code a__b__py}).
   */
  public static String encodedPath(String path) {
    return path.replace("/", "__").replace(".", "__");
  }
}
