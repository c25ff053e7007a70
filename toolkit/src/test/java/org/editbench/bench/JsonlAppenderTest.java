package org.editbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.editbench.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlAppenderTest {
  @TempDir Path dir;

  @Test
  void createsFolderAndFileAndWritesCompleteLines() throws IOException {
    Path file = dir.resolve("sub/out.jsonl");
    try (JsonlAppender out = JsonlAppender.open(file, false, Reporter.SILENT)) {
      assertEquals(0, out.existing().size());
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
    BenchReaderTest.Recorder recorder = new BenchReaderTest.Recorder();
    try (JsonlAppender out = JsonlAppender.open(file, false, recorder)) {
      assertEquals(List.of("a"), List.copyOf(out.existing().keySet()));
      out.append("{\"instance_id\": \"b\"}");
    }
    assertEquals("{\"instance_id\": \"a\"}\n{\"instance_id\": \"b\"}\n", Files.readString(file));
    assertEquals(1, recorder.warnings.size());
    assertTrue(recorder.warnings.get(0).startsWith(file + ":2: removed a torn last line"), recorder.warnings.get(0));
  }

  @Test
  void wholeRecordMissingOnlyItsNewlineIsCompletedWithAWarning() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}");
    BenchReaderTest.Recorder recorder = new BenchReaderTest.Recorder();
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
    var e = assertThrows(DataFormatException.class, () -> JsonlAppender.open(file, false, Reporter.SILENT));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith(file + ":2: not valid JSON"), e.getMessage());
    assertEquals("{\"instance_id\": \"a\"}\nnot json\n{\"instance_id\": \"b\"}\n", Files.readString(file));
  }

  @Test
  void secondWriterOfTheSameFileIsRefused() {
    Path file = dir.resolve("out.jsonl");
    try (JsonlAppender first = JsonlAppender.open(file, false, Reporter.SILENT)) {
      var e = assertThrows(IllegalStateException.class, () -> JsonlAppender.open(file, false, Reporter.SILENT));
      assertTrue(e.getMessage().contains("being written by another editbench run"), e.getMessage());
    }
    JsonlAppender.open(file, false, Reporter.SILENT).close();
  }

  @Test
  void overrideStartsEmpty() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"instance_id\": \"a\"}\n");
    try (JsonlAppender out = JsonlAppender.open(file, true, Reporter.SILENT)) {
      assertEquals(0, out.existing().size());
    }
    assertEquals("", Files.readString(file));
  }
}
