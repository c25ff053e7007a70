package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

/** A line the parser refuses is said in a reader's words, with the column where it goes wrong. */
class JsonTreesTest {
  private static String problemOf(String line) {
    return JsonTrees.problem(
        assertThrows(JsonProcessingException.class, () -> JsonTrees.tree(line)));
  }

  @Test
  void commonMistakesAreSaidInPlainWordsWithTheirColumn() {
    assertEquals(
        "not valid JSON (it ends inside a string: its closing quote is missing, or it"
            + " was cut short, at column 30)",
        problemOf("{\"instance_id\": \"x\", \"p\": \"ab"));
    assertEquals(
        "not valid JSON (it ends inside a string: its closing quote is missing, or it"
            + " was cut short, at column 12)",
        problemOf("{\"instance_"));
    assertEquals(
        "not valid JSON (it ends before its object is closed (a missing }), or was cut"
            + " short, at column 20)",
        problemOf("{\"instance_id\": \"x\""));
    assertEquals(
        "not valid JSON (it ends before its array is closed (a missing ]), or was cut short,"
            + " at column 7)",
        problemOf("[1, 2,"));
    assertEquals(
        "not valid JSON (unexpected '#' where a value should be, at column 1)",
        problemOf("# a comment"));
    assertEquals(
        "not valid JSON (unexpected '\"' where a comma or } should be, at column 9)",
        problemOf("{\"a\": 1 \"b\": 2}"));
    assertEquals(
        "not valid JSON (unexpected ''' where a field name in double quotes should be, at column"
            + " 2)",
        problemOf("{'a': 1}"));
    assertEquals(
        "not valid JSON (unrecognized word 'None' where a value should be (a string needs double"
            + " quotes; the words JSON knows are true, false and null), at column 11)",
        problemOf("{\"a\": None}"));
    assertEquals(
        "not valid JSON (a control character (U+0009) inside a string, which JSON needs escaped"
            + " (\\n, \\t, \\u00XX), at column 9)",
        problemOf("{\"a\": \"x\ty\"}"));
  }

  @Test
  void otherMessagesKeepTheParsersWords() {
    assertEquals(
        "not valid JSON (extra data after the JSON value, at column 10 (one value is expected: in"
            + " JSON Lines, two records on one line?))",
        problemOf("{\"a\": 1} {\"b\": 2}"));
  }
}
