package org.editbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.editbench.SharedCorpus;

/**
 * The bundled sample bench, copied into a data root of a test's own (the project's stays
 * untouched).
 */
public final class SampleData {
  private SampleData() {}

  /**
   * Copies {@code crawled_data/bench/} and {@code patch_histories/} of the project under {@code
   * root}.
   */
  public static void copyTo(Path root) throws IOException {
    Path project = SharedCorpus.repositoryRoot();
    for (String folder : new String[] {"crawled_data/bench", "patch_histories"}) {
      copyTree(project.resolve(folder), root.resolve(folder));
    }
  }

  /** Copies the tree {@code from} to {@code to}, folders included. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
