package org.editbench.retrieval;

import java.util.Map;
import org.apache.lucene.util.BytesRef;

/**
 * BM25Okapi's statistics over the candidate files of one query: the index's documents less the
 * files the query's history edits (the reference never counts those). Built by {@link
 * CorpusStatistics#without}.
 *
 * @param documentCount N, candidate files only
 * @param averageLength their average length in tokens
 * @param floorIdf the idf that replaces a negative one: ε × the mean idf over their vocabulary
 * @param removedDocumentFrequency for each term of a removed file, how many removed files hold it
 */
record CandidateStatistics(
    long documentCount,
    double averageLength,
    double floorIdf,
    Map<BytesRef, Long> removedDocumentFrequency) {

  /**
   * The idf of a term that {@code indexDocumentFrequency} documents of the whole index contain, or
   * 0 when no candidate contains it (rank_bm25 gives 0 to a token outside its vocabulary).
   */
  double idf(BytesRef term, long indexDocumentFrequency) {
    long documentFrequency =
        indexDocumentFrequency - removedDocumentFrequency.getOrDefault(term, 0L);
    if (documentFrequency <= 0) {
      return 0;
    }
    double idf = Bm25Okapi.rawIdf(documentCount, documentFrequency);
    return idf < 0 ? floorIdf : idf;
  }
}
