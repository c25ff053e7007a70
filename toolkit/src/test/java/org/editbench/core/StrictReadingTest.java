package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.editbench.bench.BenchReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12's reading rules for every JSON Lines reader: strict UTF-8 located as {@code file:line:
 * invalid UTF-8 at byte N}, lines of any size that fits in memory, a line over a limit said to be
 * over it (never "not valid JSON"), and "is a directory" for a folder.
 */
class StrictReadingTest {
  @TempDir Path dir;

  /** Line 2 holds a lone continuation byte at file offset 27 (line 1 is 19 bytes and its LF). */
  private Path withBadByte(String name) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("{\"instance_id\": \"a\"}\n".getBytes(StandardCharsets.UTF_8)); // 21 bytes
    bytes.writeBytes(
        "{\"instance_id\": \"b\", \"x\": \"caf".getBytes(StandardCharsets.UTF_8)); // 30 bytes
    bytes.write(0x80);
    bytes.writeBytes("\"}\n{\"instance_id\": \"c\"}\n".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve(name);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  @Test
  void strictReadersNameFileLineAndByteOfInvalidUtf8() throws IOException {
    Path file = withBadByte("bench.jsonl");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> JsonLineReader.readAll(file));
    assertEquals(file + ":2: invalid UTF-8 at byte 51", e.getMessage());
    assertEquals(2, e.line());

    DataFormatException bench =
        assertThrows(DataFormatException.class, () -> BenchReader.read(file, Reporter.SILENT));
    assertEquals(e.getMessage(), bench.getMessage());
  }

  @Test
  void lenientReaderWarnsAboutInvalidUtf8AndKeepsTheOtherLines() throws IOException {
    Path file = withBadByte("predictions.jsonl");
    RecordingReporter reporter = new RecordingReporter();
    List<Jsonl.Line> lines = JsonLineReader.readObjectsLeniently(file, reporter, "left out");
    assertEquals(List.of(1, 3), lines.stream().map(Jsonl.Line::number).toList());
    assertEquals(List.of(file + ":2: invalid UTF-8 at byte 51; left out"), reporter.warnings);
  }

