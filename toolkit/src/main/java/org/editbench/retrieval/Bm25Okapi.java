package org.editbench.retrieval;

/**
 * The BM25 variant of the reference ({@code rank_bm25.BM25Okapi} with its defaults), in double
 * precision:
 *
 * <pre>
 *   idf(n)     = ln(N − n + 0.5) − ln(n + 0.5)       n = documents containing the term, N = documents
 *   idf(n) &lt; 0 → ε · mean idf over the vocabulary     ε = 0.25
 *   score(d)   = Σ over query tokens (repeats count) idf · tf·(k1 + 1) / (tf + k1·(1 − b + b·|d|/avgdl))
 * </pre>
 *
 * <p>Lucene's {@code BM25Similarity} uses ln(1 + (N − n + 0.5)/(n + 0.5)), never negative and never
 * floored, and a lossy one-byte document length: close, but not the reference's ranking.
 */
final class Bm25Okapi {
  private Bm25Okapi() {}

  static final double K1 = 1.5;
  static final double B = 0.75;
  static final double EPSILON = 0.25;

  /** The unfloored idf, written as the reference writes it (a difference of logarithms). */
  static double rawIdf(long documentCount, long documentFrequency) {
    return Math.log(documentCount - documentFrequency + 0.5) - Math.log(documentFrequency + 0.5);
  }

  /** One occurrence of a query token in a document with {@code termFrequency} occurrences. */
  static double termScore(
      double idf, double termFrequency, double documentLength, double averageLength) {
    return idf
        * (termFrequency
            * (K1 + 1)
            / (termFrequency + K1 * (1 - B + B * documentLength / averageLength)));
  }
}
