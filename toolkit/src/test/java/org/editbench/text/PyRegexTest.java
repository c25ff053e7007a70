package org.editbench.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Patterns compiled by {@link PyRegex} match what Python 3's {@code re} matches for {@code str}
 * patterns.
 */
class PyRegexTest {
  /** {@code [c for c in range(0x110000) if re.match(r"\s", chr(c))]}, from CPython 3.11. */
  private static final int[] PYTHON_SPACE = {
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
    0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
    0x205f, 0x3000
  };

  @Test
  void spaceAndNonSpaceAreExactlyPythonsWhiteSpaceAndItsComplement() {
    Pattern space = PyRegex.compile("\\s");
    Pattern nonSpace = PyRegex.compile("\\S");
    List<Integer> spaces = new ArrayList<>();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String s = String.valueOf((char) c);
      boolean isSpace = space.matcher(s).matches();
      assertEquals(!isSpace, nonSpace.matcher(s).matches(), "U+" + Integer.toHexString(c));
      assertEquals(isSpace, PyStrings.isSpace((char) c), "U+" + Integer.toHexString(c));
      if (isSpace) {
        spaces.add(c);
      }
    }
    assertEquals(java.util.Arrays.stream(PYTHON_SPACE).boxed().toList(), spaces);
    assertTrue(
        PyRegex.compile("\\S").matcher("\ud83d\ude00").find(),
        "a supplementary character is not space");
  }

  @Test
  void classesWithSpaceEscapesMeanWhatTheyMeanInPython() {
    Pattern spaceOrComma = PyRegex.compile("[\\s,]+");
    assertTrue(spaceOrComma.matcher("\u00a0,\u3000").matches());
    assertFalse(
        spaceOrComma.matcher("\u200b").matches(),
        "U+200B (zero width space) is not white space in Python");
    Pattern spaceButNewline = PyRegex.compile("[^\\S\\n]+");
    assertTrue(spaceButNewline.matcher(" \t\u00a0").matches());
    assertFalse(spaceButNewline.matcher(" \n").matches());
    assertFalse(spaceButNewline.matcher("x").matches());
    Pattern bracketFirst = PyRegex.compile("[]\\s]+");
    assertTrue(bracketFirst.matcher("] ]").matches());
    assertTrue(PyRegex.compile("[a[]+").matcher("a[a").matches(), "a '[' in a class is a member");
  }

  @Test
  void lineEndsAreLfOnlyAndWordsAreUnicode() {
    assertTrue(PyRegex.compile("a.b").matcher("a\rb").matches(), "Python's . matches CR");
    assertTrue(PyRegex.compile("a.b").matcher("a\u2028b").matches());
    assertFalse(PyRegex.compile("a.b").matcher("a\nb").matches());
    Matcher end = PyRegex.compile("x$").matcher("x\r");
    assertFalse(end.find(), "Python's $ does not match before a final CR");
    assertTrue(PyRegex.compile("x$").matcher("x\n").find(), "Python's $ matches before a final LF");
    assertTrue(PyRegex.compile("(?m)^b").matcher("a\nb").find());
    assertFalse(PyRegex.compile("(?m)^b").matcher("a\u2028b").find());
    assertTrue(PyRegex.compile("\\w+").matcher("größe_1").matches());
    assertTrue(
        PyRegex.compile("\\d").matcher("\u0663").matches(),
        "ARABIC-INDIC DIGIT THREE is \\d in Python");
  }

  @Test
  void otherEscapesPassThrough() {
    assertEquals("a\\.b\\\\c\\(", PyRegex.toJava("a\\.b\\\\c\\("));
    assertTrue(
        PyRegex.compile("diff --git a/(\\S+) b/\\S+")
            .matcher("diff --git a/x.py b/x.py")
            .matches());
  }
}
