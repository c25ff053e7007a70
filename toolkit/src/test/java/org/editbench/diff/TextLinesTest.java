package org.editbench.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.editbench.text.PyStrings;
import org.junit.jupiter.api.Test;

/** {@link TextLines} must cut where {@link PyStrings#splitLinesKeepEnds} cuts. */
class TextLinesTest {

  private static List<String> cut(String text) {
    TextLines lines = TextLines.of(text);
    return IntStream.range(0, lines.count()).mapToObj(lines::line).collect(Collectors.toList());
  }

  @Test
  void cutsWherePythonsSplitlinesCuts() {
    for (String text : List.of("", "a", "\n", "a\nb", "a\nb\n", "\r\n\r\n", "a\r\nb\rc\r",
        "\r", "x\r", "a\u000bb\u000cc\u001cd\u001de\u001ef\u0085g\u2028h\u2029i",
        "tab\tand\u001fUS\u0084and\u00a0nbsp\n", "\n\n\nend")) {
      assertEquals(PyStrings.splitLinesKeepEnds(text), cut(text), text);
    }
  }

  @Test
  void growsPastItsInitialCapacity() {
    String text = "\n".repeat(1000) + "last";
    assertEquals(PyStrings.splitLinesKeepEnds(text), cut(text));
  }
}
