package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyJsonTest {
  @Test
  void stringsAreEscapedAsPythonEnsureAsciiDoes() {
    // json.dumps('a"b\\c\n\r\t\b\f\x01\x7f é—😀')
    assertEquals(
        "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u007f \\u00e9\\u2014\\ud83d\\ude00\"",
        PyJson.quote("a\"b\\c\n\r\t\b\f\u0001\u007f \u00e9\u2014\ud83d\ude00"));
  }

  @Test
  void longStringsAreEscapedCharByCharAcrossChunks() {
    String text = "a".repeat(4094) + "\"\u00e9\n" + "\\".repeat(5000) + "\ud83d\ude00\u0001x";
    StringBuilder expected = new StringBuilder();
    text.chars().forEach(c -> expected.append(new JsonText().escaped(String.valueOf((char) c))));
    assertEquals(expected.toString(), new JsonText(16).escaped(text).toString());
    assertEquals(
        new JsonText().escaped(text.substring(3, 9000)).toString(),
        new JsonText(16).escaped(text, 3, 9000).toString());
  }

  @ParameterizedTest
  @CsvSource({
    "0.2, 0.2",
    "1.0, 1.0",
    "0.7, 0.7",
    "1e-05, 1.0E-5",
    "0.0001, 1.0E-4",
    "1e+16, 1.0E16",
    "1234567890123456.0, 1.234567890123456E15",
    "5.56e-07, 5.56E-7",
    "-2.5, -2.5",
    "0.0, 0.0",
    "100.0, 100"
  })
  void floatsAreWrittenAsPythonReprWritesThem(String python, double value) {
    assertEquals(python, PyJson.floatRepr(value));
  }
}
