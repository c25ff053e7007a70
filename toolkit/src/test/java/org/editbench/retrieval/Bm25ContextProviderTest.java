package org.editbench.retrieval;

import static org.editbench.retrieval.CacheLibFixture.BASE_CANDIDATES;
import static org.editbench.retrieval.CacheLibFixture.EDITED;
import static org.editbench.retrieval.CacheLibFixture.HISTORY_STEP;
import static org.editbench.retrieval.CacheLibFixture.REPO;
import static org.editbench.retrieval.CacheLibFixture.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.editbench.EditBench;
import org.editbench.bench.BenchInstance;
import org.editbench.core.RecordingReporter;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrieval over the {@link CacheLibFixture} repository. */
class Bm25ContextProviderTest {
  @TempDir static Path root;
  static CacheLibFixture fixture;

  @BeforeAll
  static void buildRepository() throws Exception {
    fixture = CacheLibFixture.create(root);
  }

  @Test
  void everyScoreIsBm25OkapiOverTheCandidatesAtTheBaseCommitLessTheEditedFile(@TempDir Path cache)
      throws IOException {
    List<String> paths = new ArrayList<>(BASE_CANDIDATES.keySet());
    Bm25OkapiReference reference =
        new Bm25OkapiReference(
            paths.stream()
                .map(path -> Bm25OkapiReference.tokenize(BASE_CANDIDATES.get(path)))
                .toList());
    double[] expected = reference.scores(Bm25OkapiReference.tokenize(HISTORY_STEP));

    List<ScoredPath> ranking;
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      ranking =
          provider.ranking(fixture.atBase("acme__cachelib-pull-1"), List.of(HISTORY_STEP), 100);
    }

