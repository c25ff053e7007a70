package org.editbench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find real data. The whole shared RealisticEditBench corpus is {@code
 * $EDITBENCH_SHARED/realistic-editbench}, else {@code ../shared/realistic-editbench} beside the
 * repository; only {@link FullCorpus} tests read it, and the build runs them only when it is there.
 * The fixture, an excerpt of it with the same layout, is part of the repository ({@value #FIXTURE})
 * and always there.
 */
public final class SharedCorpus {
  /** The fixture's folder, relative to the repository root. */
  public static final String FIXTURE = "toolkit/src/test/fixture/realistic-editbench";

  private SharedCorpus() {}

  /** The whole corpus, or an {@link IllegalStateException} saying where it was looked for. */
  public static Path root() {
    String env = System.getenv("EDITBENCH_SHARED");
    return rootIn(
        env != null && !env.isBlank() ? Path.of(env) : repositoryRoot().resolve("../shared"));
  }

  /**
   * The corpus under {@code shared}, or an {@link IllegalStateException} saying where it was looked
   * for.
   */
  static Path rootIn(Path shared) {
    Path corpus = shared.resolve("realistic-editbench").toAbsolutePath().normalize();
    if (!Files.isDirectory(corpus.resolve("patch_histories"))) {
      throw new IllegalStateException(
          "shared corpus not found at "
              + corpus
              + " (set EDITBENCH_SHARED to the folder that holds realistic-editbench)");
    }
    return corpus;
  }

  /** The fixture committed with the project: a few dozen of the corpus's instances, same layout. */
  public static Path fixture() {
    return repositoryRoot().resolve(FIXTURE);
  }

  public static Path bench() {
    return bench(root());
  }

  public static Path histories() {
    return histories(root());
  }

  /** The bench file of a corpus folder (the shared corpus or the fixture). */
  public static Path bench(Path corpus) {
    return corpus.resolve("crawled_data/bench/all-task-instances.jsonl");
  }

  /** The patch histories of a corpus folder (the shared corpus or the fixture). */
  public static Path histories(Path corpus) {
    return corpus.resolve("patch_histories");
  }

  /**
   * The repository root: the nearest ancestor of the working directory with a {@code .mvn} folder.
   */
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
