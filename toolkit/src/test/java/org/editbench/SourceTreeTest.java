package org.editbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the main sources of both modules (issue 15): classes small enough to read in one
 * sitting, and every package saying what it holds in its {@code package-info.java}.
 */
class SourceTreeTest {
  static final int MAX_LINES = 400;

  private static final List<String> MAIN_SOURCES =
      List.of("toolkit/src/main/java", "kernel-install/kernel/src/main/java");

  @Test
  void noMainSourceFileIsOver400Lines() throws IOException {
    List<String> tooLong =
        javaFiles()
            .filter(file -> lines(file) > MAX_LINES)
            .map(file -> relative(file) + " (" + lines(file) + " lines)")
            .toList();
    assertEquals(List.of(), tooLong, "split along a seam: over " + MAX_LINES + " lines");
  }

  @Test
  void everyPackageHasItsPackageInfo() throws IOException {
    List<Path> packages = javaFiles().map(Path::getParent).distinct().toList();
    assertTrue(packages.size() >= 10, "found too few packages: " + packages);
    List<String> without =
        packages.stream()
            .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
            .map(SourceTreeTest::relative)
            .toList();
    assertEquals(List.of(), without, "packages without a package-info.java");
  }

  private static Stream<Path> javaFiles() throws IOException {
    Stream<Path> all = Stream.empty();
    for (String root : MAIN_SOURCES) {
      try (Stream<Path> files = Files.walk(SharedCorpus.repositoryRoot().resolve(root))) {
        List<Path> java = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        all = Stream.concat(all, java.stream());
      }
    }
    return all;
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String relative(Path path) {
    return SharedCorpus.repositoryRoot().relativize(path).toString();
  }
}
