package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.EditBench;
import org.editbench.SharedCorpus;
import org.editbench.bench.BenchInstance;
import org.editbench.cli.CliRunner;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prompt-builder --variants …_bm25_{n} --repos-root R} on the bundled sample bench, with a
 * clone of acme/inventory whose commits are the instances' base commits; acme/textkit has no clone
 * and no base_commit, so its instances keep the oracle context.
 */
class PromptBuilderBm25Test {
  private static final Pattern FILE_HEADER =
      Pattern.compile("^\\[start of (.+)\\]$", Pattern.MULTILINE);

  @Test
  void bm25VariantsListHistoryFilesThenRetrievedFilesAndLeaveTheCloneAlone(@TempDir Path dir)
      throws Exception {
    Path root = SharedCorpus.repositoryRoot();
    Path histories = root.resolve("patch_histories");
    Map<String, String> baseCommits =
        SampleClones.inventoryClone(dir.resolve("repos/acme__inventory"));
    Path bench = dir.resolve("all-task-instances.jsonl");
    SampleClones.withBaseCommits(
        root.resolve("crawled_data/bench/all-task-instances.jsonl"), bench, baseCommits);
    Files.writeString(
        dir.resolve("repos/acme__inventory/inventory/stock.py"),
        "# uncommitted\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(dir.resolve("repos/acme__inventory/notes.txt"), "untracked\n");
    Map<String, String> before = TestRepository.fingerprint(dir.resolve("repos/acme__inventory"));

    CliRunner.Result run = promptBuilder(dir, bench, histories, "0.2_bm25_1,0.2_bm25_3");

    assertEquals(0, run.exitCode(), run.err() + run.out());
    assertTrue(
        run.out()
            .contains("0.2_bm25_3           processed 7, already present 0, written 7, invalid 0"),
        run.out());
    assertTrue(run.out().contains("BM25: 3 instance(s) kept the oracle context"), run.out());
    assertEquals(before, TestRepository.fingerprint(dir.resolve("repos/acme__inventory")));

    // Resumed with only the records that kept the oracle context: the run writes the others, which
    // all retrieve, and its summary counts no fallback — not the kept ones it rebuilds to compare.
    Path bm25Three = dir.resolve("out/all-task-instances_0.2_bm25_3.jsonl");
    List<String> fallbacksOnly =
        Files.readAllLines(bm25Three).stream()
            .filter(line -> baseCommits.keySet().stream().noneMatch(line::contains))
            .toList();
    assertEquals(3, fallbacksOnly.size());
    Files.write(bm25Three, fallbacksOnly);
    CliRunner.Result resumed = promptBuilder(dir, bench, histories, "0.2_bm25_3");
    assertEquals(0, resumed.exitCode(), resumed.err() + resumed.out());
    assertTrue(resumed.out().contains("already present 3, written 4"), resumed.out());
    assertTrue(!resumed.out().contains("kept the oracle context"), resumed.out());

    Bm25Settings settings =
        Bm25Settings.defaults()
            .withReposRoot(dir.resolve("repos"))
            .withCacheDirectory(dir.resolve("cache"));
    for (int topn : new int[] {1, 3}) {
      Path output = dir.resolve("out/all-task-instances_0.2_bm25_" + topn + ".jsonl");
      for (BenchInstance instance : EditBench.loadBench(output.toString())) {
        if (!baseCommits.containsKey(instance.instanceId())) {
          continue;
        }
        List<String> historyFiles = HistoryPaths.editedFiles(instance.preEdits());
        List<String> expected = new ArrayList<>(historyFiles);
        EditBench.bm25Ranking(instance, instance.preEdits(), topn, settings, Reporter.SILENT)
            .forEach(file -> expected.add(file.path()));
        assertEquals(expected, contextFiles(instance.prompt()), instance.instanceId());
        assertEquals(
            Math.min(topn, 5 - historyFiles.size()), expected.size() - historyFiles.size());
      }
    }
  }

  /** prompt-builder of {@code variants} into {@code dir}/out, with its clones and index cache. */
  private static CliRunner.Result promptBuilder(
      Path dir, Path bench, Path histories, String variants) {
    return CliRunner.run(
        "prompt-builder",
        "--dataset-name",
        bench.toString(),
        "--histories-dir",
        histories.toString(),
        "--variants",
        variants,
        "--out-dir",
        dir.resolve("out").toString(),
        "--repos-root",
        dir.resolve("repos").toString(),
        "--bm25-cache",
        dir.resolve("cache").toString());
  }

  private static List<String> contextFiles(String prompt) {
    String code = prompt.substring(prompt.indexOf("<code>"), prompt.indexOf("</code>"));
    List<String> files = new ArrayList<>();
    Matcher matcher = FILE_HEADER.matcher(code);
    while (matcher.find()) {
      files.add(matcher.group(1));
    }
    return files;
  }
}
