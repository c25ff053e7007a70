package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bad inputs of the bench: a message naming file and line, exit code 2, nothing written. */
class PromptBuilderCommandTest {
  @TempDir Path dir;

  CliRunner.Result buildVariants(Path bench) {
    return CliRunner.run(
        "prompt-builder",
        "--dataset-name",
        bench.toString(),
        "--histories-dir",
        dir.resolve("histories").toString(),
        "--variants",
        "0.2,None_body_issue",
        "--out-dir",
        dir.resolve("out").toString());
  }

  Path bench(String... lines) throws IOException {
    Path file = dir.resolve("x-task-instances.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
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
    Path bench = bench("{\"instance_id\": \"a\"}", "{\"repo\": \"o/r\"}");
    assertBadInput(buildVariants(bench), bench + ":2: missing instance_id");
  }

  @Test
  void missingBenchFile() {
    Path bench = dir.resolve("nope.jsonl");
    assertBadInput(buildVariants(bench), bench + ": file not found");
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
    Path bench =
        bench(
            "{\"instance_id\": \"a\", \"files_work\": [\"m.py\"], \"work_patch_list\": [[\"d\"], [\"e\"]]}");
    CliRunner.Result r =
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--histories-dir",
            dir.resolve("histories").toString(),
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
    Path bench =
        bench(
            "{\"instance_id\": \"a\", \"files_work\": [\"m.py\"], \"work_patch_list\": [[\"d\"], [\"e\"]]}");
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
  }

  @Test
  void strictModeStopsAtTheFirstInvalidInstance() throws IOException {
    Path bench = bench("{\"instance_id\": \"a\", \"files_work\": [\"m.py\"]}");
    CliRunner.Result r =
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--histories-dir",
            dir.resolve("histories").toString(),
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
}