    assertEquals(
        Bm25OkapiReference.top(expected, paths, 100),
        ranking.stream().map(ScoredPath::path).toList());
    for (ScoredPath file : ranking) {
      double want = expected[paths.indexOf(file.path())];
      assertEquals(want, file.score(), 1e-6 * Math.max(1, Math.abs(want)), file.path());
    }
    assertTrue(ranking.get(0).score() > 0);
  }

  @Test
  void contextListsHistoryFilesFirstThenRetrievedFilesAtTheBaseCommit(@TempDir Path cache)
      throws IOException {
    String deletedByHistory =
        "diff --git a/cachelib/gone.py b/cachelib/gone.py\n--- a/cachelib/gone.py\n+++ /dev/null\n";
    List<String> history =
        List.of(
            HISTORY_STEP, "diff --git a/cachelib/new.py b/cachelib/new.py\n" + deletedByHistory);
    Map<String, String> afterHistory =
        Map.of(EDITED, "edited text\n", "cachelib/new.py", "created\n");

    Bm25Context context;
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      context = provider.context(fixture.atBase("acme__cachelib-pull-1"), history, afterHistory, 2);
    }

    assertFalse(context.usesOracle());
    List<String> order = new ArrayList<>(context.files().keySet());
    assertEquals(List.of(EDITED, "cachelib/new.py"), order.subList(0, 2));
    assertEquals(
        context.retrieved().stream().map(ScoredPath::path).toList(),
        order.subList(2, order.size()));
    assertEquals(2, context.retrieved().size());
    assertEquals("edited text\n", context.files().get(EDITED));
    for (ScoredPath file : context.retrieved()) {
      assertEquals(BASE_CANDIDATES.get(file.path()), context.files().get(file.path()), file.path());
    }
  }

  @Test
  void closingRightAfterAPrefetchWaitsForItAndLeavesNoGitProcess(@TempDir Path cache)
      throws IOException {
    Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT);
    provider.prefetch(fixture.atBase("acme__cachelib-pull-1"));
    provider.close();
    // A prefetch that ended after close used to open the clone's git cat-file, left running.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> thread.getName().equals("bm25-prefetch"))
        && System.nanoTime() < deadline) {
      sleepBriefly();
    }
    assertEquals(
        List.of(),
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .map(process -> process.info().commandLine().orElse(""))
            .filter(command -> command.contains("cat-file"))
            .toList());
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void onlyCommittedCandidatesOfTheBaseCommitAreRetrieved(@TempDir Path cache) throws IOException {
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      List<String> retrieved =
          provider.ranking(fixture.atBase("i"), List.of(HISTORY_STEP), 100).stream()
              .map(ScoredPath::path)
              .sorted()
              .toList();
      List<String> expected = new ArrayList<>(BASE_CANDIDATES.keySet());
      assertEquals(expected, retrieved);
    }
  }

  @Test
  void theClonesWorkingTreeIndexAndHeadAreUntouched(@TempDir Path cache) throws IOException {
    Map<String, String> before = TestRepository.fingerprint(fixture.clone);
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      provider.context(fixture.atBase("i"), List.of(HISTORY_STEP), Map.of(EDITED, "x"), 3);
    }
    assertEquals(before, TestRepository.fingerprint(fixture.clone));
    assertTrue(before.containsKey(".git/index") && before.containsKey(".git/HEAD"));
  }

  @Test
  void zeroScoreCandidatesFillTheTopnInPathOrderAsTheReferenceReturnsTopnFiles(@TempDir Path cache)
      throws IOException {
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      List<ScoredPath> ranking = provider.ranking(fixture.atBase("i"), List.of(), 3);
      assertEquals(
          List.of("cachelib/__init__.py", "cachelib/backends/base.py", "cachelib/deprecation.py"),
          ranking.stream().map(ScoredPath::path).toList());
      assertTrue(ranking.stream().allMatch(file -> file.score() == 0));
    }
  }

  @Test
  void noBaseCommitOrNoCloneFallsBackToTheOracleWithAWarning(@TempDir Path cache)
      throws IOException {
    RecordingReporter reporter = new RecordingReporter();
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), reporter)) {
      Bm25Context noCommit =
          provider.context(instance("a-1", REPO, ""), List.of(HISTORY_STEP), Map.of(), 3);
      Bm25Context noClone =
          provider.context(
              instance("b-2", "other/project", fixture.baseCommit),
              List.of(HISTORY_STEP),
              Map.of(),
              3);
      assertTrue(noCommit.usesOracle() && noClone.usesOracle());
      assertTrue(noCommit.files().isEmpty() && noClone.retrieved().isEmpty());
      assertEquals(0, provider.indexesBuilt());
    }
    assertEquals(2, reporter.warnings.size());
    assertTrue(
        reporter.warnings.get(0).startsWith("a-1: no base_commit"), reporter.warnings.get(0));
    assertTrue(
        reporter
            .warnings
            .get(1)
            .contains(
                "no clone of other/project at " + fixture.reposRoot.resolve("other__project")),
        reporter.warnings.get(1));
  }

  @Test
  void aRepositoryWithoutCandidatesAndAHistoryWithoutFilesFallsBack(@TempDir Path cache)
      throws IOException {
    RecordingReporter reporter = new RecordingReporter();
    Bm25Settings onlyRust = fixture.settings(cache).withExtensions(List.of(".rs"));
    try (Bm25ContextProvider provider = new Bm25ContextProvider(onlyRust, reporter)) {
      Bm25Context context = provider.context(fixture.atBase("c-3"), List.of(), Map.of(), 3);
      assertTrue(context.usesOracle());
      assertEquals("BM25 retrieval found no files", context.fallbackReason().orElseThrow());
    }
    assertEquals(1, reporter.warnings.size());
  }

  @Test
  void aBaseCommitMissingFromTheCloneIsAnErrorNotAFallback(@TempDir Path cache) throws IOException {
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      RetrievalException error =
          assertThrows(
              RetrievalException.class,
              () ->
                  provider.context(
                      instance("d-4", REPO, "0123456789abcdef0123456789abcdef01234567"),
                      List.of(HISTORY_STEP),
                      Map.of(),
                      3));
      assertTrue(error.getMessage().contains("is not in " + fixture.clone), error.getMessage());
    }
  }

  @Test
  void aCachedIndexAndItsKeptBlobsAnswerWithoutGitAndDamagedBlobsAreReadFromGitAgain(
      @TempDir Path cache, @TempDir Path otherRoot) throws Exception {
    List<String> history = List.of(HISTORY_STEP);
    Map<String, String> afterHistory = Map.of(EDITED, "edited text\n");
    Bm25Context first;
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      first = provider.context(fixture.atBase("e-1"), history, afterHistory, 3);
    }
    // The retrieved files and the edited one (its terms leave the statistics) are kept.
    Path blobs = cache.resolve("acme__cachelib").resolve(BlobTexts.DIRECTORY);
    try (var kept = Files.list(blobs)) {
      assertEquals(4, kept.count());
    }

    // A clone of the same name that has neither the base commit nor its blobs: git would fail, so
    // the same context must come from the cache alone.
    TestRepository other = TestRepository.init(otherRoot.resolve("acme__cachelib"));
    other.commit("unrelated", Map.of("a.py", "a = 1\n"));
    Bm25Settings otherClone = fixture.settings(cache).withReposRoot(otherRoot);
    try (Bm25ContextProvider provider = new Bm25ContextProvider(otherClone, Reporter.SILENT)) {
      Bm25Context again = provider.context(fixture.atBase("e-2"), history, afterHistory, 3);
      assertEquals(first.files(), again.files());
      assertEquals(first.retrieved(), again.retrieved());
      assertEquals(0, provider.indexesBuilt());
    }

    // Damaged kept blobs are not used: read from git again (the original clone), same context.
    try (var kept = Files.list(blobs)) {
      for (Path file : kept.toList()) {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
      }
    }
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      Bm25Context repaired = provider.context(fixture.atBase("e-3"), history, afterHistory, 3);
      assertEquals(first.files(), repaired.files());
      assertEquals(first.retrieved(), repaired.retrieved());
    }
    // ... and were kept again: the clone without the commit is served once more.
    try (Bm25ContextProvider provider = new Bm25ContextProvider(otherClone, Reporter.SILENT)) {
      assertEquals(
          first.files(), provider.context(fixture.atBase("e-4"), history, afterHistory, 3).files());
    }

    // Without kept blobs, that clone is asked for them, and it has none.
    Bm25IndexStore.deleteRecursively(blobs);
    try (Bm25ContextProvider provider = new Bm25ContextProvider(otherClone, Reporter.SILENT)) {
      RuntimeException error =
          assertThrows(
              RuntimeException.class,
              () -> provider.context(fixture.atBase("e-5"), history, afterHistory, 3));
      assertTrue(error.getMessage().contains("git has no blob"), error.getMessage());
    }
  }

  @Test
  void prefetchBuildsTheFirstInstancesIndexInTheBackgroundOnceAndContextsUseIt(@TempDir Path cache)
      throws Exception {
    Bm25Context expected;
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache.resolve("plain")), Reporter.SILENT)) {
      expected = provider.context(fixture.atBase("p-1"), List.of(HISTORY_STEP), Map.of(), 3);
    }
    RecordingReporter reporter = new RecordingReporter();
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache.resolve("prefetched")), reporter)) {
      provider.prefetch(instance("p-0", "other/project", fixture.baseCommit)); // no clone
      provider.prefetch(instance("p-00", REPO, "")); // no base commit
      provider.prefetch(fixture.atBase("p-1"));
      provider.prefetch(fixture.atBase("p-2")); // the same index: not again
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (provider.indexesBuilt() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(1, provider.indexesBuilt(), "built in the background");
      Bm25Context context =
          provider.context(fixture.atBase("p-1"), List.of(HISTORY_STEP), Map.of(), 3);
      assertEquals(expected.files(), context.files());
      assertEquals(expected.retrieved(), context.retrieved());
      assertEquals(1, provider.indexesBuilt());
    }
    assertEquals(List.of(), reporter.warnings, "instances BM25 cannot serve are left alone");
  }

  @Test
  void anAbbreviatedBaseCommitAndASingleRepoDirWork(@TempDir Path cache) throws IOException {
    Bm25Settings single =
        Bm25Settings.defaults().withRepoDir(fixture.clone).withCacheDirectory(cache);
    try (Bm25ContextProvider provider = new Bm25ContextProvider(single, Reporter.SILENT)) {
      BenchInstance instance = instance("e-5", "any/name", fixture.baseCommit.substring(0, 10));
      assertEquals(
          BASE_CANDIDATES.size(), provider.ranking(instance, List.of(HISTORY_STEP), 100).size());
    }
  }

  @Test
  void extensionsChooseTheCandidatesAndGetTheirOwnIndex(@TempDir Path cache) throws IOException {
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(
            fixture.settings(cache).withExtensions(List.of("py", "pyi")), Reporter.SILENT)) {
      List<String> paths =
          provider.ranking(fixture.atBase("f-6"), List.of(HISTORY_STEP), 100).stream()
              .map(ScoredPath::path)
              .toList();
      assertTrue(paths.contains("cachelib/stubs.pyi"));
      assertEquals(BASE_CANDIDATES.size() + 1, paths.size());
    }
    try (Bm25IndexStore store = new Bm25IndexStore(cache, Reporter.SILENT)) {
      assertTrue(
          Files.isDirectory(
              store.indexDirectory(
                  REPO, fixture.baseCommit, new CandidateFiles(List.of(".py", ".pyi")))));
      assertFalse(
          Files.exists(store.indexDirectory(REPO, fixture.baseCommit, CandidateFiles.defaults())));
    }
  }

  @Test
  void theFacadeRanksOneInstanceForNotebooks(@TempDir Path cache) throws IOException {
    List<ScoredPath> expected;
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(fixture.settings(cache), Reporter.SILENT)) {
      expected = provider.ranking(fixture.atBase("g-7"), List.of(HISTORY_STEP), 3);
    }
    assertEquals(
        expected,
        EditBench.bm25Ranking(
            fixture.atBase("g-7"),
            List.of(HISTORY_STEP),
            3,
            fixture.settings(cache),
            Reporter.SILENT));
    RetrievalException noCommit =
        assertThrows(
            RetrievalException.class, () -> EditBench.bm25Ranking(instance("h-8", REPO, ""), 3));
    assertEquals("h-8: no base_commit", noCommit.getMessage());
  }
}
