package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.editbench.core.DataPaths;
import org.editbench.core.Reporter;
import org.editbench.inference.Fixtures;
import org.editbench.inference.RunObserver;
import org.editbench.pipeline.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12 end to end, in process: bytes that are not UTF-8 and folders where files belong are bad
 * input in every command — exit 2, {@code file:line} or "is a directory", nothing written.
 */
class BadInputCommandsTest {
  @TempDir Path dir;

  private static final String RECORD =
      "{\"instance_id\": \"o__r-pull-%d\", \"repo\": \"o/r\", \"prompt\": \"p%d\","
          + " \"ground_truth\": \"diff --git a/x b/x\\n+x\\n\"}\n";

  /** Three records; the second holds a byte 0xFF at file offset {@link #badByteOffset}. */
  private Path withBadByte(String name) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(String.format(RECORD, 1, 1).getBytes(StandardCharsets.UTF_8));
    String second = String.format(RECORD, 2, 2);
    int quote = second.indexOf("p2\"");
    bytes.writeBytes(second.substring(0, quote + 1).getBytes(StandardCharsets.UTF_8));
    bytes.write(0xff);
    bytes.writeBytes(second.substring(quote + 1).getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(String.format(RECORD, 3, 3).getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private long badByteOffset() {
    return String.format(RECORD, 1, 1).length() + String.format(RECORD, 2, 2).indexOf("p2\"") + 1;
  }

  private static void assertBadInput(CliRunner.Result r, String message) {
    assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.err());
    assertTrue(r.err().contains("error: " + message), r.err());
  }

  private CliRunner.Result runApi(Path dataset, String... more) {
    return CliRunner.run(
        List.of(
            "run-api",
            "--dataset_name",
            dataset.toString(),
            "--model",
            "gold",
            "--results-dir",
            dir.resolve("results").toString()),
        more);
  }

  @Test
  void aMisspelledOptionIsRejectedNotTakenAsAValueOfTheOptionBefore() throws IOException {
    Path dataset = dir.resolve("d.jsonl");
    Files.writeString(dataset, String.format(RECORD, 1, 1));
    // After --run_id (a list) and after --model (one value): each was once taken as a value.
    CliRunner.Result afterList = runApi(dataset, "--run_id", "0.2", "--max_worker", "2");
    assertEquals(Main.EXIT_BAD_INPUT, afterList.exitCode(), afterList.err());
    assertTrue(afterList.err().contains("Unknown option: '--max_worker'"), afterList.err());
    CliRunner.Result afterModel = runApi(dataset, "--model", "gold", "--bogus");
    assertEquals(Main.EXIT_BAD_INPUT, afterModel.exitCode(), afterModel.err());
    assertTrue(afterModel.err().contains("Unknown option: '--bogus'"), afterModel.err());
    assertFalse(Files.exists(dir.resolve("results")), "nothing ran");
    // The error and where the options are listed; not the whole usage burying it.
    assertTrue(afterList.err().startsWith("error: "), afterList.err());
    assertTrue(
        afterList.err().contains("Run 'editbench run-api --help' for its options."),
        afterList.err());
    assertFalse(afterList.err().contains("Usage:"), afterList.err());
  }

  @Test
  void twoRecordsJoinedOnOneLineAreBadInputNotTheFirstOfThem() throws IOException {
    Path dataset = dir.resolve("joined.jsonl");
    Files.writeString(
        dataset, String.format(RECORD, 1, 1).strip() + String.format(RECORD, 2, 2) + "\n");
    CliRunner.Result r = runApi(dataset);
    assertBadInput(
        r,
        dataset
            + ":1: not valid JSON (extra data after the JSON value, at column "
            + (String.format(RECORD, 1, 1).strip().length() + 1)
            + " (one value is expected: in JSON Lines, two records on one line?))");
    assertFalse(Files.exists(dir.resolve("results")), "nothing ran");
  }

  @Test
  void invalidUtf8InABenchStopsPromptBuilderBeforeAnythingIsWritten() throws IOException {
    Path bench = withBadByte("x-task-instances.jsonl");
    CliRunner.Result r =
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--histories-dir",
            dir.resolve("histories").toString(),
            "--variants",
            "0.2,0.4",
            "--out-dir",
            dir.resolve("out").toString());
    assertBadInput(r, bench + ":2: invalid UTF-8 at byte " + badByteOffset());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void invalidUtf8InAnInfbenchStopsRunApiBeforeAnythingIsWritten() throws IOException {
    Path infbench = withBadByte("in/mine.jsonl");
    assertBadInput(runApi(infbench), infbench + ":2: invalid UTF-8 at byte " + badByteOffset());
    assertFalse(Files.exists(dir.resolve("results")));
  }

  @Test
  void invalidUtf8InASampledIdsFileOrAModelTableIsLocatedToo() throws IOException {
    Path infbench = dir.resolve("mine.jsonl");
    Files.writeString(infbench, String.format(RECORD, 1, 1));
    Path sampled = dir.resolve("sampled.json");
    Files.write(
        sampled, new byte[] {'{', '"', 's', (byte) 0xc3, '"', ':', ' ', '[', ']', '}', '\n'});
    assertBadInput(
        runApi(infbench, "--sampled_ids_file", sampled.toString()),
        sampled + ":1: invalid UTF-8 at byte 3");
    Path models = dir.resolve("models.json");
    Files.write(models, new byte[] {'{', '\n', '\n', (byte) 0xfe, '}'});
    assertBadInput(
        runApi(infbench, "--models", models.toString()), models + ":3: invalid UTF-8 at byte 3");
    assertFalse(Files.exists(dir.resolve("results")));
  }

  @Test
  void invalidUtf8InAPredictionFileStopsTheRunThatWouldResumeIt() throws IOException {
    Path infbench = dir.resolve("mine.jsonl");
    Files.writeString(
        infbench,
        String.format(RECORD, 1, 1) + String.format(RECORD, 2, 2) + String.format(RECORD, 3, 3));
    Path predictions = withBadByte("results/gold/T=0/n=1/mine.jsonl");
    byte[] before = Files.readAllBytes(predictions);
    CliRunner.Result r = runApi(infbench);
    assertBadInput(r, predictions + ":2: invalid UTF-8 at byte " + badByteOffset());
    assertEquals(List.of(before.length), List.of(Files.readAllBytes(predictions).length));
  }

  /**
   * A bench of two copies of a sample instance: one under its own id, one under {@code escaping}
   * whose histories (a copy of the real ones) wait at {@code histories/{escaping}}, outside the
   * histories folder: without the check, the escaping instance would be built from them.
   */
  private Path benchWithAnEscapingId(String escaping) throws IOException {
    SampleData.copyTo(dir.resolve("sample"));
    String line =
        Files.readAllLines(dir.resolve("sample/crawled_data/bench/all-task-instances.jsonl"))
            .get(0);
    var record =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            org.editbench.core.Jsonl.MAPPER.readTree(line);
    String id = record.get("instance_id").asText();
    Path histories = dir.resolve("sample/patch_histories");
    Path outside = histories.resolve(escaping).normalize();
    Files.createDirectories(outside.getParent());
    SampleData.copyTree(histories.resolve(id), outside);
    String escapingLine =
        org.editbench.core.PyJson.toJson(record.deepCopy().put("instance_id", escaping));
    Path bench = dir.resolve("two-task-instances.jsonl");
    Files.writeString(bench, line + "\n" + escapingLine + "\n");
    return bench;
  }

  @Test
  void anInstanceIdThatIsAPathIsReportedAndSkippedAndNothingOutsideTheHistoriesIsRead()
      throws IOException {
    Path bench = benchWithAnEscapingId("../outside/X");
    Path out = dir.resolve("out.jsonl");
    CliRunner.Result r =
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--histories-dir",
            dir.resolve("sample/patch_histories").toString(),
            "--info-pct",
            "0.2",
            "--save-path",
            out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.err()
            .contains(
                "skipped invalid instance ../outside/X [0.2_body_issue]: instance_id"
                    + " \"../outside/X\" cannot be a file or folder name: it contains '/'"),
        r.err());
    List<String> written = Files.readAllLines(out);
    assertEquals(1, written.size());
    assertFalse(written.get(0).contains("../outside/X"), written.get(0));

    CliRunner.Result strict =
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--histories-dir",
            dir.resolve("sample/patch_histories").toString(),
            "--info-pct",
            "0.2",
            "--strict",
            "--save-path",
            dir.resolve("strict.jsonl").toString());
    assertEquals(1, strict.exitCode(), strict.err());
    assertTrue(
        strict
            .err()
            .contains("invalid instance (strict mode): ../outside/X [0.2_body_issue]: instance_id"),
        strict.err());
    assertEquals(
        1,
        Files.readAllLines(dir.resolve("strict.jsonl")).size(),
        "the valid instance comes first");
  }

  @Test
  void anAbsoluteInstanceIdIsRefusedAlike() throws IOException {
    Path outside = dir.resolve("abs-history");
    Path bench = benchWithAnEscapingId(outside.toString());
    CliRunner.Result r =
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--histories-dir",
            dir.resolve("sample/patch_histories").toString(),
            "--info-pct",
            "0.2",
            "--save-path",
            dir.resolve("out.jsonl").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.err().contains("skipped invalid instance " + outside + " [0.2_body_issue]: instance_id"),
        r.err());
    assertEquals(1, Files.readAllLines(dir.resolve("out.jsonl")).size());
  }

  @Test
  void infbenchRecordsWithoutPromptOrGroundTruthAreNamedNotRunAsIfEmpty() throws IOException {
    Path infbench = dir.resolve("infbench/mine-task-instances_0.2.jsonl");
    Files.createDirectories(infbench.getParent());
    String nullPrompt = String.format(RECORD, 2, 2).replace("\"p2\"", "null");
    Files.writeString(infbench, String.format(RECORD, 1, 1) + nullPrompt);
    CliRunner.Result run = runApi(infbench);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                infbench
                    + ": 1 record(s) have \"prompt\": null, which prompt-builder never writes,"
                    + " and are skipped; rebuild the file with prompt-builder: o__r-pull-2"),
        run.err());
    assertFalse(run.err().contains("with an empty or missing prompt"), run.err());

    // The gold model answers with the ground truth: a record without one stops it before any run.
    Files.delete(dir.resolve("results/gold/T=0/n=1/mine-task-instances_0.2.jsonl"));
    String noTruth =
        String.format(RECORD, 3, 3)
            .replace(", \"ground_truth\": \"diff --git a/x b/x\\n+x\\n\"", "");
    Files.writeString(infbench, String.format(RECORD, 1, 1) + noTruth);
    assertBadInput(
        runApi(infbench),
        infbench
            + ": 1 record(s) have no \"ground_truth\" (missing, null or empty), which the gold"
            + " model answers with: o__r-pull-3; rebuild the file with prompt-builder");
    assertFalse(Files.exists(dir.resolve("results/gold/T=0/n=1/mine-task-instances_0.2.jsonl")));
  }

  @Test
  void aNonAsciiPathInTheCLocaleSaysWhyAndWhatToDo() throws Exception {
    // java -jar in the C locale: the JVM's file names are ASCII, and the argument cannot be one.
    Process child =
        Fixtures.childEditbench(
            dir,
            "c-locale",
            Map.of("LC_ALL", "C", "LANG", "C"),
            List.of("score", "--results-dir", "résultats"));
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    String err = Files.readString(dir.resolve("c-locale.err"));
    assertEquals(Main.EXIT_BAD_INPUT, child.exitValue(), err);
    assertTrue(err.contains("cannot be a path here"), err);
    assertTrue(
        err.contains("Run ./editbench, which picks a UTF-8 locale, or set LC_ALL=C.UTF-8"), err);
    assertFalse(err.contains("InvalidPathException"), err);
  }

  @Test
  void aResultsFolderWithoutPredictionFilesIsBadInputForScoreAndSummarize() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("results"));
    for (String command : List.of("score", "summarize")) {
      CliRunner.Result r = CliRunner.run(command, "--results-dir", empty.toString());
      assertBadInput(
          r,
          "no prediction files under "
              + empty.toAbsolutePath()
              + " ({model}/T={temperature}/n={n}/{dataset}-task-instances_{run_id}.jsonl, as"
              + " run-api writes them); pass the folder run-api wrote to with --results-dir");
      assertEquals("", r.out(), command);
    }
  }

  @Test
  void aChartsFolderThatIsAFileStopsSummarizeAndPipelineBeforeTheirWork() throws IOException {
    SampleData.copyTo(dir);
    Path file = dir.resolve("charts.png");
    Files.writeString(file, "not a folder");
    String message = "charts folder " + file.resolve("sub") + ": " + file + " is a file";

    // The pipeline command's data folder is the working directory: its facade, on the copy.
    IllegalArgumentException pipeline =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Pipeline.run(
                    new DataPaths(dir),
                    List.of("gold"),
                    List.of("0.2"),
                    file.resolve("sub"),
                    Reporter.SILENT,
                    RunObserver.NONE));
    assertTrue(pipeline.getMessage().startsWith(message), pipeline.getMessage());
    assertFalse(Files.exists(dir.resolve("crawled_data/infbench")), "nothing built");

    CliRunner.Result summarize =
        CliRunner.run(
            "summarize",
            "--results-dir",
            dir.resolve("experiment_results").toString(),
            "--charts",
            file.resolve("sub").toString());
    assertBadInput(summarize, message);
    assertEquals("", summarize.out(), "no table printed before the refusal");
  }

  @Test
  void summarizeAndScoreOnlyReadSoATornOrBadLineIsAWarningAndTheRestIsUsed() throws IOException {
    Path infbench = dir.resolve("infbench/mine-task-instances_0.2.jsonl");
    Files.createDirectories(infbench.getParent());
    Files.writeString(
        infbench,
        String.format(RECORD, 1, 1) + String.format(RECORD, 2, 2) + String.format(RECORD, 3, 3));
    assertEquals(0, runApi(infbench).exitCode());
    Path predictions = dir.resolve("results/gold/T=0/n=1/mine-task-instances_0.2.jsonl");
    List<String> lines = Files.readAllLines(predictions);
    Files.writeString(
        predictions,
        lines.get(0) + "\n{\"instance_id\": \"o__r-pull-2\", \"mod\n" + lines.get(2) + "\n");
    Files.writeString(
        infbench,
        String.format(RECORD, 4, 4).substring(0, 40),
        java.nio.file.StandardOpenOption.APPEND);
    Path report = dir.resolve("results/gold/mine-0.2-output.json");
    Files.writeString(report, "{\"%resolved\": 1");

    CliRunner.Result summary =
        CliRunner.run(
            "summarize",
            "--results-dir",
            dir.resolve("results").toString(),
            "--infbench-dir",
            infbench.getParent().toString(),
            "--format",
            "csv");
    assertEquals(0, summary.exitCode(), summary.err());
    assertTrue(
        summary.out().lines().anyMatch(l -> l.startsWith("gold,0,1,mine,0.2,0.2,3,2,2,0,")),
        summary.out());
    assertTrue(
        summary.err().contains("warning: " + predictions + ":2: not valid JSON ("), summary.err());
    assertTrue(
        summary.err().contains("warning: " + infbench + ":4: not valid JSON ("), summary.err());
    assertTrue(
        summary.err().contains("warning: " + report + ":1: not valid JSON ("), summary.err());
    assertTrue(summary.err().contains("; harness figures left empty"), summary.err());

    CliRunner.Result score =
        CliRunner.run(
            "score",
            "--results-dir",
            dir.resolve("results").toString(),
            "--infbench-dir",
            infbench.getParent().toString());
    assertEquals(0, score.exitCode(), score.err());
    assertTrue(score.err().contains("warning: " + infbench + ":4: not valid JSON ("), score.err());
    assertEquals(
        2,
        Files.readAllLines(predictions.resolveSibling("metrics/mine-task-instances_0.2.jsonl"))
            .size());
  }

  @Test
  void aDirectoryWhereAFileIsExpectedIsTheSameErrorInEveryCommand() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("folder.jsonl"));
    String isADirectory = folder + ": is a directory; expected a file";
    Path infbench = dir.resolve("mine-task-instances_0.2.jsonl");
    Files.writeString(infbench, String.format(RECORD, 1, 1));
    Path bench = dir.resolve("b-task-instances.jsonl");
    Files.writeString(
        bench, "{\"instance_id\": \"a\", \"files_work\": [], \"work_patch_list\": []}\n");

    assertBadInput(
        CliRunner.run("prompt-builder", "--dataset-name", folder.toString()), isADirectory);
    assertBadInput(
        CliRunner.run(
            "prompt-builder",
            "--dataset-name",
            bench.toString(),
            "--info-pct",
            "0.2",
            "--histories-dir",
            dir.toString(),
            "--save-path",
            folder.toString()),
        isADirectory);
    assertBadInput(runApi(folder), isADirectory);
    assertBadInput(runApi(infbench, "--sampled_ids_file", folder.toString()), isADirectory);
    assertBadInput(runApi(infbench, "--models", folder.toString()), isADirectory);
    assertBadInput(CliRunner.run("notebook", "run", folder.toString()), isADirectory);
    assertEquals(0, runApi(infbench).exitCode());
    assertBadInput(
        CliRunner.run(
            "summarize",
            "--results-dir",
            dir.resolve("results").toString(),
            "--infbench-dir",
            dir.toString(),
            "--out",
            folder.toString()),
        isADirectory);
  }

  @Test
  void aFileWhereAnOutputFolderIsNeededIsBadInputToo() throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "kept");
    Path infbench = dir.resolve("mine.jsonl");
    Files.writeString(infbench, String.format(RECORD, 1, 1));
    CliRunner.Result r =
        CliRunner.run(
            "run-api",
            "--model",
            "gold",
            "--dataset_name",
            infbench.toString(),
            "--results-dir",
            file.resolve("results").toString());
    assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.err());
    assertTrue(r.err().contains(file + " is a file, where a folder is needed"), r.err());
    assertEquals("kept", Files.readString(file));
  }
}
