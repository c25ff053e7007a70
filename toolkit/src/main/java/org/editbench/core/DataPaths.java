package org.editbench.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The default data layout of the reference implementation, resolved under {@code $EDITBENCH_HOME}
 * when it is set and under the working directory otherwise.
 */
public record DataPaths(Path root) {
  public static final String HOME_VARIABLE = "EDITBENCH_HOME";

  /**
   * The dataset name of the files that merge every repository's: {@code all-task-instances.jsonl},
   * {@code all-task-instances_{run_id}.jsonl}.
   */
  public static final String MERGED_DATASET = "all";

  /** The data folder's own folders, whose names {@link #foundAbove} recognises. */
  private static final List<Path> DATA_FOLDERS =
      Stream.of(
              "crawled_data/bench",
              "crawled_data/infbench",
              "patch_histories",
              "experiment_results")
          .map(Path::of)
          .toList();

  /** The layout under {@code $EDITBENCH_HOME}, or the working directory. */
  public static DataPaths fromEnvironment() {
    String home = System.getenv(HOME_VARIABLE);
    return new DataPaths(
        Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().normalize());
  }

  public Path benchDir() {
    return root.resolve("crawled_data/bench");
  }

  /**
   * The bench folder when there is one; otherwise an {@link IllegalArgumentException} (the CLI's
   * bad-input exit, code 2) that says where it was looked for and how to point at the data.
   */
  public Path requireBenchDir() {
    Path bench = benchDir();
    if (Files.isDirectory(bench)) {
      return bench;
    }
    if (!Files.isDirectory(root)) {
      // Only $EDITBENCH_HOME can name a data folder that is not there.
      throw new IllegalArgumentException(
          "the data folder "
              + root
              + " is not there: "
              + HOME_VARIABLE
              + " names it; set it to the folder that holds crawled_data/bench and"
              + " patch_histories, or unset it to use the working directory");
    }
    throw new IllegalArgumentException(
        "no bench folder: looked for "
            + root.relativize(bench)
            + " in "
            + root
            + " (the data folder: $"
            + HOME_VARIABLE
            + " when it is set, else the working directory). "
            + foundAbove(bench)
                .orElse(
                    "Run from the folder that holds crawled_data/bench and patch_histories (the repository root, "
                        + "for the bundled sample), or set "
                        + HOME_VARIABLE
                        + " to that folder."));
  }

  /**
   * For one of a data folder's own folders that is not there ({@code …/experiment_results}, {@code
   * …/crawled_data/bench}, …): where a folder above holds it — the data folder a user in a
   * subfolder (such as notebooks/) meant — said as what to do; empty for any other path or when
   * none does.
   */
  public static Optional<String> foundAbove(Path missing) {
    Path absolute = missing.toAbsolutePath().normalize();
    for (Path relative : DATA_FOLDERS) {
      if (!absolute.endsWith(relative) || absolute.getNameCount() <= relative.getNameCount()) {
        continue;
      }
      Path root =
          absolute
              .getRoot()
              .resolve(absolute.subpath(0, absolute.getNameCount() - relative.getNameCount()));
      // A data folder of its own (it holds the bench or the histories) only lacks this folder
      // yet: run-api or prompt-builder makes it there, and the folder above is no better.
      if (new DataPaths(root).holdsData()) {
        return Optional.empty();
      }
      for (Path folder = root.getParent(); folder != null; folder = folder.getParent()) {
        if (Files.isDirectory(folder.resolve(relative))) {
          return Optional.of(
              "Found one in "
                  + folder
                  + ": run from there, or set "
                  + HOME_VARIABLE
                  + "="
                  + folder
                  + ".");
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the root holds a data folder's own input: the bench or the patch histories. */
  private boolean holdsData() {
    return Files.isDirectory(benchDir()) || Files.isDirectory(historiesDir());
  }

  public Path infbenchDir() {
    return root.resolve("crawled_data/infbench");
  }

  public Path historiesDir() {
    return root.resolve("patch_histories");
  }

  public Path resultsDir() {
    return root.resolve("experiment_results");
  }

  /** How a path is shown beside the data folder: relative to it when inside it, else as it is. */
  public Path shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(root.toAbsolutePath())
        ? root.toAbsolutePath().relativize(absolute)
        : path;
  }

  /** A user-given path: absolute as is, relative to the working directory (not to the root). */
  public static Path userPath(String path) {
    return Path.of(path);
  }
}
