package org.editbench.retrieval;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * What BM25Okapi needs to know about a whole index, beyond its postings: the number of documents
 * (empty files included — Lucene's own document count for a field leaves them out), the total
 * length, and how many terms have each document frequency. The last one gives the mean idf over the
 * vocabulary (BM25Okapi's floor for negative idfs) for any document count, and lets that mean be
 * corrected exactly when some documents are set aside for a query (see {@link #without}).
 *
 * <p>Computed from the postings the first time an index is opened (one pass over its terms), not at
 * the build, which then needs no reader of its own; later runs read it from the index's {@link
 * IndexSummary}.
 */
final class CorpusStatistics {
  private final long documentCount;
  private final long totalLength;

  /** Document frequency → number of vocabulary terms with that document frequency. */
  private final TreeMap<Long, Long> termsByDocumentFrequency;

  CorpusStatistics(long documentCount, long totalLength, Map<Long, Long> termsByDocumentFrequency) {
    this.documentCount = documentCount;
    this.totalLength = totalLength;
    this.termsByDocumentFrequency = new TreeMap<>(termsByDocumentFrequency);
  }

  long documentCount() {
    return documentCount;
  }

  long totalLength() {
    return totalLength;
  }

  /** Document frequency → number of vocabulary terms with that document frequency. */
  Map<Long, Long> termsByDocumentFrequency() {
    return Collections.unmodifiableMap(termsByDocumentFrequency);
  }

  static CorpusStatistics of(IndexReader reader) throws IOException {
    // Counted by document frequency (at most maxDoc) in an array: a vocabulary has hundreds of
    // thousands of terms, and a map would box two numbers for each.
    long[] termsWithDocumentFrequency = new long[reader.maxDoc() + 1];
    long totalLength = 0;
    Terms terms = MultiTerms.getTerms(reader, Bm25Fields.BODY);
    if (terms != null) {
      totalLength = terms.getSumTotalTermFreq();
      TermsEnum termsEnum = terms.iterator();
      while (termsEnum.next() != null) {
        termsWithDocumentFrequency[termsEnum.docFreq()]++;
      }
    }
    Map<Long, Long> histogram = new HashMap<>();
    for (int documentFrequency = 1;
        documentFrequency < termsWithDocumentFrequency.length;
        documentFrequency++) {
      if (termsWithDocumentFrequency[documentFrequency] > 0) {
        histogram.put((long) documentFrequency, termsWithDocumentFrequency[documentFrequency]);
      }
    }
    return new CorpusStatistics(reader.numDocs(), totalLength, histogram);
  }

  /**
   * The statistics of this corpus less some documents, as BM25Okapi would compute them had it been
   * given only the remaining ones: N, average length, every affected term's document frequency, the
   * vocabulary (terms found only in removed documents leave it) and so the mean idf.
   *
   * @param removedDocuments how many documents are removed
   * @param removedLength their total length
   * @param removedTerms each term of a removed document → [its document frequency in this corpus,
   *     the number of removed documents that contain it]
   */
  CandidateStatistics without(
      long removedDocuments, long removedLength, Map<BytesRef, long[]> removedTerms) {
    long documents = documentCount - removedDocuments;
    Map<Long, Long> histogram = new HashMap<>(termsByDocumentFrequency);
    Map<BytesRef, Long> removedDocumentFrequency = new HashMap<>();
    removedTerms.forEach(
        (term, frequencies) -> {
          long before = frequencies[0];
          long after = before - frequencies[1];
          // An emptied bucket must go: its document frequency may exceed the new N (log of a
          // negative).
          histogram.merge(
              before, -1L, (count, minusOne) -> count + minusOne == 0 ? null : count + minusOne);
          if (after > 0) {
            histogram.merge(after, 1L, Long::sum);
          }
          removedDocumentFrequency.put(term, frequencies[1]);
        });
    double idfSum = 0;
    long vocabulary = 0;
    for (Map.Entry<Long, Long> entry : histogram.entrySet()) {
      idfSum += entry.getValue() * Bm25Okapi.rawIdf(documents, entry.getKey());
      vocabulary += entry.getValue();
    }
    // rank_bm25 divides by zero on a corpus without a single token; no term can match there, so
    // any floor will do.
    double floorIdf = vocabulary == 0 ? 0 : Bm25Okapi.EPSILON * idfSum / vocabulary;
    double averageLength = documents == 0 ? 0 : (double) (totalLength - removedLength) / documents;
    return new CandidateStatistics(documents, averageLength, floorIdf, removedDocumentFrequency);
  }
}
