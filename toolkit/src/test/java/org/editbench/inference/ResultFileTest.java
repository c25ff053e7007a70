package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.editbench.core.DataFormatException;
import org.editbench.core.OutputLockedException;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFileTest {
  private static final ModelSpec MODEL = ModelSpec.builder("m").build();

  @TempDir Path dir;
  private final RecordingReporter reporter = new RecordingReporter();

  private static String success(String id) {
    return ResultRecord.success(
            id, MODEL, "p", new Completion("<patch>x</patch>", UsageCost.FREE, Duration.ZERO))
        .toJsonLine();
  }

  private static String gaveUp(String id) {
    return ResultRecord.gaveUp(id, MODEL, "p", 5, "HTTP 503: busy").toJsonLine();
  }

  private static String rejected(String id) {
    return ResultRecord.rejected(id, MODEL, "p", 400, "bad").toJsonLine();
  }

  private ResultFile open(Path file) {
    return ResultFile.open(file, Duration.ZERO, reporter);
  }

  @Test
  void recordsAreWrittenAsPythonJsonDumpsDoes() {
    Completion c =
        new Completion("¡<patch>é</patch>", new UsageCost(3, 4, 1.5e-5), Duration.ofMillis(1250));
    assertEquals(
        "{\"instance_id\": \"i\", \"model_name\": \"m\", \"temperature\": 0, \"top_p\": 0.95, \"n\": 1,"
            + " \"prompt\": \"a\\nb\", \"full_output\": \"\\u00a1<patch>\\u00e9</patch>\", \"model_patch\": \"\\u00e9\","
            + " \"cost\": 1.5e-05, \"response_time\": 1.25}",
        ResultRecord.success("i", MODEL, "a\nb", c).toJsonLine());
    assertEquals(
        "{\"instance_id\": \"i\", \"model_name\": \"m\", \"temperature\": 0, \"top_p\": 0.95, \"n\": 1,"
            + " \"prompt\": \"p\", \"full_output\": null, \"model_patch\": null, \"status\": \"failed\","
            + " \"error\": \"input context exceeded\"}",
        ResultRecord.contextExceeded("i", MODEL, "p").toJsonLine());
  }

  @Test
  void appendsLinesAndFinishedInstancesAreKnownOnReopen() {
    Path file = dir.resolve("sub/out.jsonl");
    try (ResultFile out = open(file)) {
      assertEquals(Set.of(), out.finished());
      out.append(
          ResultRecord.success(
              "a", MODEL, "p", new Completion("x", UsageCost.FREE, Duration.ZERO)));
      out.append(ResultRecord.rejected("b", MODEL, "p", 400, "bad"));
    }
    try (ResultFile out = open(file)) {
      assertEquals(Set.of("a", "b"), out.finished());
    }
    assertEquals(2, Fixtures.lines(file).size());
  }

  @Test
  void retryableFailuresAreCompactedAwayAtomically() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Fixtures.write(
        file,
        String.join(
            "\n",
            success("a"),
            gaveUp("b"),
            rejected("c"),
            gaveUp("a"),
            "{\"instance_id\": \"d\", \"status\": \"failed\", \"error\": \"HTTP 401: bad key\"}",
            ""));
    try (ResultFile out = open(file)) {
      assertEquals(Set.of("a", "c"), out.finished());
      assertEquals(3, out.retryRecordsRemoved());
    }
    assertEquals(List.of(success("a"), rejected("c")), Fixtures.lines(file));
    assertTrue(
        reporter
            .infos
            .get(0)
            .contains("removed 3 retryable failure record(s); 2 instance(s) will be asked again"),
        reporter.infos.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          Set.of("out.jsonl", ".out.jsonl.lock"),
          Set.copyOf(files.map(p -> p.getFileName().toString()).toList()),
          "no temp file left behind");
    }
  }

  @Test
  void aLastLineTornByACrashIsRepairedWithAWarning() {
    Path file = dir.resolve("out.jsonl");
    String torn = success("b").substring(0, 40);
    Fixtures.write(file, success("a") + "\n" + torn);
    try (ResultFile out = open(file)) {
      assertEquals(Set.of("a"), out.finished());
      out.append(ResultRecord.rejected("b", MODEL, "p", 400, "bad"));
    }
    assertEquals(List.of(success("a"), rejected("b")), Fixtures.lines(file));
    assertTrue(
        reporter
            .warnings
            .get(0)
            .contains("the last line was cut short by an interrupted write (40 bytes)"),
        reporter.warnings.toString());
  }

  @Test
  void aTornLineIsRepairedAlongWithACompaction() {
    Path file = dir.resolve("out.jsonl");
    Fixtures.write(file, gaveUp("a") + "\n" + success("b") + "\n{\"instance_id\": \"c\", \"pro");
    try (ResultFile out = open(file)) {
      assertEquals(Set.of("b"), out.finished());
    }
    assertEquals(List.of(success("b")), Fixtures.lines(file));
  }

  @Test
  void aCompleteLastRecordMissingOnlyItsLineEndIsKept() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Fixtures.write(file, success("a"));
    try (ResultFile out = open(file)) {
      assertEquals(Set.of("a"), out.finished());
      out.append(ResultRecord.rejected("b", MODEL, "p", 400, "bad"));
    }
    assertEquals(success("a") + "\n" + rejected("b") + "\n", Files.readString(file));
    // the file was changed, so the user is told (as prompt-builder always did): one writer, one
    // behaviour
    assertEquals(List.of(file + ":1: last line had no line end; completed it"), reporter.warnings);
  }

  @Test
  void aBrokenLineElsewhereStopsTheRunNamingFileAndLine() {
    Path file = dir.resolve("out.jsonl");
    String content = success("a") + "\n\n{not json}\n" + success("b") + "\n";
    Fixtures.write(file, content);
    DataFormatException e = assertThrows(DataFormatException.class, () -> open(file));
    assertEquals(file, e.file());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith(file + ":3: not valid JSON"), e.getMessage());
    assertEquals(content, read(file), "nothing is changed");
    try (ResultFile out = open(dir.resolve("other.jsonl"))) {
      assertFalse(out.finished().contains("a"), "the lock of the failed open was released");
    }
  }

  @Test
  void aRecordWithoutInstanceIdOrNotAnObjectIsAnError() {
    Path file = dir.resolve("out.jsonl");
    Fixtures.write(file, "{\"model_name\": \"m\"}\n");
    assertTrue(
        assertThrows(DataFormatException.class, () -> open(file))
            .getMessage()
            .endsWith(":1: a prediction record needs a string instance_id"));
    Fixtures.write(file, "[1, 2]\n");
    assertTrue(
        assertThrows(DataFormatException.class, () -> open(file))
            .getMessage()
            .contains(":1: not valid JSON"));
    Fixtures.write(file, "{\"instance_id\": \"a\"} trailing\n");
    assertThrows(DataFormatException.class, () -> open(file));
  }

  @Test
  @SuppressWarnings("try") // the first writer only holds the file open
  void aSecondWriterOfTheSameFileStopsAtOnce() {
    Path file = dir.resolve("out.jsonl");
    try (ResultFile first = open(file)) {
      OutputLockedException e = assertThrows(OutputLockedException.class, () -> open(file));
      assertTrue(
          e.getMessage().startsWith(file + " is being written by another editbench process"),
          e.getMessage());
      assertEquals(file, e.file());
    }
    open(file).close();
  }

  @Test
  void longLinesAcrossReadChunksAreReadWhole() {
    Path file = dir.resolve("out.jsonl");
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      content
          .append(
              ResultRecord.success(
                      "i" + i,
                      MODEL,
                      "p".repeat(700_000 * i + 1),
                      new Completion("x", UsageCost.FREE, Duration.ZERO))
                  .toJsonLine())
          .append('\n');
    }
    Fixtures.write(file, content.toString());
    try (ResultFile out = open(file)) {
      assertEquals(Set.of("i0", "i1", "i2", "i3", "i4"), out.finished());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Every finished record's prompt is compared while their bytes stay within the cap; beyond, an
   * even sample, and every record once the sample finds one asked with another prompt, so that all
   * of them are named. A record without a prompt, and an instance not finished, are not compared.
   */
  @Test
  void finishedRecordsAskedWithAnotherPromptAreFoundInAllOrAnEvenSampleFirst() throws IOException {
    int records = 300;
    StringBuilder lines = new StringBuilder();
    Map<String, String> asked = new LinkedHashMap<>();
    for (int i = 0; i < records; i++) {
      String id = "i" + i;
      String prompt = "Task " + i + "\n<code>\n[start of f.py]\n1 x\n[end of f.py]\n</code>\n";
      lines.append(i == 1 ? gaveUp(id) : i == 2 ? noPrompt(id) : success(id, prompt)).append('\n');
      asked.put(id, prompt);
    }
    Path file = dir.resolve("p.jsonl");
    Files.writeString(file, lines);
    try (ResultFile out = open(file)) {
      long bytes = Files.size(file);
      // changed inside the code block only: the same prompt, shortened or not
      Map<String, String> same = new LinkedHashMap<>(asked);
      same.replaceAll((id, p) -> id.equals("i5") ? p.replace("1 x", "1 y") : p);
      same.put("never-asked", "Task");
      ResultFile.PromptCheck all = out.askedWithOtherPrompts(same, bytes);
      assertEquals(new ResultFile.PromptCheck(records - 1, records - 1, List.of()), all);

      ResultFile.PromptCheck sample = out.askedWithOtherPrompts(same, bytes / 3);
      assertEquals(records - 1, sample.finished(), "i1 is asked again");
      assertTrue(
          sample.checked() > records / 4 && sample.checked() <= records / 3 + 1,
          "a third: " + sample.checked());
      assertEquals(List.of(), sample.otherPrompts());

      // i0 is in every sample: once it differs, every record is read and all are named
      Map<String, String> other = new LinkedHashMap<>(asked);
      for (String id : List.of("i0", "i4", "i250")) {
        other.put(id, other.get(id).replace("Task", "Another task"));
      }
      ResultFile.PromptCheck found = out.askedWithOtherPrompts(other, bytes / 3);
      assertEquals(
          new ResultFile.PromptCheck(records - 1, records - 1, List.of("i0", "i4", "i250")), found);
    }
  }

  /**
   * A prompt that is no string is no prompt, as for scoring; of a repeated one, the last counts.
   */
  @Test
  void aPromptThatIsNoStringIsNotComparedAndTheLastOfARepeatedOneIs() throws IOException {
    Path file = dir.resolve("q.jsonl");
    Files.writeString(
        file,
        "{\"instance_id\": \"o\", \"prompt\": {\"prompt\": \"Another\"}, \"model_patch\": \"x\"}\n"
            + "{\"instance_id\": \"a\", \"prompt\": [\"x\"], \"model_patch\": \"x\","
            + " \"prompt\": \"Another\"}\n");
    try (ResultFile out = open(file)) {
      assertEquals(
          List.of("a"), out.askedWithOtherPrompts(Map.of("o", "Task", "a", "Task")).otherPrompts());
    }
  }

  private static String success(String id, String prompt) {
    return ResultRecord.success(
            id, MODEL, prompt, new Completion("<patch>x</patch>", UsageCost.FREE, Duration.ZERO))
        .toJsonLine();
  }

  private static String noPrompt(String id) {
    return "{\"instance_id\": \"" + id + "\", \"model_patch\": \"x\"}";
  }
}
