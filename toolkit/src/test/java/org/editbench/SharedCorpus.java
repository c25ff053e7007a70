package org.editbench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared RealisticEditBench corpus: {@code $EDITBENCH_SHARED/realistic-editbench},
 * else {@code ../shared/realistic-editbench} beside the repository. Tests that need it fail (never
 * skip) when it is missing: the golden-parity tests are what CI must not lose silently.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  public static Path root() {
    String env = System.getenv("EDITBENCH_SHARED");
    return rootIn(env != null && !env.isBlank() ? Path.of(env) : repositoryRoot().resolve("../shared"));
  }

  /** The corpus under {@code shared}, or an {@link IllegalStateException} saying where it was looked for. */
  static Path rootIn(Path shared) {
    Path corpus = shared.resolve("realistic-editbench").toAbsolutePath().normalize();
    if (!Files.isDirectory(corpus.resolve("patch_histories"))) {
      throw new IllegalStateException("shared corpus not found at " + corpus
          + " (set EDITBENCH_SHARED to the folder that holds realistic-editbench)");
    }
    return corpus;
  }

  public static Path bench() {
    return root().resolve("crawled_data/bench/all-task-instances.jsonl");
  }

  public static Path histories() {
    return root().resolve("patch_histories");
  }

  /** The repository root: the nearest ancestor of the working directory with a {@code .mvn} folder. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".mvn"))) {
        return p;
      }
    }
    return dir;
  }
}
