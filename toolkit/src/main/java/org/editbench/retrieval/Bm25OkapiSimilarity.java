package org.editbench.retrieval;

import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.Similarity;

/**
 * BM25Okapi (see {@link Bm25Okapi}) as a Lucene {@link Similarity}.
 *
 * <p>Two things differ from Lucene's own BM25:
 *
 * <ul>
 *   <li>The norm is the document's exact token count (Lucene stores norms as longs; its BM25
 *       squeezes the length into one lossy byte). An index must be built with this similarity.
 *   <li>Corpus statistics come from {@link CandidateStatistics}, not from Lucene's {@link
 *       CollectionStatistics}: those leave empty files out of N and cannot leave out the files a
 *       query's history edits. A query-time similarity is therefore made per query.
 * </ul>
 *
 * <p>The query-side weight of a term is the boost: the number of times the token occurs in the
 * query, since the reference adds a token's score once per occurrence.
 */
final class Bm25OkapiSimilarity extends Similarity {
  private final CandidateStatistics statistics;

  private Bm25OkapiSimilarity(CandidateStatistics statistics) {
    super(false);
    this.statistics = statistics;
  }

  /** The similarity an index is built with: it computes norms and cannot score. */
  static Bm25OkapiSimilarity forIndexing() {
    return new Bm25OkapiSimilarity(null);
  }

  /** The similarity one query is scored with. */
  static Bm25OkapiSimilarity forQuery(CandidateStatistics statistics) {
    return new Bm25OkapiSimilarity(statistics);
  }

  /** The exact token count (never 0 here: Lucene gives an empty field norm 0 without asking). */
  @Override
  public long computeNorm(FieldInvertState state) {
    return state.getLength();
  }

  @Override
  public SimScorer scorer(
      float boost, CollectionStatistics collectionStats, TermStatistics... termStats) {
    if (statistics == null) {
      throw new IllegalStateException("the indexing similarity computes norms only");
    }
    if (termStats.length != 1) {
      throw new IllegalArgumentException("BM25Okapi scores single terms, got " + termStats.length);
    }
    double idf = statistics.idf(termStats[0].term(), termStats[0].docFreq());
    return new OkapiScorer(boost * idf, statistics.averageLength());
  }

  private static final class OkapiScorer extends SimScorer {
    private final double weight;
    private final double averageLength;

    OkapiScorer(double weight, double averageLength) {
      this.weight = weight;
      this.averageLength = averageLength;
    }

    @Override
    public float score(float freq, long norm) {
      return (float) Bm25Okapi.termScore(weight, freq, norm, averageLength);
    }
  }

  @Override
  public String toString() {
    return "BM25Okapi(k1="
        + Bm25Okapi.K1
        + ", b="
        + Bm25Okapi.B
        + ", epsilon="
        + Bm25Okapi.EPSILON
        + ")";
  }
}
