package org.editbench.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.editbench.text.PyStrings;
import org.junit.jupiter.api.Test;

/** {@link TextLines} must cut where {@link PyStrings#splitLinesKeepEnds} cuts. */
class TextLinesTest {

  private static List<String> cut(TextLines lines) {
    return IntStream.range(0, lines.count()).mapToObj(lines::line).collect(Collectors.toList());
  }

  private static List<String> cut(String text) {
    return cut(TextLines.of(text));
  }

  @Test
  void cutsWherePythonsSplitlinesCuts() {
    for (String text :
        List.of(
            "",
            "a",
            "\n",
            "a\nb",
            "a\nb\n",
            "\r\n\r\n",
            "a\r\nb\rc\r",
            "\r",
            "x\r",
            "a\u000bb\u000cc\u001cd\u001de\u001ef\u0085g\u2028h\u2029i",
            "tab\tand\u001fUS\u0084and\u00a0nbsp\n",
            "\n\n\nend")) {
      assertEquals(PyStrings.splitLinesKeepEnds(text), cut(text), text);
    }
  }

  @Test
  void growsPastItsInitialCapacity() {
    String text = "\n".repeat(1000) + "last";
    assertEquals(PyStrings.splitLinesKeepEnds(text), cut(text));
  }

  /** Cut against {@code other}, the lines and their numbers must be those of a plain cut. */
  private static void assertSharingCutsAlike(String text, String other) {
    TextLines target = TextLines.of(other);
    TextLines shared = TextLines.sharingEnds(text, target);
    String where =
        "text "
            + text.replace("\r", "\\r").replace("\n", "\\n")
            + " other "
            + other.replace("\r", "\\r").replace("\n", "\\n");
    assertEquals(PyStrings.splitLinesKeepEnds(text), cut(shared), where);
    TextLines.Ids ids = new TextLines.Ids(target);
    assertArrayEquals(ids.of(TextLines.of(text)), ids.of(shared), where);
  }

  @Test
  void sharingTheEndsOfAnotherTextCutsAsAPlainCut() {
    for (String[] pair :
        new String[][] {
          {"", ""},
          {"a", ""},
          {"", "a\n"},
          {"a\nb\nc\n", "a\nb\nc\n"},
          {"a\nb\nc", "a\nb\nc\n"},
          {"a\nX\nc\n", "a\nb\nc\n"},
          {"a\nb\n", "a\nb\nc\n"},
          {"b\nc\n", "a\nb\nc\n"},
          // a CR whose line end depends on the char after it, at either end of the shared part
          {"a\r\nb\n", "a\rXb\n"},
          {"a\rb\n", "a\r\nb\n"},
          {"x\r\ny\n", "z\r\ny\n"},
          {"x\ry\n", "x\r\ny\n"},
          {"p\nq\r", "p\nq\r\n"},
          {"\r\n", "\r"},
          {"\r", "\r\n"},
          {"same\u2028tail\u0085", "diff\u2028tail\u0085"},
          {"\n\n\n", "\n\n"},
          {"\n\n", "\n\n\n"}
        }) {
      assertSharingCutsAlike(pair[0], pair[1]);
    }
  }

  @Test
  void sharingTheEndsOfRandomEditsCutsAsAPlainCut() {
    Random random = new Random(20240611);
    char[] alphabet = {'a', 'b', ' ', '\n', '\n', '\n', '\r', '\u000c', '\u0085', '\u2028', 'x'};
    for (int round = 0; round < 3000; round++) {
      StringBuilder other = new StringBuilder();
      int length = random.nextInt(random.nextBoolean() ? 12 : 700);
      for (int i = 0; i < length; i++) {
        other.append(alphabet[random.nextInt(alphabet.length)]);
      }
      StringBuilder text = new StringBuilder(other);
      for (int edits = random.nextInt(4); edits > 0; edits--) {
        int at = random.nextInt(text.length() + 1);
        int removed = Math.min(text.length() - at, random.nextInt(5));
        StringBuilder inserted = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
          inserted.append(alphabet[random.nextInt(alphabet.length)]);
        }
        text.replace(at, at + removed, inserted.toString());
      }
      assertSharingCutsAlike(text.toString(), other.toString());
    }
  }
}
