package org.editbench.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.editbench.core.AtomicFiles;

/**
 * A model's results folders as merge-results walks them: its {@code T=*} folders (all, or those of
 * one temperature matched by number), their {@code n=*} folders and files, in Python's path order.
 */
final class ResultFolders {
  private ResultFolders() {}

  static List<Path> temperatureDirs(Path modelDir, String temperature) {
    List<Path> all = subDirs(modelDir, "T=");
    if (temperature == null) {
      if (all.isEmpty()) {
        throw new IllegalArgumentException("no T=* folders in " + modelDir);
      }
      return all;
    }
    double wanted = parseTemperature(temperature);
    List<Path> matching =
        all.stream()
            .filter(
                d -> {
                  try {
                    return Double.parseDouble(d.getFileName().toString().substring(2)) == wanted;
                  } catch (NumberFormatException e) {
                    return false;
                  }
                })
            .toList();
    if (matching.isEmpty()) {
      throw new IllegalArgumentException(
          "no folder T="
              + temperature
              + " in "
              + modelDir
              + " (found: "
              + (all.isEmpty()
                  ? "none"
                  : String.join(", ", all.stream().map(p -> p.getFileName().toString()).toList()))
              + ")");
    }
    return matching;
  }

  private static double parseTemperature(String temperature) {
    try {
      return Double.parseDouble(temperature);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--temperature must be a number such as 0 or 0.7, found '" + temperature + "'");
    }
  }

  static List<Path> subDirs(Path dir, String prefix) {
    return list(dir, prefix + "*").stream()
        .filter(Files::isDirectory)
        .sorted(ResultFolders::comparePathParts)
        .toList();
  }

  static List<Path> list(Path dir, String glob) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
      entries.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + AtomicFiles.describe(e), e);
    }
    return out;
  }

  /**
   * Python's order of {@code Path}s: name by name, so {@code T=0/…} sorts before {@code T=0.7/…}.
   */
  static int comparePathParts(Path a, Path b) {
    Iterator<Path> i = a.iterator();
    Iterator<Path> j = b.iterator();
    while (i.hasNext() && j.hasNext()) {
      int c = i.next().toString().compareTo(j.next().toString());
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(i.hasNext(), j.hasNext());
  }
}
