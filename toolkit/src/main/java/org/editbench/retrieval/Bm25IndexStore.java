package org.editbench.retrieval;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.util.IOUtils;
import org.editbench.core.AtomicFiles;
import org.editbench.core.Reporter;
import org.editbench.core.SafePaths;

/**
 * The on-disk cache of BM25 indexes, one per repository@commit and extension set, built on first
 * use and reused by every instance, variant and run after it: {@code
 * CACHE/{owner}__{name}/{commit}.{extensions}.v{format}}; beside them, in {@code
 * CACHE/{owner}__{name}/blobs}, the files retrieval has read from the clone ({@link BlobTexts}).
 *
 * <p>Safe across processes without a lock: an index is built in a fresh sibling directory and
 * published with one atomic rename, so a reader sees a complete index or none. When two processes
 * build the same index at once, the first rename wins and the other discards its copy. An index
 * that fails its checks on opening (checksums, identity) is reported, moved aside and rebuilt.
 */
public final class Bm25IndexStore implements Closeable {
  /**
   * Build directories older than this are leftovers of a killed process, not a build in progress.
   */
  private static final Duration LEFTOVER_AGE = Duration.ofHours(1);

  private final Path cacheDirectory;
  private final Reporter reporter;
  private final Map<Path, Bm25Index> openIndexes = new HashMap<>();
  private int indexesBuilt;

  /**
   * Indexes built outside a cache that cannot be written to, deleted on {@link #close()}; the first
   * of them is warned of.
   */
  private final List<Path> temporaryIndexes = new ArrayList<>();

  public Bm25IndexStore(Path cacheDirectory, Reporter reporter) {
    this.cacheDirectory = cacheDirectory.toAbsolutePath().normalize();
    this.reporter = reporter;
  }

  /** {@code $XDG_CACHE_HOME/editbench/bm25}, else {@code ~/.cache/editbench/bm25}. */
  public static Path defaultCacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cacheHome =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cacheHome.resolve("editbench").resolve("bm25");
  }

  /** How many indexes this store has built (0 when every one it opened was already cached). */
  public synchronized int indexesBuilt() {
    return indexesBuilt;
  }

  /** Where the index of {@code repository} at {@code commit} lives. */
  Path indexDirectory(String repository, String commit, CandidateFiles candidates) {
    return repositoryDirectory(repository)
        .resolve(commit + "." + candidates.tag() + ".v" + Bm25IndexBuilder.FORMAT_VERSION);
  }

  /**
   * Where the blobs retrieval read from {@code repository}'s clone are kept (see {@link
   * BlobTexts}).
   */
  Path blobDirectory(String repository) {
    return repositoryDirectory(repository).resolve(BlobTexts.DIRECTORY);
  }

  private Path repositoryDirectory(String repository) {
    String repositoryFolder = repository.replace("/", "__").replaceAll("[^A-Za-z0-9._-]", "_");
    return SafePaths.child(cacheDirectory, repositoryFolder, "repository");
  }

  /**
   * Whether the index of {@code repository} at {@code commit} is in the cache (whole or damaged).
   */
  boolean isCached(String repository, String commit, CandidateFiles candidates) {
    return Files.exists(indexDirectory(repository, commit, candidates));
  }

  /** The index of {@code commit}'s candidate files in {@code clone}, built if it is not cached. */
  synchronized Bm25Index open(
      GitClone clone, String repository, String commit, CandidateFiles candidates) {
    Path target = indexDirectory(repository, commit, candidates);
    Bm25Index index = openIndexes.get(target);
    if (index == null) {
      try {
        index = openOrBuild(clone, commit, candidates, target);
      } catch (IOException e) {
        throw new RetrievalException(
            "cannot build the BM25 index " + target + ": " + AtomicFiles.describe(e), e);
      }
      openIndexes.put(target, index);
    }
    return index;
  }

  private Bm25Index openOrBuild(
      GitClone clone, String commit, CandidateFiles candidates, Path target) throws IOException {
    if (Files.exists(target)) {
      try {
        return Bm25Index.open(target, commit, candidates);
      } catch (IOException | RuntimeException e) {
        reporter.warn(
            "BM25 index " + target + " is corrupt (" + e.getMessage() + "); rebuilding it");
        try {
          moveAsideAndDelete(target);
        } catch (IOException cannotWrite) {
          return buildTemporary(clone, commit, candidates, cannotWrite);
        }
      }
    }
    Path building;
    try {
      Files.createDirectories(target.getParent());
      deleteLeftovers(target);
      building = Files.createTempDirectory(target.getParent(), target.getFileName() + ".building-");
    } catch (IOException cannotWrite) {
      return buildTemporary(clone, commit, candidates, cannotWrite);
    }
    try {
      Bm25IndexBuilder.build(clone, commit, candidates, building);
      indexesBuilt++;
      publish(building, target);
    } finally {
      deleteRecursively(building);
    }
    return Bm25Index.open(target, commit, candidates);
  }

  /**
   * Builds an index for this run only, in a temporary folder, when the cache cannot be written to
   * (a read-only or shared cache): retrieval still works, the next run builds it again.
   */
  private Bm25Index buildTemporary(
      GitClone clone, String commit, CandidateFiles candidates, IOException cannotWrite)
      throws IOException {
    Path temporary = Files.createTempDirectory("editbench-bm25-");
    temporaryIndexes.add(temporary);
    if (temporaryIndexes.size() == 1) {
      reporter.warn(
          "the BM25 cache "
              + cacheDirectory
              + " cannot be written to ("
              + AtomicFiles.describe(cannotWrite)
              + "): indexes are built for this run only, in a temporary folder; give"
              + " --bm25-cache a folder that can be written to keep them");
    }
    Path index = temporary.resolve("index");
    Bm25IndexBuilder.build(clone, commit, candidates, index);
    indexesBuilt++;
    return Bm25Index.open(index, commit, candidates);
  }

  /**
   * Renames a finished index into place. When another process published the same index first, its
   * copy stays and {@code built} is left for the caller to delete.
   *
   * @return true when {@code built} became {@code target}
   */
  static boolean publish(Path built, Path target) throws IOException {
    try {
      Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileSystemException e) {
      if (Files.isDirectory(target)) {
        return false;
      }
      throw e;
    }
  }

  /** Takes a corrupt index out of the way in one rename, so no process opens it half-deleted. */
  private static void moveAsideAndDelete(Path target) throws IOException {
    Path aside = target.resolveSibling(target.getFileName() + ".corrupt-" + UUID.randomUUID());
    try {
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // another process moved it first
    }
    deleteRecursively(aside);
  }

  private static void deleteLeftovers(Path target) throws IOException {
    Instant cutoff = Instant.now().minus(LEFTOVER_AGE);
    String name = target.getFileName().toString();
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(
            target.getParent(),
            entry ->
                entry.getFileName().toString().startsWith(name + ".building-")
                    || entry.getFileName().toString().startsWith(name + ".corrupt-"))) {
      for (Path leftover : siblings) {
        FileTime modified = Files.getLastModifiedTime(leftover);
        if (modified.toInstant().isBefore(cutoff)) {
          deleteRecursively(leftover);
        }
      }
    }
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> entries = Files.walk(directory)) {
      entries
          .sorted(Comparator.reverseOrder())
          .forEach(
              entry -> {
                try {
                  Files.deleteIfExists(entry);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      IOUtils.close(openIndexes.values());
      openIndexes.clear();
    } finally {
      for (Path temporary : temporaryIndexes) {
        deleteRecursively(temporary);
      }
      temporaryIndexes.clear();
    }
  }
}
