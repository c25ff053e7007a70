package org.editbench;

import java.nio.file.Path;

/**
 * The default data layout of the reference implementation, resolved under {@code $EDITBENCH_HOME}
 * when it is set and under the working directory otherwise.
 */
public record DataPaths(Path root) {
  public static final String HOME_VARIABLE = "EDITBENCH_HOME";

  /** The layout under {@code $EDITBENCH_HOME}, or the working directory. */
  public static DataPaths fromEnvironment() {
    String home = System.getenv(HOME_VARIABLE);
    return new DataPaths(Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().normalize());
  }

  public Path benchDir() {
    return root.resolve("crawled_data/bench");
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

  /** A user-given path: absolute as is, relative to the working directory (not to the root). */
  public static Path userPath(String path) {
    return Path.of(path);
  }
}
