package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.editbench.core.Jsonl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bad inputs of the bench: a message naming file and line, exit code 2, nothing written. */
class PromptBuilderCommandTest {
  @TempDir Path dir;

  /** The folders the commands name: there, but empty (no instance has its histories). */
  @BeforeEach
  void folders() throws IOException {
    Files.createDirectories(dir.resolve("histories"));
    Files.createDirectories(dir.resolve("repos"));
  }

  CliRunner.Result buildVariants(Path bench) {
    return buildVariants(bench, "0.2,None_body_issue");
  }

  CliRunner.Result buildVariants(Path bench, String variants) {
    return promptBuilder(bench, "--variants", variants, "--out-dir", dir.resolve("out").toString());
  }

  /** prompt-builder over {@code bench} with the test's histories folder and {@code options}. */
  CliRunner.Result promptBuilder(Path bench, String... options) {
    return promptBuilder(dir.resolve("histories"), bench, options);
  }

  static CliRunner.Result promptBuilder(Path histories, Path bench, String... options) {
    return CliRunner.run(
        List.of(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--histories-dir",
            histories.toString()),
        options);
  }

  Path bench(String... lines) throws IOException {
    Path file = dir.resolve("x-task-instances.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  /** A bench of one instance with two edit steps and no patch histories: invalid, but readable. */
  Path oneInstanceBench() throws IOException {
    return bench(
        "{\"instance_id\": \"a\", \"files_work\": [\"m.py\"], \"work_patch_list\": [[\"d\"], [\"e\"]]}");
  }

  void assertBadInput(CliRunner.Result r, String message) {
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("error: " + message), r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing may be written on bad input");
  }

  @Test
  void malformedLine() throws IOException {
    Path bench = bench("{\"instance_id\": \"a\"}", "{oops");
    assertBadInput(buildVariants(bench), bench + ":2: not valid JSON");
  }

  @Test
  void wrongType() throws IOException {
    Path bench = bench("{\"instance_id\": \"a\", \"num_changes\": \"4\"}");
    assertBadInput(
        buildVariants(bench), bench + ":1: field num_changes: expected an integer, found a string");
  }

  @Test
  void missingInstanceId() throws IOException {
    Path bench =
        bench(
            "{\"instance_id\": \"a\", \"files_work\": [], \"work_patch_list\": []}",
            "{\"repo\": \"o/r\"}");
    assertBadInput(buildVariants(bench), bench + ":2: missing instance_id");
  }

  @Test
  void aBenchLineWithoutItsHistoryOrEditedFilesIsBadInputNotAnEmptyRecord() throws IOException {
    // It made a record with an empty prompt (no work_patch_list) or no code (no files_work).
    Path noHistory =
        bench(
            "{\"instance_id\": \"a\", \"files_work\": [\"m.py\"], \"work_patch_list\": [[\"d\"]]}",
            "{\"instance_id\": \"b\", \"files_work\": [\"m.py\"], \"num_changes\": 7}");
    assertBadInput(
        buildVariants(noHistory),
        noHistory
            + ":2: missing field work_patch_list: every bench line is split by files_work and"
            + " work_patch_list; add it (an empty list if there is nothing) or leave the line out");
    Path noFiles = bench("{\"instance_id\": \"a\", \"work_patch_list\": [[\"d\"]]}");
    assertBadInput(buildVariants(noFiles), noFiles + ":1: missing field files_work");
  }

  @Test
  void benchWithoutInstances() throws IOException {
    for (String content : List.of("", "\n\n")) {
      Path bench = dir.resolve("x-task-instances.jsonl");
      Files.writeString(bench, content);
      assertBadInput(
          buildVariants(bench, "0.2"),
          bench + ": holds no instances (the file is empty or only blank lines)");
    }
  }

  @Test
  void missingBenchFile() {
    Path bench = dir.resolve("nope.jsonl");
    CliRunner.Result r = buildVariants(bench);
    assertBadInput(r, bench + ": file not found");
    assertEquals("", r.out(), "no header announcing outputs that will not be written");
  }

  @Test
  void anInfoRatioOrTopNOutOfRangeNamesItsOption() throws IOException {
    Path bench = bench("{\"instance_id\": \"a\"}");
    assertBadInput(
        promptBuilder(bench, "--info-pct", "1.5"),
        "--info-pct must lie between 0 and 1 (the share of the history shown), found 1.5");
    assertBadInput(
        promptBuilder(bench, "--info-pct", "0.2", "--use-bm25", "--topn", "0"),
        "--topn must be at least 1, found 0");
  }

  @Test
  void badRunId() throws IOException {
    CliRunner.Result r =
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench("{\"instance_id\": \"a\"}").toString(),
            "--variants",
            "0.2,0.2_issue_body",
            "--out-dir",
            dir.resolve("out").toString());
    assertBadInput(r, "not a run_id: '0.2_issue_body'");
  }

  @Test
  void useBm25MakesABm25RunIdWithItsOptions() throws IOException {
    Path bench = oneInstanceBench();
    CliRunner.Result r =
        promptBuilder(
            bench,
            "--info-pct",
            "0.2",
            "--use-bm25",
            "--topn",
            "5",
            "--save-path",
            dir.resolve("out/x.jsonl").toString(),
            "--repos-root",
            dir.resolve("repos").toString(),
            "--bm25-cache",
            dir.resolve("cache").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("run_id: 0.2_body_issue_bm25_5"), r.out());
    assertFalse(r.err().contains("is ignored"), "--topn is used: " + r.err());
  }

  @Test
  void foldersNamedOnTheCommandLineMustBeThere() throws IOException {
    Path bench = oneInstanceBench();
    Path file = Files.writeString(dir.resolve("a-file"), "");
    List<List<String>> cases =
        List.of(
            List.of("--histories-dir", dir.resolve("nope").toString()),
            List.of("--repos-root", dir.resolve("nope").toString()),
            List.of("--repo-dir", file.toString()),
            List.of("--bm25-cache", file.toString()));
    List<String> messages =
        List.of(
            "no patch histories folder " + dir.resolve("nope"),
            "--repos-root " + dir.resolve("nope") + ": no such folder",
            "--repo-dir " + file + ": no such folder",
            "--bm25-cache " + file + " is a file; the index cache is a folder");
    assertBadInput(
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--histories-dir",
            cases.get(0).get(1),
            "--variants",
            "0.2",
            "--out-dir",
            dir.resolve("out").toString()),
        messages.get(0));
    for (int i = 1; i < cases.size(); i++) {
      List<String> args =
          List.of("--variants", "0.2,0.2_bm25_3", "--out-dir", dir.resolve("out").toString());
      assertBadInput(
          promptBuilder(
              bench,
              java.util.stream.Stream.concat(args.stream(), cases.get(i).stream())
                  .toArray(String[]::new)),
          messages.get(i));
    }
  }

