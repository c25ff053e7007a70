package org.editbench.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;

/**
 * Analysis for BM25 retrieval: the reference's code tokenizer ({@link CodeTokenizer}) and nothing
 * else, for documents and queries alike, so that a query token matches exactly the document tokens
 * the reference would count.
 */
public final class CodeAnalyzer extends Analyzer {
  private final boolean countTerms;

  /** Every token, in order. */
  public CodeAnalyzer() {
    this(false);
  }

  private CodeAnalyzer(boolean countTerms) {
    this.countTerms = countTerms;
  }

  /**
   * Each distinct token of a text once, with its count as the term frequency (see {@link
   * CodeTokenizer#countingTerms()}): for indexing, and for {@link #tokenCounts} at a fraction of
   * the cost.
   */
  static CodeAnalyzer countingTerms() {
    return new CodeAnalyzer(true);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(
        countTerms ? CodeTokenizer.countingTerms() : new CodeTokenizer());
  }

  /**
   * The tokens of {@code text} in order, repeats included (what the reference's tokenizer returns);
   * with {@link #countingTerms()}, each distinct one once.
   */
  public List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    analyze(text, (token, count) -> tokens.add(token));
    return tokens;
  }

  /**
   * Each distinct token of {@code text} → its number of occurrences, in order of first appearance.
   */
  Map<String, Integer> tokenCounts(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    analyze(text, (token, count) -> counts.merge(token, count, Integer::sum));
    return counts;
  }

  private interface TokenSink {
    void accept(String token, int count);
  }

  private void analyze(String text, TokenSink sink) {
    try (TokenStream stream = tokenStream(Bm25Fields.BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      // 1 for every token unless counting: the attribute's value after clearing.
      TermFrequencyAttribute frequency = stream.addAttribute(TermFrequencyAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        sink.accept(term.toString(), frequency.getTermFrequency());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("tokenizing in memory cannot fail", e);
    }
  }
}
