package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The index builder's per-file term counts: exact by content, in order of first appearance. */
class TokenCountsTest {
  private final TokenCounts counts = new TokenCounts();

  /** Counts {@code tokens} as ranges of one char array, the way the tokenizer hands them over. */
  private Map<String, Integer> count(String... tokens) {
    char[] text = String.join("", tokens).toCharArray();
    int at = 0;
    for (String token : tokens) {
      counts.add(text, at, at + token.length());
      at += token.length();
    }
    Map<String, Integer> counted = new LinkedHashMap<>();
    for (int token = 0; token < counts.size(); token++) {
      counted.put(
          new String(text, counts.start(token), counts.end(token) - counts.start(token)),
          counts.count(token));
    }
    return counted;
  }

  @Test
  void countsByContentInOrderOfFirstAppearance() {
    assertEquals(
        "{self=2, (=2, x=3, é=2, xy=1}",
        count("self", "(", "x", "é", "x", "(", "xy", "self", "é", "x").toString());
  }

  @Test
  void tokensWhoseHashesCollideStayApart() {
    // "Aa" and "BB" have the same String-style hash.
    assertEquals(
        "{Aa=2, BB=1, AaBB=1, BBAa=1}", count("Aa", "BB", "Aa", "AaBB", "BBAa").toString());
  }

  @Test
  void clearingForgetsEverythingAndTheNextTextCountsAfresh() {
    count("a", "bc", "a");
    counts.clear();
    assertEquals("{bc=1, a=1}", count("bc", "a").toString());
  }

  @Test
  void manyDistinctTokensGrowTheTableAndAClearAfterThemCountsAfresh() {
    String[] tokens = new String[100_000];
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (int i = 0; i < tokens.length; i++) {
      // Mostly distinct words, and now and then a one-char token, counted apart from the table.
      tokens[i] = i % 1000 == 0 ? "(" : "t" + (i * 7919 % 40_000);
      expected.merge(tokens[i], 1, Integer::sum);
    }
    assertEquals(expected, count(tokens));
    // The table outgrew what clear() keeps: it starts again with new arrays, which must count
    // hashed and one-char tokens alike.
    counts.clear();
    assertEquals("{x=2, y=1, (=1}", count("x", "y", "x", "(").toString());
  }
}
