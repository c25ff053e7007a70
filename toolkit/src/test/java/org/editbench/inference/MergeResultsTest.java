package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.editbench.EditBench;
import org.editbench.core.DataFormatException;
import org.editbench.core.JsonlAppender;
import org.editbench.core.OutputLockedException;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeResultsTest {
  @TempDir Path results;
  private final RecordingReporter reporter = new RecordingReporter();
  private Path t0;

  private static String record(String id, String output) {
    return "{\"instance_id\": \""
        + id
        + "\", \"model_name\": \"m\", \"full_output\": \""
        + output
        + "\", \"cost\": 1.0E-5}";
  }

  @BeforeEach
  void results() {
    t0 = results.resolve("m/T=0/n=1");
    Path t07 = results.resolve("m/T=0.7/n=1");
    Fixtures.write(t0.resolve("b-b-task-instances_0.2.jsonl"), record("b__b-pull-1", "b1") + "\n");
    Fixtures.write(
        t0.resolve("a-a-task-instances_0.2.jsonl"),
        record(
                "a__a-pull-2",
                "caf\\u00e9 \\u2713 \\\\u00e9 \\u007f \\ud83d\\ude00 \\udce9 \\ud83d \\ude00\\ud83d")
            + "\n\n"
            + record("a__a-pull-1", "a1")
            + "\n");
    Fixtures.write(
        t0.resolve("a-a-task-instances_0.4.jsonl"), record("a__a-pull-1", "a1 at 0.4") + "\n");
    // An earlier merge: never read as an input (else its record of b__b-pull-1 would win).
    Fixtures.write(
        t0.resolve("all-task-instances_0.2.jsonl"), record("b__b-pull-1", "never read") + "\n");
    Fixtures.write(
        t07.resolve("a-a-task-instances_0.2.jsonl"),
        record("a__a-pull-1", "a1 at T=0.7") + "\n" + record("a__a-pull-3", "a3") + "\n");
  }

  private List<MergeResults.Merged> merge(
      String temperature, String runId, List<String> repos, Path outputPath) {
    MergeResults.Request request = MergeResults.Request.forModel("m");
    request = temperature == null ? request : request.withTemperature(temperature);
    request = runId == null ? request : request.withRunId(runId);
    request = repos == null ? request : request.withRepos(repos);
    request = outputPath == null ? request : request.withOutputPath(outputPath);
    return EditBench.mergeResults(results, request, reporter);
  }

  @Test
  void mergesPerFolderAndRunIdFirstRecordWinsGroupedByRepository() {
    List<MergeResults.Merged> merged = merge(null, null, null, null);
    Path t07 = results.resolve("m/T=0.7/n=1");
    assertEquals(
        List.of(
            t0.resolve("all-task-instances_0.2.jsonl"),
            t0.resolve("all-task-instances_0.4.jsonl"),
            t07.resolve("all-task-instances_0.2.jsonl")),
        merged.stream().map(MergeResults.Merged::file).toList(),
        "each T=/n= folder merged beside its files");
    Path all = t0.resolve("all-task-instances_0.2.jsonl");
    assertEquals(
        List.of(
            "{\"instance_id\": \"a__a-pull-2\", \"model_name\": \"m\", \"full_output\": \"café ✓ \\\\u00e9 \u007f \ud83d\ude00 \\udce9 \\ud83d \\ude00\\ud83d\", \"cost\": 1e-05}",
            "{\"instance_id\": \"a__a-pull-1\", \"model_name\": \"m\", \"full_output\": \"a1\", \"cost\": 1e-05}",
            "{\"instance_id\": \"b__b-pull-1\", \"model_name\": \"m\", \"full_output\": \"b1\", \"cost\": 1e-05}"),
        Fixtures.lines(all),
        "json.dumps(ensure_ascii=False): non-ASCII as is, escapes of the text and of lone"
            + " surrogates kept; nothing of T=0.7");
    assertEquals(3, merged.get(0).records());
    assertEquals(2, merged.get(0).repositories());
    assertEquals(List.of(), reporter.warnings, "no instance twice in one folder");
    assertEquals(1, Fixtures.lines(t0.resolve("all-task-instances_0.4.jsonl")).size());
    assertEquals(
        List.of("a1 at T=0.7", "a3"),
        Fixtures.records(t07.resolve("all-task-instances_0.2.jsonl")).stream()
            .map(r -> r.get("full_output").asText())
            .toList());
  }

  @Test
  void anInstanceInTwoFilesIsWarnedOfWithBothPlacesAndTheFirstKept() {
    Path second = t0.resolve("c-c-task-instances_0.4.jsonl");
    Fixtures.write(second, record("a__a-pull-1", "again") + "\n");
    List<MergeResults.Merged> merged = merge("0", "0.4", null, null);
    assertEquals(1, merged.get(0).records());
    assertEquals(
        List.of(
            second
                + ":1: instance_id a__a-pull-1 again (first at "
                + t0.resolve("a-a-task-instances_0.4.jsonl")
                + ":1); keeping the first, as the reference does"),
        reporter.warnings);
  }

  @Test
  @SuppressWarnings("try") // the run is open for the block: it holds its file's lock
  void predictionsStillBeingWrittenKeepTheMergeOut() {
    Path running = t0.resolve("a-a-task-instances_0.4.jsonl");
    Path all = t0.resolve("all-task-instances_0.4.jsonl");
    try (var run = JsonlAppender.open(running, false, org.editbench.core.Reporter.SILENT)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> merge("0", "0.4", null, null));
      assertTrue(
          e.getMessage().startsWith(running + " is being written by another command"),
          e.getMessage());
      assertFalse(Files.exists(all), "nothing merged from a run half done");
    }
    assertEquals(1, merge("0", "0.4", null, null).get(0).records());
  }

  @Test
  void anAnswerAfterAFailureOfTheSameInstanceIsKeptNotTheFailure() throws IOException {
    Path file = t0.resolve("a-a-task-instances_0.4.jsonl");
    Fixtures.write(
        file,
        "{\"instance_id\": \"a__a-pull-1\", \"model_name\": \"m\", \"status\": \"failed\","
            + " \"error\": \"Max retries (5) exceeded: HTTP 503\"}\n"
            + record("a__a-pull-1", "the answer")
            + "\n");
    List<MergeResults.Merged> merged = merge("0", "0.4", null, null);
    assertEquals(1, merged.get(0).records());
    String all = Files.readString(t0.resolve("all-task-instances_0.4.jsonl"));
    assertTrue(all.contains("the answer") && !all.contains("failed"), all);
    assertEquals(
        List.of(
            file
                + ":2: instance_id a__a-pull-1 answered, after a failure at "
                + file
                + ":1; keeping the answer"),
        reporter.warnings);
  }

  @Test
  void oneOutputPathForSeveralFoldersIsRefusedBeforeAnyMerge() {
    Path out = results.resolve("merged");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> merge(null, "0.2", null, out));
    assertEquals(
        "--output-path "
            + out
            + " would receive the merges of 2 T=/n= folders (T=0/n=1, T=0.7/n=1), whose"
            + " answers one file would mix; choose one with --temperature and --n, or leave"
            + " --output-path out to merge each beside its files",
        e.getMessage());
    assertTrue(!java.nio.file.Files.exists(out), "nothing written");
  }

  @Test
  void anOutputPathNamedLikeAFileIsRefusedInsteadOfBecomingAFolder() {
    Path out = results.resolve("merged.jsonl");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> merge("0", "0.2", null, out));
    assertEquals(
        "--output-path "
            + out
            + " names the folder the merged files go in (all-task-instances_{run_id}.jsonl each),"
            + " not a file; name a folder, or leave it out to merge beside the inputs",
        e.getMessage());
    assertTrue(!java.nio.file.Files.exists(out), "no folder of that name");
  }

  @Test
  void temperatureSelectsFoldersByNumberAndRunIdAndReposFilter() {
    // Only a/a into an all file that holds b/b too: the merge would drop b/b, so it needs --force.
    assertThrows(IllegalArgumentException.class, () -> merge("0.0", "0.2", List.of("a/a"), null));
    List<MergeResults.Merged> merged =
        MergeResults.merge(
            results,
            MergeResults.Request.forModel("m")
                .withTemperature("0.0")
                .withRunId("0.2")
                .withRepos(List.of("a/a"))
                .withForce(true),
            reporter);
    assertEquals(1, merged.size());
    assertEquals(
        List.of("a__a-pull-2", "a__a-pull-1"),
        Fixtures.records(merged.get(0).file()).stream()
            .map(r -> r.get("instance_id").asText())
            .toList(),
        "only T=0, only a/a");

    Path out = results.resolve("merged");
    merged = merge("0.7", null, null, out);
    assertEquals(out.resolve("all-task-instances_0.2.jsonl"), merged.get(0).file());
    assertEquals(
        "a1 at T=0.7", Fixtures.records(merged.get(0).file()).get(0).get("full_output").asText());
  }

  @Test
  void recordsWithCreatedAtAreOrderedNewestFirstWithinARepository() {
    Path dir = results.resolve("c/T=0/n=1");
    Fixtures.write(
        dir.resolve("x-x-task-instances_0.2.jsonl"),
        "{\"instance_id\": \"x__x-pull-1\", \"created_at\": \"2024\"}\n{\"instance_id\": \"x__x-pull-2\", \"created_at\": \"2025\"}\n"
            + "{\"instance_id\": \"x__x-pull-3\", \"created_at\": \"2024\"}\n");
    MergeResults.merge(results, MergeResults.Request.forModel("c"), reporter);
    assertEquals(
        List.of("x__x-pull-2", "x__x-pull-1", "x__x-pull-3"),
        Fixtures.records(dir.resolve("all-task-instances_0.2.jsonl")).stream()
            .map(r -> r.get("instance_id").asText())
            .toList());
  }

  @Test
  void brokenLinesAreLeftOutWithAWarningNamingFileAndLine() {
    Path file = t0.resolve("b-b-task-instances_0.2.jsonl");
    Fixtures.write(file, record("b__b-pull-1", "b1") + "\n{\"instance_id\": \"b__b-pu");
    merge("0", "0.2", null, null);
    assertEquals(1, reporter.warnings.size());
    String warning = reporter.warnings.get(0);
    assertTrue(
        warning.startsWith(file + ":2: not valid JSON (")
            && warning.endsWith("); left out of the merge"),
        warning);
  }

  @Test
  void bytesThatAreNotUtf8StopTheMergeWithNothingWritten() throws IOException {
    // In the last folder merged: the first folder's all files must not be rewritten either.
    Path file = results.resolve("m/T=0.7/n=1/a-a-task-instances_0.2.jsonl");
    Files.write(
        file, ("{\"instance_id\": \"a__a-pull-1\", \"x\": \"\u00ff").getBytes("ISO-8859-1"));
    Path all = t0.resolve("all-task-instances_0.2.jsonl");
    String before = Files.readString(all);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> merge(null, null, null, null));
    assertEquals(file + ":1: invalid UTF-8 at byte 37", e.getMessage());
    assertEquals(before, Files.readString(all), "nothing written");
    assertFalse(Files.exists(t0.resolve("all-task-instances_0.4.jsonl")), "nothing written");
  }

  @Test
  void anAllFileHoldingInstancesTheMergeLacksIsKeptUnlessForced() throws IOException {
    // As run-api --dataset_name all leaves it: an answer no per-repository file holds, one that one
    // does, and a line torn by a crash.
    Path all = t0.resolve("all-task-instances_0.2.jsonl");
    String direct =
        record("c__c-pull-9", "paid for")
            + "\n"
            + record("b__b-pull-1", "direct")
            + "\n{\"instance_id\": \"c__c-pu";
    Fixtures.write(all, direct);
    String message =
        assertThrows(IllegalArgumentException.class, () -> merge("0", "0.2", null, null))
            .getMessage();
    assertTrue(
        message.startsWith(all + " holds 1 record(s) that this merge would drop (c__c-pull-9)"),
        message);
    assertTrue(
        message.endsWith(
            "Move it aside to keep it; merge-results --force replaces it (in a notebook,"
                + " mergeResults(model, true))."),
        message);
    assertEquals(direct, Files.readString(all), "left as it was");

    MergeResults.merge(
        results,
        MergeResults.Request.forModel("m").withTemperature("0").withRunId("0.2").withForce(true),
        reporter);
    assertEquals(
        List.of("a__a-pull-2", "a__a-pull-1", "b__b-pull-1"),
        Fixtures.records(all).stream().map(r -> r.get("instance_id").asText()).toList());
  }

  @Test
  void aRecordTheMergeWouldDropForAnUnreadableInputLineNamesThatLine() throws IOException {
    Path all = t0.resolve("all-task-instances_0.2.jsonl");
    merge("0", "0.2", null, null);
    String merged = Files.readString(all);
    // a__a-pull-1's line in its per-repository file torn since the last merge.
    Path perRepo = t0.resolve("a-a-task-instances_0.2.jsonl");
    List<String> lines = Files.readAllLines(perRepo);
    int torn =
        lines.indexOf(lines.stream().filter(l -> l.contains("a__a-pull-1")).findFirst().get());
    lines.set(torn, lines.get(torn).substring(0, 40));
    Files.write(perRepo, lines);
    String message =
        assertThrows(IllegalArgumentException.class, () -> merge("0", "0.2", null, null))
            .getMessage();
    assertEquals(
        all
            + " holds 1 record(s) that this merge would drop (a__a-pull-1): the files merged name"
            + " them on line(s) that could not be read ("
            + perRepo
            + ":"
            + (torn + 1)
            + "). Repair those lines and merge again: forcing the merge would drop"
            + " the records.",
        message);
    assertEquals(merged, Files.readString(all), "left as it was");
  }

  @Test
  @SuppressWarnings("try") // the run is open for the block: it holds the output's lock
  void aRunAppendingToTheAllFileKeepsTheMergeOut() {
    Path all = t0.resolve("all-task-instances_0.2.jsonl");
    try (JsonlAppender run = JsonlAppender.open(all, false, reporter)) {
      assertEquals(
          all,
          assertThrows(OutputLockedException.class, () -> merge("0", "0.2", null, null)).file());
    }
    assertEquals(3, merge("0", "0.2", null, null).get(0).records(), "merged once the run is over");
  }

  @Test
  void nothingToMergeIsAnErrorThatSaysWhere() throws IOException {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    EditBench.mergeResults(
                        results, MergeResults.Request.forModel("none"), reporter))
            .getMessage()
            .matches(
                "no results for model none: .* does not exist \\(run run-api first — in a"
                    + " notebook, runApi: notebook 02 — or pass --results-dir; in a notebook,"
                    + " open the data folder that holds experiment_results/ with"
                    + " EditBench.open\\(folder\\)\\)"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> merge("0.3", null, null, null))
            .getMessage()
            .contains("no folder T=0.3 in " + results.resolve("m") + " (found: T=0, T=0.7)"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> merge(null, "0.9", null, null))
            .getMessage()
            .matches(
                "no per-repository result files .* to merge under .* for --run-id 0.9; run_ids"
                    + " there: .+"));
    // A model with merged files only (run-api over the all file): nothing to merge, said so.
    Path mergedOnly = results.resolve("whole/T=0/n=1/all-task-instances_0.2.jsonl");
    Files.createDirectories(mergedOnly.getParent());
    Files.writeString(mergedOnly, "{\"instance_id\": \"o__r-pull-1\"}\n");
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    EditBench.mergeResults(
                        results, MergeResults.Request.forModel("whole"), reporter))
            .getMessage()
            .endsWith(
                results.resolve("whole")
                    + "; it holds merged files only (all-task-instances_{run_id}.jsonl, run_ids"
                    + " 0.2): nothing to merge"));
    assertThrows(IllegalArgumentException.class, () -> merge(null, null, List.of("z/z"), null));
    // Part of a repository's name matches its files but none of its records: refused, not an
    // empty merge.
    Fixtures.write(
        t0.resolve("acme-inventory-task-instances_0.4.jsonl"),
        record("acme__inventory-pull-1", "x") + "\n");
    assertEquals(
        "--repos acme/inv: no result files of that repository, only of acme-inventory"
            + " ({owner}-{repo} in the file names), whose records it would all leave out; give"
            + " whole owner/repo names",
        assertThrows(
                IllegalArgumentException.class, () -> merge("0", "0.4", List.of("acme/inv"), null))
            .getMessage());
    assertFalse(Files.exists(t0.resolve("all-task-instances_0.4.jsonl")));
    assertEquals(1, merge("0", "0.4", List.of("acme/inventory"), null).get(0).records());
    // A repository named as in file names matched files but kept no record: an empty merge.
    assertEquals(
        "--repos django-django: give repositories as owner/repo (as in django/django), the way"
            + " instance ids name them",
        assertThrows(
                IllegalArgumentException.class,
                () -> merge(null, null, List.of("django-django"), null))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> EditBench.mergeResults(results, MergeResults.Request.forModel("../m"), reporter));
  }

  @Test
  void runIdAndRepositoryComeFromNames() {
    assertEquals("django/django", MergeResults.repoOf("django__django-pull-1234"));
    assertEquals("unknown", MergeResults.repoOf("not-an-id"));
  }
}
