package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.EditBench;
import org.editbench.FullCorpus;
import org.editbench.SharedCorpus;
import org.editbench.bench.BenchInstance;
import org.editbench.core.Reporter;
import org.editbench.text.PyStrings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranking agreement with the BM25Okapi reference over real queries: the edit histories of a
 * corpus's pull requests (every step but the last, as a split shows them) against a repository of
 * those projects' original files. For every query the reference re-indexes the candidates from
 * scratch, the history's files left out, as the Python reference does. The repository is made of
 * the instances' own files, so the fixture's excerpt is as fair a test as the whole corpus: both
 * sides rank over the same candidates.
 */
class RankingAgreementTest {
  private static final int[] TOP_N = {1, 3, 5, 10};
  private static final Pattern EDITED_FILE = Pattern.compile("diff --git a/(\\S+) b/");

  @Test
  @FullCorpus
  void topnSetsShareAtLeastNinetyPercentOfTheirFilesWithTheReference(@TempDir Path root)
      throws Exception {
    assertAgreement(SharedCorpus.root(), List.of("django/django"), 50, root);
  }

  @Test
  void onTheFixtureTopnSetsShareAtLeastNinetyPercentOfTheirFilesWithTheReference(@TempDir Path root)
      throws Exception {
    assertAgreement(SharedCorpus.fixture(), List.of(), 40, root);
  }

  /** The histories of {@code repositories} (all when empty) in {@code corpusRoot} as queries. */
  private static void assertAgreement(
      Path corpusRoot, List<String> repositories, int minQueries, Path root) throws Exception {
    Path histories = SharedCorpus.histories(corpusRoot);
    List<BenchInstance> instances =
        EditBench.loadBench(SharedCorpus.bench(corpusRoot).toString()).stream()
            .filter(instance -> repositories.isEmpty() || repositories.contains(instance.repo()))
            .sorted((a, b) -> a.instanceId().compareTo(b.instanceId()))
            .toList();
    Map<String, String> corpus = originalFiles(instances, histories);
    String commit =
        TestRepository.init(root.resolve("repos/shared__originals")).commit("originals", corpus);
    Map<String, Map<String, Integer>> frequencies = new TreeMap<>();
    corpus.forEach(
        (path, text) ->
            frequencies.put(
                path, Bm25OkapiReference.frequencies(Bm25OkapiReference.tokenize(text))));

    Bm25Settings settings =
        Bm25Settings.defaults()
            .withReposRoot(root.resolve("repos"))
            .withCacheDirectory(root.resolve("cache"));
    double[] overlap = new double[TOP_N.length];
    int queries = 0;
    try (Bm25ContextProvider provider = new Bm25ContextProvider(settings, Reporter.SILENT)) {
      for (BenchInstance instance : instances) {
        if (instance.stepCount() < 2) {
          continue;
        }
        List<String> history = history(instance, instance.stepCount() - 1);
        Set<String> edited = editedFiles(history);
        List<String> paths = new ArrayList<>();
        List<Map<String, Integer>> documents = new ArrayList<>();
        frequencies.forEach(
            (path, counts) -> {
              if (!edited.contains(path)) {
                paths.add(path);
                documents.add(counts);
              }
            });
        double[] scores =
            new Bm25OkapiReference(documents)
                .scores(Bm25OkapiReference.tokenize(String.join("\n", history)));
        List<ScoredPath> ours =
            provider.ranking(
                CacheLibFixture.instance(instance.instanceId(), "shared/originals", commit),
                history,
                TOP_N[TOP_N.length - 1]);
        for (int i = 0; i < TOP_N.length; i++) {
          Set<String> expected = new HashSet<>(Bm25OkapiReference.top(scores, paths, TOP_N[i]));
          long shared =
              ours.stream().limit(TOP_N[i]).filter(file -> expected.contains(file.path())).count();
          overlap[i] += (double) shared / expected.size();
        }
        queries++;
      }
    }

    assertTrue(queries >= minQueries, "real queries: " + queries);
    StringBuilder report =
        new StringBuilder(
            "ranking agreement over " + queries + " queries, " + corpus.size() + " files:");
    for (int i = 0; i < TOP_N.length; i++) {
      report.append(String.format(" top-%d %.1f%%", TOP_N[i], 100 * overlap[i] / queries));
    }
    System.out.println(report);
    for (int i = 0; i < TOP_N.length; i++) {
      assertTrue(overlap[i] / queries >= 0.9, report.toString());
    }
  }

  /**
   * The pre-edit original of every file the instances edit, the first instance's version of each
   * path.
   */
  private static Map<String, String> originalFiles(List<BenchInstance> instances, Path histories)
      throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    for (BenchInstance instance : instances) {
      for (String path : instance.filesWork()) {
        Path original =
            histories
                .resolve(instance.instanceId())
                .resolve(path.replace("/", "__").replace(".", "__"))
                .resolve("original.py");
        if (!files.containsKey(path) && Files.exists(original)) {
          files.put(path, PyStrings.universalNewlines(Files.readString(original)));
        }
      }
    }
    return files;
  }

  /** The reference's {@code pre_edits} for a split after {@code steps} steps. */
  private static List<String> history(BenchInstance instance, int steps) {
    return instance.workPatchList().subList(0, steps).stream()
        .map(step -> String.join("\n", step) + (step.size() == 1 ? "\n" : ""))
        .toList();
  }

  private static Set<String> editedFiles(List<String> history) {
    Set<String> edited = new HashSet<>();
    for (String step : history) {
      Matcher matcher = EDITED_FILE.matcher(step);
      while (matcher.find()) {
        edited.add(matcher.group(1));
      }
    }
    return edited;
  }
}
