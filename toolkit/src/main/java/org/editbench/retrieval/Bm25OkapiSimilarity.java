package org.editbench.retrieval;

import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.Similarity;

/**
 * The norms of BM25Okapi (see {@link Bm25Okapi}) for Lucene's index: each document's exact token
 * count (Lucene stores norms as longs; its own BM25 squeezes the length into one lossy byte). An
 * index must be built with this similarity.
 *
 * <p>It does not score: {@link Bm25Index} reads the postings and these norms itself, with corpus
 * statistics from {@link CandidateStatistics} rather than Lucene's {@link CollectionStatistics}
 * (those leave empty files out of N and cannot leave out the files a query's history edits).
 */
final class Bm25OkapiSimilarity extends Similarity {
  Bm25OkapiSimilarity() {
    super(false);
  }

  /** The exact token count (never 0 here: Lucene gives an empty field norm 0 without asking). */
  @Override
  public long computeNorm(FieldInvertState state) {
    return state.getLength();
  }

  @Override
  public SimScorer scorer(
      float boost, CollectionStatistics collectionStats, TermStatistics... termStats) {
    throw new UnsupportedOperationException(
        "BM25Okapi norms only: Bm25Index scores from the postings");
  }

  @Override
  public String toString() {
    return "BM25Okapi norms (exact token counts)";
  }
}
