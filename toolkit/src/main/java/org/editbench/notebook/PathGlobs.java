package org.editbench.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Expands IJava-style path patterns ({@code lib/*.jar}, {@code deps/**}) against the file system.
 */
final class PathGlobs {
  private PathGlobs() {}

  /**
   * The paths that {@code pattern} matches, sorted; a pattern without wildcards is returned as is.
   */
  static List<Path> expand(String pattern) {
    Path path = Path.of(pattern).toAbsolutePath().normalize();
    int firstWild = -1;
    for (int i = 0; i < path.getNameCount(); i++) {
      if (hasWildcard(path.getName(i).toString())) {
        firstWild = i;
        break;
      }
    }
    if (firstWild < 0) {
      return List.of(path);
    }
    Path base = path.getRoot();
    for (int i = 0; i < firstWild; i++) {
      base = base.resolve(path.getName(i));
    }
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    boolean anyDepth = pattern.contains("**");
    int depth = anyDepth ? Integer.MAX_VALUE : path.getNameCount() - firstWild;
    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "'" + pattern + "' is not a valid pattern: " + e.getDescription(), e);
    }
    try (Stream<Path> walk = Files.walk(base, depth)) {
      return walk.filter(matcher::matches).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasWildcard(String segment) {
    return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
