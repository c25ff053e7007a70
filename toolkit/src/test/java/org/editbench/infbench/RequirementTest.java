package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.editbench.bench.BenchInstance;
import org.junit.jupiter.api.Test;

class RequirementTest {
  static BenchInstance instance(String title, String body, String issue) {
    return new BenchInstance(
        "o__r-pull-1",
        "1",
        "o/r",
        "",
        "",
        "",
        "",
        title,
        body,
        issue,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "",
        List.of(),
        0,
        "",
        0,
        List.of(),
        "",
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "",
        "",
        Map.of());
  }

  @Test
  void dropsCommentsNormalizesLineEndsSqueezesAndStrips() {
    var in =
        instance("Fix it", "<!-- template\r\nhint -->\r\nBody line\r\n\r\n\r\nmore\rlast  \n", "");
    assertEquals("Fix it\nBody line\nmore\nlast", Requirement.of(in, true, false));
  }

  @Test
  void issueTextIsAppendedWithoutSeparator() {
    var in = instance("Title", "", "Issue #1: broken\n");
    assertEquals("TitleIssue #1: broken\n", Requirement.of(in, true, true));
    assertEquals("Issue #1: broken\n", Requirement.of(in, false, true));
  }

  @Test
  void emptyAndCommentOnlyMessagesGiveEmptyRequirement() {
    assertEquals("", Requirement.of(instance("", "", ""), true, true));
    assertEquals("", Requirement.of(instance("", "<!-- only a comment -->", ""), true, false));
    assertEquals("", Requirement.of(instance(null, null, null), true, true));
  }

  @Test
  void crOnlyLineEndsBecomeSingleNewlines() {
    assertEquals("a\nb\nc", Requirement.of(instance("a", "\rb\r\r\rc\r", ""), true, false));
  }

  @Test
  void stripsPythonWhiteSpaceNotJavaWhiteSpace() {
    // U+00A0 and U+2007 are white space to Python's str.strip() but not to Character.isWhitespace
    assertEquals("x", Requirement.of(instance("\u00a0x", "\u2007", ""), true, false));
    // U+200B is space to neither
    assertEquals("\u200bx", Requirement.of(instance("\u200bx", "", ""), true, false));
  }

  @Test
  void withoutPrMessageNothingIsNormalized() {
    assertEquals(
        "keep\r\n\n<!-- this -->",
        Requirement.of(instance("t", "b", "keep\r\n\n<!-- this -->"), false, true));
  }

  @Test
  void commentsAndNewlineRunsGoAsTheReferencesRegexesRemoveThem() {
    Pattern comment = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    Pattern newlines = Pattern.compile("\n+");
    for (String s :
        List.of(
            "",
            "a",
            "<!---->",
            "<!-->",
            "<!-- a --> b <!-- c -->",
            "<!--<!-- x -->-->",
            "a <!-- never closed",
            "x -->",
            "<!-- a\n\nb -->c<!--",
            "<!-- a --><!-- b -->",
            "<!<!-- -- -->!",
            "\n",
            "\n\n\na\n\nb\n",
            "a\n",
            "\r\n\n")) {
      assertEquals(comment.matcher(s).replaceAll(""), Requirement.withoutHtmlComments(s), s);
      assertEquals(newlines.matcher(s).replaceAll("\n"), Requirement.squeezeNewlines(s), s);
    }
  }
}
