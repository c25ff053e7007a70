package org.editbench.retrieval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference ranking, written independently of the code under test: a regular-expression port of
 * the reference tokenizer and a straight port of {@code rank_bm25.BM25Okapi} (k1 = 1.5, b = 0.75, ε
 * = 0.25), which loops over the query's tokens repeats included and over every document.
 */
final class Bm25OkapiReference {
  private static final String PY_WORD = "\\p{L}\\p{Nd}\\p{Nl}\\p{No}_";
  private static final String PY_SPACE =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
  private static final Pattern TOKEN =
      Pattern.compile("[" + PY_WORD + "]+|[^" + PY_WORD + PY_SPACE + "]");

  static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  private final List<Map<String, Integer>> documentFrequencies = new ArrayList<>();
  private final List<Integer> documentLengths = new ArrayList<>();
  private final Map<String, Double> idf = new HashMap<>();
  private final double averageLength;

  Bm25OkapiReference(List<List<String>> corpus) {
    this(corpus.stream().map(Bm25OkapiReference::frequencies).toList());
  }

  /**
   * A corpus given as each document's token → count (the tokens' order does not matter to BM25).
   */
  static Map<String, Integer> frequencies(List<String> document) {
    Map<String, Integer> frequencies = new HashMap<>();
    for (String token : document) {
      frequencies.merge(token, 1, Integer::sum);
    }
    return frequencies;
  }

  Bm25OkapiReference(Collection<Map<String, Integer>> corpus) {
    Map<String, Integer> documentsWithTerm = new LinkedHashMap<>();
    long totalLength = 0;
    for (Map<String, Integer> frequencies : corpus) {
      int length = frequencies.values().stream().mapToInt(Integer::intValue).sum();
      documentLengths.add(length);
      totalLength += length;
      documentFrequencies.add(frequencies);
      for (String term : frequencies.keySet()) {
        documentsWithTerm.merge(term, 1, Integer::sum);
      }
    }
    averageLength = (double) totalLength / corpus.size();
    double idfSum = 0;
    List<String> negative = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : documentsWithTerm.entrySet()) {
      double value =
          Math.log(corpus.size() - entry.getValue() + 0.5) - Math.log(entry.getValue() + 0.5);
      idf.put(entry.getKey(), value);
      idfSum += value;
      if (value < 0) {
        negative.add(entry.getKey());
      }
    }
    double floor = 0.25 * idfSum / idf.size();
    negative.forEach(term -> idf.put(term, floor));
  }

  double[] scores(List<String> query) {
    double[] scores = new double[documentLengths.size()];
    for (String token : query) {
      double tokenIdf = idf.getOrDefault(token, 0.0);
      for (int doc = 0; doc < scores.length; doc++) {
        int frequency = documentFrequencies.get(doc).getOrDefault(token, 0);
        scores[doc] +=
            tokenIdf
                * (frequency
                    * 2.5
                    / (frequency
                        + 1.5 * (1 - 0.75 + 0.75 * documentLengths.get(doc) / averageLength)));
      }
    }
    return scores;
  }

  /**
   * The top {@code n} of {@code paths} by score, ties by path (the order the code under test uses).
   */
  static List<String> top(double[] scores, List<String> paths, int n) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer>comparingDouble(i -> scores[i]).reversed().thenComparing(paths::get));
    return order.subList(0, Math.min(n, order.size())).stream().map(paths::get).toList();
  }
}
