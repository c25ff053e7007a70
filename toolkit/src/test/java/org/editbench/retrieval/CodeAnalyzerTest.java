package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;
import org.junit.jupiter.api.Test;

/** Expected tokens are what Python 3.11's {@code re.findall(r'\b\w+\b|[^\w\s]', text)} returns. */
class CodeAnalyzerTest {
  private final CodeAnalyzer analyzer = new CodeAnalyzer();

  private void assertTokens(String text, String... expected) {
    assertEquals(List.of(expected), analyzer.tokens(text), text);
    assertEquals(List.of(expected), Bm25OkapiReference.tokenize(text), "test reference: " + text);
  }

  @Test
  void wordRunsAndSinglePunctuation() {
    assertTokens(
        "def foo(self, x=1):\n    return x**2  # h\u00e9llo",
        "def",
        "foo",
        "(",
        "self",
        ",",
        "x",
        "=",
        "1",
        ")",
        ":",
        "return",
        "x",
        "*",
        "*",
        "2",
        "#",
        "h\u00e9llo");
    assertTokens("'''doc''' != <=>", "'", "'", "'", "doc", "'", "'", "'", "!", "=", "<", "=", ">");
  }

  @Test
  void combiningMarksAndConnectorsAreNotWordCharactersAsInPython() {
    assertTokens(
        "na\u00efve caf\u00e9_1 x\u0301y", "na\u00efve", "caf\u00e9_1", "x", "\u0301", "y");
    assertTokens("x\u203fy \u2028z\r\nw\u001cq", "x", "\u203f", "y", "z", "w", "q");
  }

  @Test
  void pythonWhiteSpaceNotJava() {
    // NBSP and EM SPACE separate; ZERO WIDTH SPACE is neither space nor word in Python.
    assertTokens("a\u00a0b\u2003c\u200bd", "a", "b", "c", "\u200b", "d");
  }

  @Test
  void numbersLettersAndSupplementaryCharacters() {
    assertTokens(
        "\u216b \u00b2 \u00bd \u0663 \u4e2d\u6587 \ud835\udd18\ud835\udd2b\ud835\udd26 \ud83d\ude00!",
        "\u216b",
        "\u00b2",
        "\u00bd",
        "\u0663",
        "\u4e2d\u6587",
        "\ud835\udd18\ud835\udd2b\ud835\udd26",
        "\ud83d\ude00",
        "!");
  }

  @Test
  void emptyAndBlankTextHaveNoTokens() {
    assertTokens("");
    assertTokens("   \t\n");
  }

  @Test
  void inputLongerThanTheReadBufferKeepsWordsWhole() {
    String word = "w".repeat(20_000);
    assertEquals(
        List.of("a", word, "(", word, ")"), analyzer.tokens("a " + word + "(" + word + ")"));
  }

  @Test
  void aTokenTooLongForLuceneBecomesItsDigest() {
    String huge = "x".repeat(40_000);
    List<String> tokens = analyzer.tokens("a " + huge + " b");
    assertEquals(List.of("a", CodeTokenizer.digestTerm(huge), "b"), tokens);
    assertNotEquals(CodeTokenizer.digestTerm(huge), CodeTokenizer.digestTerm(huge + "y"));
  }

  @Test
  void countingForTheIndexGivesEachDistinctTokenOnceWithItsCountInOrderOfFirstAppearance()
      throws IOException {
    String huge = "y".repeat(40_000);
    List<String> texts =
        List.of(
            "def foo(self, x=1):\n    return x**2  # h\u00e9llo\n\nfoo(x) == foo(x)",
            "na\u00efve caf\u00e9_1 x\u0301y \ud835\udd18\ud835\udd2b \ud835\udd18\ud835\udd2b!",
            // Words that go on past ASCII, start outside it, or end at a non-ASCII space or mark.
            "\u00f1u x\u00f1u \u00f1u caf\u00e9 caf\u00e9s a\u00a0b a\u2003(b) x\u0301 x",
            "a " + huge + " b " + huge + " a",
            "",
            // Thousands of distinct tokens: the counting table grows several times.
            String.join(" ", IntStream.range(0, 5000).mapToObj(i -> "t" + (i % 3000)).toList()));
    try (CodeAnalyzer counting = CodeAnalyzer.countingTerms()) {
      // One analyzer over several texts, as the index builder and a query's ranking use it.
      for (String text : texts) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        analyzer.tokens(text).forEach(token -> expected.merge(token, 1, Integer::sum));
        String shown = text.length() > 80 ? text.substring(0, 80) : text;
        assertEquals(expected, counted(counting, text), shown);
        assertEquals(expected, counting.tokenCounts(text), shown);
        assertEquals(expected, analyzer.tokenCounts(text), shown);
        assertEquals(analyzer.tokens(text).size(), countedLength(text), shown);
      }
    }
  }

  /** The length the index builder stores for {@code text}. */
  private static long countedLength(String text) throws IOException {
    try (CodeTokenizer tokenizer = CodeTokenizer.countingTerms()) {
      tokenizer.setReader(new StringReader(text));
      tokenizer.reset();
      return tokenizer.countedLength();
    }
  }

  /** The terms and frequencies the index builder's analysis gives for {@code text}, in order. */
  private static Map<String, Integer> counted(Analyzer counting, String text) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream stream = counting.tokenStream(Bm25Fields.BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      TermFrequencyAttribute frequency = stream.addAttribute(TermFrequencyAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int lastStart = -1;
      while (stream.incrementToken()) {
        assertTrue(offset.startOffset() > lastStart, "offsets go forward, as Lucene requires");
        lastStart = offset.startOffset();
        assertNull(
            counts.put(term.toString(), frequency.getTermFrequency()), "given once: " + term);
      }
      stream.end();
    }
    return counts;
  }
}
