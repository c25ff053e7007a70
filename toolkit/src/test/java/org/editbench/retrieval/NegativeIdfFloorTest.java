package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus where most terms are in most files, so the mean idf and with it BM25Okapi's floor are
 * negative: matching files then score below 0 and rank after files the query does not match.
 */
class NegativeIdfFloorTest {
  @Test
  void matchingFilesRankBelowUnmatchedOnesWhenTheFloorIsNegative(@TempDir Path root)
      throws Exception {
    Map<String, String> files =
        new TreeMap<>(
            Map.of(
                "a.py", "a b\n", "b.py", "a b\n", "c.py", "a b\n", "d.py", "a\n", "z.py", "z\n"));
    String commit = TestRepository.init(root.resolve("repos/tiny__corpus")).commit("all", files);
    List<String> paths = new ArrayList<>(files.keySet());
    double[] expected =
        new Bm25OkapiReference(
                paths.stream().map(path -> Bm25OkapiReference.tokenize(files.get(path))).toList())
            .scores(List.of("a"));

    Bm25Settings settings =
        Bm25Settings.defaults()
            .withReposRoot(root.resolve("repos"))
            .withCacheDirectory(root.resolve("cache"));
    List<ScoredPath> ranking;
    try (Bm25ContextProvider provider = new Bm25ContextProvider(settings, Reporter.SILENT)) {
      ranking =
          provider.ranking(CacheLibFixture.instance("t-1", "tiny/corpus", commit), List.of("a"), 5);
    }

    assertEquals(
        List.of("z.py", "a.py", "b.py", "c.py", "d.py"),
        ranking.stream().map(ScoredPath::path).toList());
    assertEquals(
        Bm25OkapiReference.top(expected, paths, 5),
        ranking.stream().map(ScoredPath::path).toList());
    for (ScoredPath file : ranking) {
      assertEquals(expected[paths.indexOf(file.path())], file.score(), 1e-6, file.path());
    }
    assertTrue(ranking.get(4).score() < 0);
  }
}
