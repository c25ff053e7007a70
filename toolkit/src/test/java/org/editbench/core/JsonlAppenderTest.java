package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlAppenderTest {
  @TempDir Path dir;

  @Test
  void createsFolderAndFileAndWritesCompleteLines() throws IOException {
    Path file = dir.resolve("sub/out.jsonl");
    try (JsonlAppender out = JsonlAppender.open(file, false, Reporter.SILENT)) {
      assertEquals(0, out.done().size());
      out.append("{\"instance_id\": \"a\"}");
      out.append("{\"instance_id\": \"b\"}");
    }
    assertEquals("{\"instance_id\": \"a\"}\n{\"instance_id\": \"b\"}\n", Files.readString(file));
  }

  @Test
  void resumeKnowsExistingRecordsAndAppends() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}\n");
    try (JsonlAppender out = JsonlAppender.open(file, false, Reporter.SILENT)) {
      assertTrue(out.contains("a"));
      out.append("{\"instance_id\": \"b\"}");
    }
    assertEquals("{\"instance_id\": \"a\"}\n{\"instance_id\": \"b\"}\n", Files.readString(file));
  }

  @Test
  void tornLastLineIsRemovedWithAWarning() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}\n{\"instance_id\": \"b\", \"prom");
    RecordingReporter recorder = new RecordingReporter();
    try (JsonlAppender out = JsonlAppender.open(file, false, recorder)) {
      assertEquals(List.of("a"), List.copyOf(out.done()));
      out.append("{\"instance_id\": \"b\"}");
    }
    assertEquals("{\"instance_id\": \"a\"}\n{\"instance_id\": \"b\"}\n", Files.readString(file));
    assertEquals(1, recorder.warnings.size());
    assertTrue(
        recorder.warnings.get(0).startsWith(file + ":2: removed a torn last line"),
        recorder.warnings.get(0));
  }

  @Test
  void wholeRecordMissingOnlyItsNewlineIsCompletedWithAWarning() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}");
    RecordingReporter recorder = new RecordingReporter();
    try (JsonlAppender out = JsonlAppender.open(file, false, recorder)) {
      assertTrue(out.contains("a"));
      out.append("{\"instance_id\": \"b\"}");
    }
    assertEquals("{\"instance_id\": \"a\"}\n{\"instance_id\": \"b\"}\n", Files.readString(file));
    assertEquals(List.of(file + ":1: last line had no line end; completed it"), recorder.warnings);
  }

  @Test
  void invalidLineBeforeTheEndIsAnErrorNotSkipped() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}\nnot json\n{\"instance_id\": \"b\"}\n");
    var e =
        assertThrows(
            DataFormatException.class, () -> JsonlAppender.open(file, false, Reporter.SILENT));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith(file + ":2: not valid JSON"), e.getMessage());
    assertEquals(
        "{\"instance_id\": \"a\"}\nnot json\n{\"instance_id\": \"b\"}\n", Files.readString(file));
  }

  @Test
  @SuppressWarnings("try") // the first writer only holds the file open
  void secondWriterOfTheSameFileIsRefused() {
    Path file = dir.resolve("out.jsonl");
    try (JsonlAppender first = JsonlAppender.open(file, false, Reporter.SILENT)) {
      var e =
          assertThrows(
              OutputLockedException.class, () -> JsonlAppender.open(file, false, Reporter.SILENT));
      assertTrue(
          e.getMessage().startsWith(file + " is being written by another editbench process"),
          e.getMessage());
      assertEquals(file, e.file());
    }
    JsonlAppender.open(file, false, Reporter.SILENT).close();
  }

  @Test
  void overrideStartsEmpty() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}\n");
    try (JsonlAppender out = JsonlAppender.open(file, true, Reporter.SILENT)) {
      assertEquals(0, out.done().size());
    }
    assertEquals("", Files.readString(file));
  }

  /** Keeps records whose "state" is not "stale"; names things as a user of the appender would. */
  private static final JsonlAppender.Resume DROP_STALE =
      new JsonlAppender.Resume() {
        @Override
        public List<String> fields() {
          return List.of("state");
        }

        @Override
        public boolean done(String[] values) {
          return !"stale".equals(values[0]);
        }

        @Override
        public String redoRecords() {
          return "stale";
        }

        @Override
        public String redo() {
          return "built again";
        }
      };

  private static JsonlAppender openDroppingStale(Path file, Reporter reporter) {
    return JsonlAppender.open(file, JsonlAppender.Options.DEFAULT.withResume(DROP_STALE), reporter);
  }

  /**
   * Kept records are read back where the compaction moved them: up by the lines and bytes removed
   * before each, blank lines and CRLF line ends included; several at once as one at a time.
   */
  @Test
  void keptRecordsAreFoundWhereTheCompactionMovedThem() throws IOException {
    Path file = dir.resolve("out.jsonl");
    String b = "{\"instance_id\": \"b\", \"x\": \"\u00e9\"}";
    String d = "{\"instance_id\": \"d\"}";
    Files.writeString(
        file,
        "{\"instance_id\": \"a\", \"state\": \"stale\"}\r\n"
            + b
            + "\r\n\n{\"instance_id\": \"c\", \"state\": \"stale\"}\n"
            + d
            + "\n{\"instance_id\": \"e\", \"state\": \"stale\"}\n");
    try (JsonlAppender out = openDroppingStale(file, Reporter.SILENT)) {
      assertEquals(3, out.removed());
      assertEquals(b + "\r\n\n" + d + "\n", Files.readString(file));
      JsonlAppender.KeptRecord keptB = out.kept("b").orElseThrow();
      assertEquals(1, keptB.line());
      assertEquals(b, new String(keptB.bytes(), StandardCharsets.UTF_8));
      JsonlAppender.KeptRecord keptD = out.kept("d").orElseThrow();
      assertEquals(3, keptD.line());
      assertEquals(d, new String(keptD.bytes(), StandardCharsets.UTF_8));
      assertTrue(out.kept("a").isEmpty());
      assertEquals(
          Map.of("b", b, "d", d),
          out.mapKept(List.of("a", "b", "d"), r -> new String(r.bytes(), StandardCharsets.UTF_8)));
    }
  }

  @Test
  void recordsThePolicyRejectsAreCompactedAwayAtomically() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(
        file,
        "{\"instance_id\": \"a\", \"state\": \"stale\"}\n{\"instance_id\": \"b\"}\n"
            + "{\"state\": \"stale\", \"instance_id\": \"c\", \"x\": [1, {\"state\": 2}]}\n"
            + "{\"instance_id\": \"b\", \"state\": \"stale\"}\n{\"instance_id\": \"d\", \"state\": 7}\n");
    List<String> infos = new ArrayList<>();
    Reporter reporter =
        new Reporter() {
          @Override
          public void warn(String message) {
            throw new AssertionError(message);
          }

          @Override
          public void info(String message) {
            infos.add(message);
          }
        };
    try (JsonlAppender out = openDroppingStale(file, reporter)) {
      assertEquals(List.of("b", "d"), List.copyOf(out.done()));
      assertEquals(3, out.removed());
      assertEquals(Set.of("a", "c"), out.redone());
      out.append("{\"instance_id\": \"a\"}");
    }
    assertEquals(
        "{\"instance_id\": \"b\"}\n{\"instance_id\": \"d\", \"state\": 7}\n{\"instance_id\": \"a\"}\n",
        Files.readString(file));
    assertEquals(
        List.of(file + ": removed 3 stale record(s); 2 instance(s) will be built again"), infos);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          Set.of("out.jsonl", ".out.jsonl.lock"),
          Set.copyOf(files.map(p -> p.getFileName().toString()).toList()),
          "no temp file left behind");
    }
  }

  @Test
  void anUnterminatedLastRecordIsCompactedAwayOrCompletedAlongWithACompaction() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(
        file, "{\"instance_id\": \"a\"}\n{\"instance_id\": \"b\", \"state\": \"stale\"}");
    openDroppingStale(file, Reporter.SILENT).close();
    assertEquals("{\"instance_id\": \"a\"}\n", Files.readString(file));

    Files.writeString(
        file, "{\"instance_id\": \"b\", \"state\": \"stale\"}\n{\"instance_id\": \"a\"}");
    RecordingReporter recorder = new RecordingReporter();
    openDroppingStale(file, recorder).close();
    assertEquals(
        "{\"instance_id\": \"a\"}\n",
        Files.readString(file),
        "kept, and its line ended in the copy");
    assertEquals(List.of(file + ":2: last line had no line end; completed it"), recorder.warnings);
  }

  @Test
  void theTornLineWarningSaysHowManyBytesWereCutAndWhatHappensNext() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}\n{\"instance_id\": \"\u00e9");
    RecordingReporter recorder = new RecordingReporter();
    openDroppingStale(file, recorder).close();
    assertEquals(
        List.of(
            file
                + ":2: removed a torn last line: the last line was cut short by an interrupted write"
                + " (19 bytes); its instance will be built again"),
        recorder.warnings);
    assertEquals("{\"instance_id\": \"a\"}\n", Files.readString(file));
  }

  @Test
  void aRecordWithoutAStringInstanceIdIsAnError() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}\n{\"instance_id\": 5}\n");
    var e =
        assertThrows(
            DataFormatException.class, () -> JsonlAppender.open(file, false, Reporter.SILENT));
    assertEquals(file + ":2: a record needs a string instance_id", e.getMessage());
  }

  @Test
  void concurrentAppendsAreWholeLines() throws Exception {
    Path file = dir.resolve("out.jsonl");
    String padding = "x".repeat(50_000);
    try (JsonlAppender out =
        JsonlAppender.open(
            file,
            JsonlAppender.Options.DEFAULT.withForceInterval(java.time.Duration.ZERO),
            Reporter.SILENT)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      for (int i = 0; i < 200; i++) {
        String line = "{\"instance_id\": \"i" + i + "\", \"pad\": \"" + padding + "\"}";
        pool.execute(() -> out.append(line));
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }
    try (JsonlAppender out = JsonlAppender.open(file, false, Reporter.SILENT)) {
      assertEquals(200, out.done().size());
    }
    assertEquals(200, Files.readAllLines(file).size());
  }
}
