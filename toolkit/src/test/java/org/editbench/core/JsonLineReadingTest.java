package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.editbench.FullCorpus;
import org.editbench.SharedCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonTrees#tree} must build what {@code ObjectMapper.readTree} builds. */
class JsonLineReadingTest {

  private static void assertSameTree(String text) throws JsonProcessingException {
    JsonNode expected = Jsonl.MAPPER.readTree(text);
    JsonNode actual = JsonTrees.tree(text);
    assertEquals(expected, actual, text);
    assertEquals(expected.getNodeType(), actual.getNodeType(), text);
    if (!expected.isMissingNode()) {
      // key order, number kinds and float digits, as the infbench writer sees them
      assertEquals(PyJson.toJson(expected), PyJson.toJson(actual), text);
    }
  }

  @Test
  void buildsTheTreesObjectMapperBuilds() throws JsonProcessingException {
    for (String text :
        List.of(
            "{\"b\": 1, \"a\": [true, false, null, \"x\"], \"c\": {}}",
            "{\"k\": 1, \"j\": 2, \"k\": [3]}",
            "[2147483647, 2147483648, -2147483649, 9223372036854775807, 9223372036854775808, -0]",
            "[1.0, -0.0, 2.5e-7, 1E300, 1e400, 0.1, 123456789012345678901234567890.5]",
            "\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\n\"",
            "[[], [[]], {\"\": {\"\": []}}]",
            "42",
            "null",
            "  {\"a\": 1}  \r",
            "",
            "   ",
            "[".repeat(900) + "{\"deep\": 1}" + "]".repeat(900))) {
      assertSameTree(text);
    }
  }

  @Test
  void aRelativePathThatIsNotThereSaysWhereItWasLookedFor() {
    java.nio.file.Path relative = java.nio.file.Path.of("no-such-folder/bench.jsonl");
    DataFormatException missing =
        assertThrows(DataFormatException.class, () -> JsonLineReader.readAll(relative));
    assertEquals(
        "no-such-folder/bench.jsonl: file not found (looked for "
            + relative.toAbsolutePath().normalize()
            + ", relative to the working directory)",
        missing.getMessage());
  }

  @Test
  void aLastLineCutShortSaysHowItCameAboutAndWhatRepairsIt(@TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path cut = dir.resolve("cut.jsonl");
    Files.writeString(cut, "{\"instance_id\": \"a\"}\n{\"instance_id\": \"b");
    String message =
        assertThrows(DataFormatException.class, () -> JsonLineReader.readAll(cut)).getMessage();
    assertTrue(message.startsWith(cut + ":2: not valid JSON"), message);
    assertTrue(message.contains("it is the file's last line and has no line end"), message);
    // The same line in the middle of a file, or ended: bad data, no such hint.
    for (String text :
        List.of(
            "{\"instance_id\": \"b\n{\"instance_id\": \"a\"}",
            "{\"instance_id\": \"a\"}\n{\"instance_id\": \"b\n")) {
      Files.writeString(cut, text);
      String other =
          assertThrows(DataFormatException.class, () -> JsonLineReader.readAll(cut)).getMessage();
      assertFalse(other.contains("last line"), other);
    }
  }

  @Test
  void reportsTheParsersMessage() {
    for (String text : List.of("{\"a\": ", "{\"a\" 1}", "[1,]", "{'a': 1}", "tru", "{\"a\": 01}")) {
      var expected = assertThrows(JsonProcessingException.class, () -> Jsonl.MAPPER.readTree(text));
      var actual = assertThrows(JsonProcessingException.class, () -> JsonTrees.tree(text));
      assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage(), text);
    }
  }

  @Test
  void buildsTheFixtureBenchAsObjectMapperDoes() throws IOException {
    for (String text : Files.readAllLines(SharedCorpus.bench(SharedCorpus.fixture()))) {
      assertSameTree(text);
    }
  }

  @Test
  @FullCorpus
  void buildsTheCorpusBenchAsObjectMapperDoes() throws IOException {
    for (String text : Files.readAllLines(SharedCorpus.bench())) {
      assertSameTree(text);
    }
  }

  @Test
  void textAfterTheValueIsNotValidJsonAsForPythonsJsonLoads() {
    // ObjectMapper.readTree reads the first value and stops; json.loads says "Extra data".
    JsonProcessingException joined =
        assertThrows(JsonProcessingException.class, () -> JsonTrees.tree("{\"a\": 1}{\"b\": 2}"));
    assertEquals(
        "extra data after the JSON value, at column 9 (one value is expected: in JSON Lines, two records on one line?)",
        joined.getOriginalMessage());
    for (String text : List.of("{\"a\": 1} garbage", "{\"a\": 1}}", "[1] [2]", "1 2")) {
      assertThrows(JsonProcessingException.class, () -> JsonTrees.tree(text), text);
    }
  }

  @Test
  void aByteOrderMarkIsNamedWithWhatToDo() throws IOException {
    java.nio.file.Path file = Files.createTempFile("bench", ".jsonl");
    try {
      Files.writeString(file, "\uFEFF{\"a\": 1}\n{\"b\": 2}\n");
      RecordingReporter reporter = new RecordingReporter();
      JsonLineReader.readObjectsLeniently(file, reporter, "left out");
      assertEquals(
          List.of(
              file
                  + ":1: not valid JSON: a byte order mark (U+FEFF) outside a string, as editors"
                  + " saving \"UTF-8 with BOM\" write at the start of a file; save it as UTF-8"
                  + " without BOM; left out"),
          reporter.warnings);
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void readingLenientlyKeepsTheObjectsAndReportsEveryOtherLine() throws IOException {
    java.nio.file.Path file = Files.createTempFile("results", ".jsonl");
    try {
      Files.writeString(file, "{\"a\": 1}\n\n{\"torn\": \n[1, 2]\n{\"b\": 2}\n");
      RecordingReporter reporter = new RecordingReporter();

      List<Jsonl.Line> objects = JsonLineReader.readObjectsLeniently(file, reporter, "left out");

      assertEquals(List.of(1, 5), objects.stream().map(Jsonl.Line::number).toList());
      assertEquals(2, objects.get(1).json().get("b").asInt());
      assertEquals(2, reporter.warnings.size(), reporter.warnings.toString());
      assertTrue(
          reporter.warnings.get(0).startsWith(file + ":3: not valid JSON ("),
          reporter.warnings.get(0));
      assertTrue(reporter.warnings.get(0).endsWith("); left out"), reporter.warnings.get(0));
      assertEquals(file + ":4: not a JSON object; left out", reporter.warnings.get(1));
    } finally {
      Files.delete(file);
    }
  }
}