  @Test
  void theOutputCannotBeTheBench() throws IOException {
    Path bench = oneInstanceBench();
    String before = Files.readString(bench);
    CliRunner.Result r =
        promptBuilder(bench, "--info-pct", "0.2", "--save-path", bench.toString(), "--override");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(
        r.err().contains("error: " + bench + " is also an input of this command (" + bench + ")"),
        r.err());
    assertEquals(before, Files.readString(bench), "the bench is untouched");
  }

  @Test
  void variantsExcludeSingleVariantOptions() throws IOException {
    CliRunner.Result r =
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench("{\"instance_id\": \"a\"}").toString(),
            "--variants",
            "0.2",
            "--info-pct",
            "0.4");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--variants names every variant itself"), r.err());
  }

  @Test
  void missingHistoriesMakeInstancesInvalidNotTheRun() throws IOException {
    Path bench = oneInstanceBench();
    CliRunner.Result r = buildVariants(bench);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.out()
            .contains("0.2                  processed 1, already present 0, written 0, invalid 1"),
        r.out());
    // The summary as bench/infbench-benchmark.sh reads it: decimal points, whatever the locale.
    assertTrue(
        Pattern.compile(
                "invalid 1 \\(\\d+ instances/s\\)  -> \\S+\\n"
                    + "done in \\d+\\.\\d{2} s \\(\\d+\\.\\d{3} ms per instance per variant\\),"
                    + " peak heap \\d+ MiB\\n")
            .matcher(r.out().replace(System.lineSeparator(), "\n"))
            .find(),
        r.out());
    assertEquals("", Files.readString(dir.resolve("out/x-task-instances_0.2.jsonl")));
    // None of the bench's instances has histories there: most likely the wrong folder.
    assertTrue(
        r.err()
            .contains(
                "warning: "
                    + dir.resolve("histories")
                    + " holds the patch histories of none of the 1 instances of "
                    + bench
                    + ", e.g. no folder "
                    + dir.resolve("histories/a")
                    + ": every instance will be invalid; is it the bench's patch_histories"
                    + " folder?"),
        r.err());
  }

  @Test
  void aVariantNamedTwiceIsBuiltOnce() throws IOException {
    CliRunner.Result r = buildVariants(oneInstanceBench(), "0.2,None_body_issue,0.20, 0.2");
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out().replace(System.lineSeparator(), "\n");
    assertEquals(
        1, Pattern.compile("^run_id 0\\.2 -> ", Pattern.MULTILINE).matcher(out).results().count());
    assertTrue(
        out.indexOf("run_id 0.2 -> ") < out.indexOf("run_id None_body_issue -> "),
        "first-named order: " + out);
    try (var files = Files.list(dir.resolve("out"))) {
      assertEquals(
          List.of("x-task-instances_0.2.jsonl", "x-task-instances_None_body_issue.jsonl"),
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".jsonl"))
              .sorted()
              .toList());
    }
  }

  @Test
  void topnWithoutUseBm25IsSaidToBeIgnored() throws IOException {
    Path bench = oneInstanceBench();
    CliRunner.Result single =
        promptBuilder(
            bench,
            "--info-pct",
            "0.2",
            "--topn",
            "5",
            "--save-path",
            dir.resolve("s.jsonl").toString());
    assertEquals(0, single.exitCode(), single.err());
    assertTrue(
        single
            .err()
            .contains(
                "warning: --topn 5 is ignored without --use-bm25: it is how many files BM25"
                    + " retrieves; without it the code context is the edited files"),
        single.err());
    CliRunner.Result variants =
        promptBuilder(
            bench, "--variants", "0.2", "--topn", "5", "--out-dir", dir.resolve("o").toString());
    assertTrue(
        variants.err().contains("; with --variants a run_id says it (0.2_bm25_5)"), variants.err());
    // With --use-bm25, --topn is used and not warned of: useBm25MakesABm25RunIdWithItsOptions.
  }

  @Test
  void strictModeStopsAtTheFirstInvalidInstance() throws IOException {
    Path bench =
        bench(
            "{\"instance_id\": \"a\", \"files_work\": [\"m.py\"], \"work_patch_list\": [[\"d\"]]}");
    CliRunner.Result r =
        promptBuilder(
            bench,
            "--info-pct",
            "0.2",
            "--strict",
            "--save-path",
            dir.resolve("single.jsonl").toString());
    assertEquals(1, r.exitCode());
    assertTrue(
        r.err()
            .contains(
                "invalid instance (strict mode): a [0.2_body_issue]: no patch history folder"),
        r.err());
  }

  @Test
  void aSavePathNamedForAnotherRunIdIsWarnedOf() throws IOException {
    SampleData.copyTo(dir);
    Path bench = dir.resolve("crawled_data/bench/acme-inventory-task-instances.jsonl");
    // As the reference's first example writes it: PR and issue text kept, named for 0.2.
    Path misnamed = dir.resolve("out/all-task-instances_0.2.jsonl");
    CliRunner.Result r =
        sampleBuild(bench, "--info-pct", "0.2", "--save-path", misnamed.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.err()
            .contains(
                misnamed
                    + " is named for run_id 0.2, but the options build run_id 0.2_body_issue:"
                    + " run-api and summarize would take its records as 0.2's"),
        r.err());
    Path named = dir.resolve("out/all-task-instances_0.2_body_issue.jsonl");
    CliRunner.Result right =
        sampleBuild(bench, "--info-pct", "0.2", "--save-path", named.toString());
    assertFalse(right.err().contains("is named for run_id"), right.err());
  }

  @Test
  void aSavePathBuiltWithOtherOptionsIsNotResumed() throws IOException {
    SampleData.copyTo(dir);
    Path full = dir.resolve("crawled_data/bench/acme-inventory-task-instances.jsonl");
    List<String> instances = Files.readAllLines(full);
    Path saved = dir.resolve("mine.jsonl");
    // The first two instances: the first one's record is the same at every info ratio, the
    // second one's (more edit steps) is not.
    CliRunner.Result first =
        sampleBuild(
            bench(instances.get(0), instances.get(1)),
            "--info-pct",
            "0.2",
            "--save-path",
            saved.toString());
    assertEquals(0, first.exitCode(), first.err());
    String built = Files.readString(saved);
    assertEquals(2, built.lines().count(), built);
    String secondLine = built.lines().toList().get(1);
    String mostStepsId =
        secondLine.substring("{\"instance_id\": \"".length(), secondLine.indexOf("\", "));

    // The whole bench at another info ratio, into the same file: refused, the file untouched.
    CliRunner.Result other =
        sampleBuild(full, "--info-pct", "0.5", "--save-path", saved.toString());
    assertEquals(2, other.exitCode(), other.err());
    assertTrue(
        other
            .err()
            .contains(
                "error: "
                    + saved
                    + ":2: the record of "
                    + mostStepsId
                    + " is not the one run_id 0.5_body_issue builds from "
                    + full
                    + " now"),
        other.err());
    assertTrue(other.err().contains("Start it afresh with --override"), other.err());
    assertEquals(built, Files.readString(saved));

    // The same options resume it; --override starts it afresh with the other ones.
    CliRunner.Result same = sampleBuild(full, "--info-pct", "0.2", "--save-path", saved.toString());
    assertEquals(0, same.exitCode(), same.err());
    assertTrue(
        same.out().contains("already present 2, written " + (instances.size() - 2)), same.out());
    // Complete now, and asked for at another info ratio: refused too, rather than reported as
    // built with nothing to write while it holds the 0.2 records.
    String complete = Files.readString(saved);
    CliRunner.Result completeOther =
        sampleBuild(full, "--info-pct", "0.5", "--save-path", saved.toString());
    assertEquals(2, completeOther.exitCode(), completeOther.err());
    assertTrue(
        completeOther.err().contains("so it is not what this run asks for"), completeOther.err());
    assertEquals(complete, Files.readString(saved));
    CliRunner.Result completeSame =
        sampleBuild(full, "--info-pct", "0.2", "--save-path", saved.toString());
    assertEquals(0, completeSame.exitCode(), completeSame.err());
    assertTrue(
        completeSame.out().contains("already present " + instances.size() + ", written 0"),
        completeSame.out());
    CliRunner.Result afresh =
        sampleBuild(full, "--info-pct", "0.5", "--save-path", saved.toString(), "--override");
    assertEquals(0, afresh.exitCode(), afresh.err());
    assertEquals(instances.size(), Files.readAllLines(saved).size());
  }

  @Test
  void aSavePathWrittenWithCrlfLineEndsResumesAndOneOfAnotherBenchIsWarnedOf() throws IOException {
    SampleData.copyTo(dir);
    Path inventory = dir.resolve("crawled_data/bench/acme-inventory-task-instances.jsonl");
    Path textkit = dir.resolve("crawled_data/bench/acme-textkit-task-instances.jsonl");
    List<String> instances = Files.readAllLines(inventory);
    Path saved = dir.resolve("mine.jsonl");
    sampleBuild(
        bench(instances.get(0), instances.get(1)),
        "--info-pct",
        "0.2",
        "--save-path",
        saved.toString());
    // The same records with Windows line ends: made alike, so resumed.
    Files.writeString(saved, Files.readString(saved).replace("\n", "\r\n"));
    CliRunner.Result crlf =
        sampleBuild(inventory, "--info-pct", "0.2", "--save-path", saved.toString());
    assertEquals(0, crlf.exitCode(), crlf.err());
    assertTrue(crlf.out().contains("already present 2"), crlf.out());

    // The same records as another JSON writer writes them (no spaces): alike, so resumed.
    List<String> compact = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(saved)) {
      compact.add(Jsonl.MAPPER.writeValueAsString(Jsonl.MAPPER.readTree(line)));
    }
    assertTrue(compact.get(0).startsWith("{\"instance_id\":\""), compact.get(0));
    Files.write(saved, compact);
    CliRunner.Result rewritten =
        sampleBuild(inventory, "--info-pct", "0.2", "--save-path", saved.toString());
    assertEquals(0, rewritten.exitCode(), rewritten.err());

    // Another bench's instances: nothing to compare with, so said, and added.
    CliRunner.Result other =
        sampleBuild(textkit, "--info-pct", "0.2", "--save-path", saved.toString());
    assertEquals(0, other.exitCode(), other.err());
    assertTrue(
        other
            .err()
            .contains(
                "warning: "
                    + saved
                    + " holds none of the instances of "
                    + textkit
                    + ": its "
                    + instances.size()
                    + " record(s) cannot be compared with what run_id 0.2_body_issue builds"),
        other.err());
  }

  /** prompt-builder over {@code bench} with the sample's patch histories (see SampleData). */
  CliRunner.Result sampleBuild(Path bench, String... options) {
    return promptBuilder(dir.resolve("patch_histories"), bench, options);
  }
}
