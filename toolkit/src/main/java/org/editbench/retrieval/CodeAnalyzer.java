package org.editbench.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Analysis for BM25 retrieval: the reference's code tokenizer ({@link CodeTokenizer}) and nothing
 * else, for documents and queries alike, so that a query token matches exactly the document tokens
 * the reference would count.
 */
public final class CodeAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(new CodeTokenizer());
  }

  /**
   * Analysis for indexing: each distinct token of a text once, with its count as the term frequency
   * (see {@link CodeTokenizer#countingTerms()}).
   */
  static Analyzer countingTerms() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(CodeTokenizer.countingTerms());
      }
    };
  }

  /**
   * The tokens of {@code text} in order, repeats included (what the reference's tokenizer returns).
   */
  public List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    try (TokenStream stream = tokenStream(Bm25Fields.BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("tokenizing in memory cannot fail", e);
    }
    return tokens;
  }
}
