package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.editbench.SharedCorpus;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFieldScanner} answers only where its answer is the tree's: the asked-for fields equal
 * (same node kinds) to those of {@link JsonTrees#tree}, on real lines, on hand-made corner cases
 * and on 20,000 mangled lines; every line it does not answer for is read by the tree.
 */
class JsonFieldScannerTest {
  private static final List<String> FIELDS =
      List.of("instance_id", "prompt", "n", "x", "cost", "flag", "none", "created_at", "repo");

  /** Fields read as text: the reader keeps the text, to be compared with the tree's. */
  private static final Map<String, TextField> TEXT_FIELDS =
      Map.of("prompt", (text, length) -> new String(text, 0, length));

  /** The scanners under test: plain, and with the prompt read as text. */
  private static List<JsonFieldScanner> scanners() {
    return List.of(new JsonFieldScanner(FIELDS), new JsonFieldScanner(FIELDS, TEXT_FIELDS));
  }

  /** {@link #agrees(JsonFieldScanner, byte[])} for both scanners, which must answer alike. */
  private static boolean agrees(List<JsonFieldScanner> scanners, byte[] line) {
    boolean plain = agrees(scanners.get(0), line);
    assertEquals(plain, agrees(scanners.get(1), line), new String(line, StandardCharsets.UTF_8));
    return plain;
  }

  /**
   * Checks the scanner against the tree on {@code text}; whether the scanner answered. Where it
   * does, the line must be an object the tree reads, and each asked-for field the same node (for a
   * field read as text, a POJO node of the tree's text).
   */
  private static boolean agrees(JsonFieldScanner scanner, byte[] line) {
    ObjectNode scanned = scanner.scan(line, 0, line.length);
    if (scanned == null) {
      return false;
    }
    String text = new String(line, StandardCharsets.US_ASCII);
    JsonNode tree;
    try {
      tree = JsonTrees.tree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("the scanner read a line the tree refuses: " + text, e);
    }
    assertTrue(tree.isObject(), text);
    for (String field : FIELDS) {
      JsonNode expected = tree.get(field);
      JsonNode actual = scanned.get(field);
      if (expected != null && expected.isTextual() && actual instanceof POJONode read) {
        assertEquals(expected.textValue(), read.getPojo(), field + " of " + text);
        continue;
      }
      assertEquals(expected, actual, field + " of " + text);
      if (expected != null) {
        assertEquals(expected.getClass(), actual.getClass(), field + " of " + text);
      }
    }
    Iterator<String> names = scanned.fieldNames();
    while (names.hasNext()) {
      assertTrue(FIELDS.contains(names.next()), text);
    }
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsTheFieldsAsTheTreeHasThem() {
    List<JsonFieldScanner> scanner = scanners();
    for (String text :
        List.of(
            "{\"instance_id\": \"a\", \"prompt\": \"line 1\\nline 2\\n\", \"n\": 1}",
            "{\"n\": 2147483647, \"x\": 2147483648, \"cost\": -2147483649}",
            "{\"n\": -0, \"x\": -0.0, \"cost\": 0.1, \"flag\": true, \"none\": null}",
            "{\"n\": 1e400, \"x\": 2.5E-7, \"cost\": 123456789012345678, \"flag\": false}",
            "{\"prompt\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\r\\t\"}",
            "{\"prompt\": \"\\u00ff then \\u0100 then \\\\n\", \"x\": \"\\u0041\"}",
            "{\"prompt\": \"a long prompt, then a short one in the same buffer\"}",
            "{\"prompt\": \"short\"}",
            "{\"prompt\": \"\"}",
            "{\"prompt\": null, \"x\": \"not text: as the tree has it\"}",
            "{\"prompt\": 12}",
            "{\"n\": 1, \"n\": 2, \"x\": \"first\", \"x\": \"last\"}",
            "{\"skipped\": [1, {\"a\": [[], {}]}, \"s\", -1.5e3, true, null], \"n\": 3}",
            "{\"skipped\": {\"prompt\": \"nested, not top-level\"}, \"prompt\": \"top\"}",
            "{\"pr\\u006fmpt\": \"escaped key\", \"instance\\u005fid\": \"id\"}",
            "  {\"n\": 1}  \r",
            "{}",
            "{ \"n\" : 1 , \"s\" : [ ] }")) {
      assertTrue(agrees(scanner, ascii(text)), text);
    }
  }

  @Test
  void leavesOtherLinesToTheTree() {
    for (String text :
        List.of(
            "",
            "   ",
            "[1, 2]",
            "\"text\"",
            "{\"n\": [1]}", // an asked-for field that is a container
            "{\"n\": 12345678901234567890}", // a big integer
            "{\"prompt\": \"caf\u00e9\"}", // not ASCII
            "{\"n\": 1} \u00e9",
            "{\"n\": 1} trailing text", // invalid, as two records on one line are
            "{\"n\": 1}{\"n\": 2}",
            "{\"prompt\": \"tab\tinside\"}",
            "{\"n\": 01}",
            "{\"n\": 1.}",
            "{\"n\": NaN}",
            "{\"n\": tru}",
            "{\"n\": truex}",
            "{\"n\": 1,}",
            "{\"s\": [1,]}",
            "{\"s\": \"\\x\"}",
            "{\"s\": \"\\u12G4\"}",
            "{\"s\": \"torn",
            "{'n': 1}",
            "{\"s\": " + "[".repeat(300) + "]".repeat(300) + "}")) {
      for (JsonFieldScanner scanner : scanners()) {
        assertNull(scanner.scan(ascii(text), 0, text.length()), text);
      }
    }
  }

  @Test
  void readsOnlyItsOwnLineOfABuffer() {
    JsonFieldScanner scanner = new JsonFieldScanner(FIELDS);
    String text = "{\"prompt\": \"torn\n{\"n\": 1, \"x\": \"\"}\n";
    byte[] buffer = ascii(text);
    int lf = text.indexOf('\n');
    assertNull(scanner.scan(buffer, 0, lf));
    ObjectNode second = scanner.scan(buffer, lf + 1, text.length() - lf - 2);
    assertNotNull(second);
    assertEquals(1, second.get("n").intValue());
  }

  @Test
  void agreesWithTheTreeOnRealAndMangledLines() throws IOException {
    List<JsonFieldScanner> scanner = scanners();
    List<byte[]> lines = new ArrayList<>();
    for (String text : Files.readAllLines(SharedCorpus.bench(SharedCorpus.fixture()))) {
      byte[] line = text.getBytes(StandardCharsets.UTF_8);
      boolean ascii = text.chars().allMatch(c -> c < 0x80);
      assertEquals(ascii, agrees(scanner, line), "real lines are read when they are ASCII");
      lines.add(line);
    }
    byte[] significant = ascii("{}[]\",:\\ \t0123456789.-+eEtrufalsn/bu\u0080\u00ff\u0001");
    SplittableRandom random = new SplittableRandom(16);
    int answered = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] line = lines.get(random.nextInt(lines.size()));
      int at = random.nextInt(line.length);
      byte[] mangled =
          switch (random.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(line, at); // torn
            case 1 -> splice(line, at, 1, new byte[0]); // a byte lost
            case 2 -> splice(line, at, 0, new byte[] {pick(significant, random)}); // one more
            default -> splice(line, at, 1, new byte[] {pick(significant, random)}); // one other
          };
      answered += agrees(scanner, mangled) ? 1 : 0;
    }
    assertTrue(answered > 1000, "the scanner answered for " + answered + " mangled lines");
  }

  @Test
  void readingByFieldsKeepsAndReportsTheSameLines() throws IOException {
    Path file = Files.createTempFile("results", ".jsonl");
    try {
      Files.writeString(
          file,
          "{\"n\": 1, \"other\": [1]}\n\n{\"torn\": \n[1, 2]\n{\"n\": [2]}\n{\"x\": \"caf\u00e9\"}\n");
      RecordingReporter all = new RecordingReporter();
      RecordingReporter some = new RecordingReporter();

      List<Jsonl.Line> trees = JsonLineReader.readObjectsLeniently(file, all, "left out");
      List<Jsonl.Line> fields =
          JsonLineReader.readObjectsLeniently(file, some, "left out", List.of("n", "x"));

      assertEquals(all.warnings, some.warnings);
      assertEquals(
          trees.stream().map(Jsonl.Line::number).toList(),
          fields.stream().map(Jsonl.Line::number).toList());
      for (int i = 0; i < trees.size(); i++) {
        assertEquals(trees.get(i).json().get("n"), fields.get(i).json().get("n"));
        assertEquals(trees.get(i).json().get("x"), fields.get(i).json().get("x"));
      }
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void textFieldsAreReadOnBothPaths() throws IOException {
    Path file = Files.createTempFile("results", ".jsonl");
    try {
      Files.writeString(
          file,
          "{\"prompt\": \"1 a\\n2 \\u00e9\\u0100\\ud83d\\ude00\\\\n\\\"\", \"n\": 1}\n"
              + "{\"prompt\": \"caf\u00e9 \u0100\\n\", \"n\": 2}\n" // not ASCII: the tree's
              + "{\"prompt\": null, \"n\": 3}\n"
              + "{\"n\": 4}\n");
      List<Jsonl.Line> lines =
          JsonLineReader.readObjectsLeniently(
              file, new RecordingReporter(), "left out", List.of("prompt", "n"), TEXT_FIELDS);
      assertEquals(4, lines.size());
      assertEquals(
          "1 a\n2 \u00e9\u0100\ud83d\ude00\\n\"",
          ((POJONode) lines.get(0).json().get("prompt")).getPojo());
      assertEquals("caf\u00e9 \u0100\n", ((POJONode) lines.get(1).json().get("prompt")).getPojo());
      assertTrue(lines.get(2).json().get("prompt").isNull());
      assertNull(lines.get(3).json().get("prompt"));
    } finally {
      Files.delete(file);
    }
  }

  private static byte pick(byte[] from, SplittableRandom random) {
    return from[random.nextInt(from.length)];
  }

  private static byte[] splice(byte[] line, int at, int removed, byte[] inserted) {
    int cut = Math.min(removed, line.length - at);
    byte[] out = new byte[line.length - cut + inserted.length];
    System.arraycopy(line, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(line, at + cut, out, at + inserted.length, line.length - at - cut);
    return out;
  }
}