  @Test
  void resumingAFileWithInvalidUtf8InAWholeLineIsRefusedAndChangesNothing() throws IOException {
    Path file = withBadByte("out.jsonl");
    byte[] before = Files.readAllBytes(file);
    DataFormatException e =
        assertThrows(
            DataFormatException.class, () -> JsonlAppender.open(file, false, Reporter.SILENT));
    assertTrue(
        e.getMessage()
            .startsWith(file + ":2: invalid UTF-8 at byte 51; editbench resumes only files"),
        e.getMessage());
    assertEquals(List.of(), List.of(dir.toFile().list((d, n) -> n.endsWith(".tmp"))));
    assertEquals(
        new String(before, StandardCharsets.ISO_8859_1),
        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
  }

  @Test
  void aLastLineCutInsideACharacterIsATornWriteAndIsRepaired() throws IOException {
    Path file = dir.resolve("out.jsonl");
    byte[] cafe = "{\"instance_id\": \"b\", \"x\": \"caf\u00e9".getBytes(StandardCharsets.UTF_8);
    Files.write(file, ("{\"instance_id\": \"a\"}\n").getBytes(StandardCharsets.UTF_8));
    Files.write(
        file,
        java.util.Arrays.copyOf(cafe, cafe.length - 1),
        java.nio.file.StandardOpenOption.APPEND);
    RecordingReporter reporter = new RecordingReporter();
    try (JsonlAppender out = JsonlAppender.open(file, false, reporter)) {
      assertEquals(List.of("a"), List.copyOf(out.done()));
    }
    assertEquals("{\"instance_id\": \"a\"}\n", Files.readString(file));
    assertTrue(
        reporter.warnings.get(0).startsWith(file + ":2: removed a torn last line"),
        reporter.warnings.toString());
  }

  @Test
  void wholeJsonDocumentsAreStrictUtf8Too() throws IOException {
    Path file = dir.resolve("sampled.json");
    Files.write(
        file,
        new byte[] {'{', '\n', ' ', '"', 'k', '"', ':', '\n', ' ', '"', (byte) 0xff, '"', '}'});
    DataFormatException e =
        assertThrows(
            DataFormatException.class, () -> Jsonl.readDocument(file, "--sampled_ids_file"));
    assertEquals(file + ":3: invalid UTF-8 at byte 10", e.getMessage());
  }

  @Test
  void aDirectoryWhereAFileIsExpectedIsSaidSoByEveryReaderAndWriter() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("a-folder.jsonl"));
    String expected = folder + ": is a directory; expected a file";
    assertEquals(
        expected,
        assertThrows(DataFormatException.class, () -> JsonLineReader.readAll(folder)).getMessage());
    assertEquals(
        expected,
        assertThrows(
                DataFormatException.class,
                () -> JsonLineReader.readObjectsLeniently(folder, Reporter.SILENT, "left out"))
            .getMessage());
    assertEquals(
        expected,
        assertThrows(DataFormatException.class, () -> Jsonl.readDocument(folder, "--models file"))
            .getMessage());
    assertEquals(
        expected,
        assertThrows(
                DataFormatException.class, () -> JsonlAppender.open(folder, false, Reporter.SILENT))
            .getMessage());
  }

  /**
   * A record whose one string is {@code megabytes} MB: over Jackson's default 20 MB string limit
   * from 21 up.
   */
  private Path withLargeRecord(int megabytes) throws IOException {
    Path file = dir.resolve("large.jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(
          "{\"instance_id\": \"small\"}\n{\"instance_id\": \"large\", \"prompt\": \""
              .getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "0123456789abcdef".repeat(1 << 12).getBytes(StandardCharsets.UTF_8); // 64 KiB
      for (int i = 0; i < megabytes * 16; i++) {
        out.write(chunk);
      }
      out.write("\"}\n{\"instance_id\": \"after\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void aFiftyMegabyteLineIsReadByEveryReader() throws IOException {
    Path file = withLargeRecord(50);
    List<Jsonl.Line> lines = JsonLineReader.readAll(file);
    assertEquals(3, lines.size());
    assertEquals(50 << 20, lines.get(1).json().get("prompt").textValue().length());

    RecordingReporter reporter = new RecordingReporter();
    assertEquals(3, JsonLineReader.readObjectsLeniently(file, reporter, "left out").size());
    assertEquals(List.of(), reporter.warnings);

    try (JsonlAppender out = JsonlAppender.open(file, false, Reporter.SILENT)) {
      assertEquals(List.of("small", "large", "after"), List.copyOf(out.done()));
    }
  }

  @Test
  void aLineOverTheLimitIsReportedWithItsSizeAndTheLinesAfterItAreRead() throws IOException {
    Path file = withLargeRecord(3);
    List<String> seen = new ArrayList<>();
    ByteLines.forEach(
        file,
        1 << 20,
        new ByteLines.Handler() {
          @Override
          public void line(
              int number, byte[] buf, int off, int len, long fileOffset, boolean terminated) {
            seen.add(number + ": " + new String(buf, off, len, StandardCharsets.UTF_8));
          }

          @Override
          public void tooLong(int number, long length, int limit) {
            seen.add(ByteLines.tooLongProblem(number, length, limit));
          }
        });
    assertEquals(
        List.of(
            "1: {\"instance_id\": \"small\"}",
            "line 2 is 3.0 MB, over the limit of 1 MB",
            "3: {\"instance_id\": \"after\"}"),
        seen);
  }

  @Test
  void aParserLimitIsNotCalledInvalidJson() {
    var e =
        assertThrows(
            DataFormatException.class,
            () -> JsonLineReader.parse(Path.of("f.jsonl"), 4, "[".repeat(2000) + "]".repeat(2000)));
    assertTrue(
        e.getMessage()
            .startsWith("f.jsonl:4: over a limit of the JSON parser (Document nesting depth"),
        e.getMessage());
  }
}
