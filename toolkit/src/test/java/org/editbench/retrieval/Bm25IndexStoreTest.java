package org.editbench.retrieval;

import static org.editbench.retrieval.CacheLibFixture.HISTORY_STEP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.editbench.core.RecordingReporter;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index cache: reuse, corruption, racing builders. */
class Bm25IndexStoreTest {
  @TempDir static Path root;
  static CacheLibFixture fixture;

  @BeforeAll
  static void buildRepository() throws Exception {
    fixture = CacheLibFixture.create(root);
  }

  /** One run: two instances of the same commit. Returns the first one's ranking. */
  private static List<ScoredPath> rank(Path cache, Reporter reporter, int[] built)
      throws IOException {
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), reporter)) {
      List<ScoredPath> ranking =
          provider.ranking(fixture.atBase("first"), List.of(HISTORY_STEP), 5);
      provider.ranking(fixture.atBase("second"), List.of(), 5);
      built[0] = provider.indexesBuilt();
      return ranking;
    }
  }

  private static Path theIndex(Path cache) throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files
          .filter(
              path ->
                  path.getFileName().toString().endsWith(".py.v" + Bm25IndexBuilder.FORMAT_VERSION))
          .findFirst()
          .orElseThrow();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theIndexIsBuiltOnceAndReusedAcrossInstancesAndRuns(@TempDir Path cache) throws IOException {
    int[] built = new int[1];
    List<ScoredPath> firstRun = rank(cache, Reporter.SILENT, built);
    assertEquals(1, built[0], "first run: one index for two instances of the same commit");
    List<ScoredPath> secondRun = rank(cache, Reporter.SILENT, built);
    assertEquals(0, built[0], "second run: the cached index");
    assertEquals(firstRun, secondRun);
  }

  @Test
  void aCacheThatCannotBeWrittenToGetsIndexesForTheRunOnlyWithOneWarning(@TempDir Path dir)
      throws IOException {
    int[] built = new int[1];
    List<ScoredPath> expected = rank(dir.resolve("cache"), Reporter.SILENT, built);
    Path blocker = Files.writeString(dir.resolve("a-file"), "");
    Path unwritable = blocker.resolve("cache"); // as a read-only folder refuses, for root too
    Path temporaryFolders = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = temporaryIndexFolders(temporaryFolders);
    RecordingReporter reporter = new RecordingReporter();
    assertEquals(expected, rank(unwritable, reporter, built), "the same ranking, uncached");
    assertEquals(1, built[0], "built once for both instances");
    assertEquals(1, reporter.warnings.size(), reporter.warnings.toString());
    assertTrue(
        reporter.warnings.get(0).startsWith("the BM25 cache " + unwritable + " cannot be written"),
        reporter.warnings.get(0));
    assertEquals(before, temporaryIndexFolders(temporaryFolders), "deleted once the run closed");
  }

  private static List<Path> temporaryIndexFolders(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith("editbench-bm25-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void aCorruptIndexIsRebuiltWithAWarning(@TempDir Path cache) throws IOException {
    int[] built = new int[1];
    List<ScoredPath> expected = rank(cache, Reporter.SILENT, built);
    Path index = theIndex(cache);
    try (Stream<Path> files = Files.list(index)) {
      Path largest =
          files
              .filter(Files::isRegularFile)
              .max(Comparator.comparingLong(Bm25IndexStoreTest::size))
              .orElseThrow();
      byte[] bytes = Files.readAllBytes(largest);
      bytes[bytes.length / 2] ^= 0x5a; // one flipped byte in the middle of the postings
      Files.write(largest, bytes);
    }

    RecordingReporter reporter = new RecordingReporter();
    assertEquals(expected, rank(cache, reporter, built));
    assertEquals(1, built[0]);
    assertEquals(1, reporter.warnings.size());
    assertTrue(
        reporter.warnings.get(0).contains("is corrupt")
            && reporter.warnings.get(0).contains("rebuilding"),
        reporter.warnings.get(0));
    try (Stream<Path> siblings = Files.list(index.getParent())) {
      assertEquals(
          List.of(index),
          siblings.filter(path -> !path.endsWith(BlobTexts.DIRECTORY)).toList(),
          "nothing left beside the rebuilt index");
    }
  }

  @Test
  void theSummaryKeptBesideTheIndexIsWhatTheIndexGives(@TempDir Path cache) throws IOException {
    int[] built = new int[1];
    List<ScoredPath> firstRun = rank(cache, Reporter.SILENT, built);
    Path summary = theIndex(cache).resolve(IndexSummary.FILE_NAME);
    assertTrue(Files.isRegularFile(summary), "the first open keeps the summary");
    try (Directory directory = FSDirectory.open(theIndex(cache));
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSummary kept = IndexSummary.of(theIndex(cache), reader);
      Files.delete(summary);
      IndexSummary derived = IndexSummary.of(theIndex(cache), reader);
      assertArrayEquals(derived.paths(), kept.paths());
      assertArrayEquals(derived.blobs(), kept.blobs());
      assertArrayEquals(derived.lengths(), kept.lengths());
      assertEquals(
          kept.statistics().totalLength(),
          Arrays.stream(kept.lengths()).sum(),
          "each file's kept length counts its tokens as the postings do");
      assertEquals(derived.statistics().documentCount(), kept.statistics().documentCount());
      assertEquals(derived.statistics().totalLength(), kept.statistics().totalLength());
      assertEquals(
          derived.statistics().termsByDocumentFrequency(),
          kept.statistics().termsByDocumentFrequency());
    }
    assertEquals(firstRun, rank(cache, Reporter.SILENT, built));
    assertEquals(0, built[0]);
  }

  @Test
  void aDamagedOrShortSummaryIsDerivedAgainAndRewritten(@TempDir Path cache) throws IOException {
    int[] built = new int[1];
    List<ScoredPath> expected = rank(cache, Reporter.SILENT, built);
    Path summary = theIndex(cache).resolve(IndexSummary.FILE_NAME);
    byte[] good = Files.readAllBytes(summary);
    byte[] flipped = good.clone();
    flipped[flipped.length / 3] ^= 0x01; // a path or a count one bit off
    for (byte[] damaged : List.of(flipped, Arrays.copyOf(good, good.length / 2), new byte[0])) {
      Files.write(summary, damaged);
      RecordingReporter reporter = new RecordingReporter();
      assertEquals(expected, rank(cache, reporter, built));
      assertEquals(0, built[0], "the index itself is fine: not rebuilt");
      assertEquals(List.of(), reporter.warnings);
      assertArrayEquals(good, Files.readAllBytes(summary), "derived again and rewritten");
    }
  }

  @Test
  void anEmptyOrForeignIndexDirectoryIsRebuiltWithAWarning(@TempDir Path cache) throws IOException {
    int[] built = new int[1];
    List<ScoredPath> expected = rank(cache, Reporter.SILENT, built);
    Path index = theIndex(cache);
    Bm25IndexStore.deleteRecursively(index);
    Files.createDirectories(index);
    Files.writeString(index.resolve("stray.txt"), "not an index");

    RecordingReporter reporter = new RecordingReporter();
    assertEquals(expected, rank(cache, reporter, built));
    assertEquals(1, built[0]);
    assertEquals(1, reporter.warnings.size());
  }

  @Test
  void buildersRacingForTheSameIndexAllSucceedAndOneCopyStays(@TempDir Path cache)
      throws Exception {
    int builders = 3;
    CyclicBarrier start = new CyclicBarrier(builders);
    ExecutorService pool = Executors.newFixedThreadPool(builders);
    try {
      List<Future<List<ScoredPath>>> results = new ArrayList<>();
      for (int i = 0; i < builders; i++) {
        Callable<List<ScoredPath>> builder =
            () -> {
              start.await();
              return rank(cache, Reporter.SILENT, new int[1]);
            };
        results.add(pool.submit(builder));
      }
      List<ScoredPath> first = results.get(0).get();
      for (Future<List<ScoredPath>> result : results) {
        assertEquals(first, result.get());
      }
    } finally {
      pool.shutdown();
    }
    Path index = theIndex(cache);
    try (Stream<Path> siblings = Files.list(index.getParent())) {
      assertEquals(
          List.of(index),
          siblings.filter(path -> !path.endsWith(BlobTexts.DIRECTORY)).toList(),
          "losing builders removed their copies");
    }
  }

  @Test
  void publishingWhenAnotherProcessPublishedFirstKeepsTheirIndex(@TempDir Path cache)
      throws IOException {
    Path target = cache.resolve("index");
    Path mine = Files.createDirectories(cache.resolve("mine"));
    Path theirs = Files.createDirectories(cache.resolve("theirs"));
    Files.writeString(mine.resolve("segments_1"), "mine");
    Files.writeString(theirs.resolve("segments_1"), "theirs");

    assertTrue(Bm25IndexStore.publish(theirs, target));
    assertFalse(Bm25IndexStore.publish(mine, target));
    assertEquals("theirs", Files.readString(target.resolve("segments_1")));
    assertTrue(Files.exists(mine), "the loser's copy is left for its builder to delete");
  }

  @Test
  void aSetAsideFilesTermsAreKeptAndGiveTheSameRankingWithoutItsText(@TempDir Path cache)
      throws IOException {
    rank(cache, Reporter.SILENT, new int[1]);
    Path index = theIndex(cache);
    List<String> excluded = List.of(CacheLibFixture.EDITED);
    try (Bm25Index opened =
        Bm25Index.open(index, fixture.baseCommit, fixture.settings(cache).candidates())) {
      String blob = opened.blob(CacheLibFixture.EDITED);
      List<String> textsRead = new ArrayList<>();
      Bm25Index.BlobText fromGit =
          requested -> {
            textsRead.add(requested);
            return CacheLibFixture.EDITED_AT_BASE;
          };
      Path kept = index.resolve(DocumentTerms.DIRECTORY).resolve(blob);
      Files.deleteIfExists(kept);
      List<ScoredPath> derived = opened.rank(HISTORY_STEP, excluded, fromGit, 5);
      assertEquals(List.of(blob), textsRead, "derived from the file's text");
      assertTrue(Files.exists(kept), "and kept");

      Bm25Index.BlobText unreachable =
          requested -> {
            throw new AssertionError("the set-aside file's text was read: " + requested);
          };
      assertEquals(derived, opened.rank(HISTORY_STEP, excluded, unreachable, 5));

      byte[] bytes = Files.readAllBytes(kept);
      bytes[bytes.length - 1] ^= 0x01;
      Files.write(kept, bytes);
      assertEquals(derived, opened.rank(HISTORY_STEP, excluded, fromGit, 5));
      assertEquals(List.of(blob, blob), textsRead, "a damaged file is derived again");
      assertEquals(derived, opened.rank(HISTORY_STEP, excluded, unreachable, 5), "and rewritten");
    }
  }

  @Test
  void defaultCacheIsUnderTheUsersCacheDirectory() {
    Path cache = Bm25IndexStore.defaultCacheDirectory();
    assertTrue(cache.endsWith(Path.of("editbench", "bm25")), cache.toString());
  }
}
