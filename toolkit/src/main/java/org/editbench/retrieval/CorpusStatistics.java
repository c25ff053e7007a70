package org.editbench.retrieval;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * What BM25Okapi needs to know about a whole index, beyond its postings: the number of
 * documents (empty files included — Lucene's own document count for a field leaves them out), the
 * total length, and how many terms have each document frequency. The last one gives the mean idf
 * over the vocabulary (BM25Okapi's floor for negative idfs) for any document count, and lets that
 * mean be corrected exactly when some documents are set aside for a query (see {@link #without}).
 *
 * <p>Computed once when the index is built and stored in its commit data.
 */
final class CorpusStatistics {
  private static final String DOCUMENTS = "bm25.documents";
  private static final String TOTAL_LENGTH = "bm25.totalLength";
  private static final String FREQUENCY_HISTOGRAM = "bm25.documentFrequencyHistogram";

  private final long documentCount;
  private final long totalLength;
  /** Document frequency → number of vocabulary terms with that document frequency. */
  private final TreeMap<Long, Long> termsByDocumentFrequency;

  private CorpusStatistics(long documentCount, long totalLength, TreeMap<Long, Long> termsByDocumentFrequency) {
    this.documentCount = documentCount;
    this.totalLength = totalLength;
    this.termsByDocumentFrequency = termsByDocumentFrequency;
  }

  static CorpusStatistics of(IndexReader reader) throws IOException {
    TreeMap<Long, Long> histogram = new TreeMap<>();
    long totalLength = 0;
    Terms terms = MultiTerms.getTerms(reader, Bm25Fields.BODY);
    if (terms != null) {
      totalLength = terms.getSumTotalTermFreq();
      TermsEnum termsEnum = terms.iterator();
      while (termsEnum.next() != null) {
        histogram.merge((long) termsEnum.docFreq(), 1L, Long::sum);
      }
    }
    return new CorpusStatistics(reader.numDocs(), totalLength, histogram);
  }

  Map<String, String> toCommitData() {
    StringBuilder histogram = new StringBuilder();
    termsByDocumentFrequency.forEach((frequency, terms) ->
        histogram.append(histogram.length() == 0 ? "" : ",").append(frequency).append(':').append(terms));
    Map<String, String> data = new LinkedHashMap<>();
    data.put(DOCUMENTS, Long.toString(documentCount));
    data.put(TOTAL_LENGTH, Long.toString(totalLength));
    data.put(FREQUENCY_HISTOGRAM, histogram.toString());
    return data;
  }

  /** The statistics stored by {@link #toCommitData()}; a missing or malformed entry is an error. */
  static CorpusStatistics fromCommitData(Map<String, String> data) {
    String documents = data.get(DOCUMENTS);
    String totalLength = data.get(TOTAL_LENGTH);
    String histogramText = data.get(FREQUENCY_HISTOGRAM);
    if (documents == null || totalLength == null || histogramText == null) {
      throw new IllegalStateException("BM25 statistics missing from the index commit data");
    }
    TreeMap<Long, Long> histogram = new TreeMap<>();
    if (!histogramText.isEmpty()) {
      for (String entry : histogramText.split(",")) {
        int colon = entry.indexOf(':');
        histogram.put(Long.parseLong(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)));
      }
    }
    return new CorpusStatistics(Long.parseLong(documents), Long.parseLong(totalLength), histogram);
  }

  /** True when both describe the same corpus (used to check a stored index against its reader). */
  boolean sameAs(CorpusStatistics other) {
    return documentCount == other.documentCount && totalLength == other.totalLength
        && termsByDocumentFrequency.equals(other.termsByDocumentFrequency);
  }

  /**
   * The statistics of this corpus less some documents, as BM25Okapi would compute them had it been
   * given only the remaining ones: N, average length, every affected term's document frequency,
   * the vocabulary (terms found only in removed documents leave it) and so the mean idf.
   *
   * @param removedDocuments how many documents are removed
   * @param removedLength their total length
   * @param removedTerms each term of a removed document → [its document frequency in this corpus,
   *     the number of removed documents that contain it]
   */
  CandidateStatistics without(long removedDocuments, long removedLength, Map<BytesRef, long[]> removedTerms) {
    long documents = documentCount - removedDocuments;
    Map<Long, Long> histogram = new HashMap<>(termsByDocumentFrequency);
    Map<BytesRef, Long> removedDocumentFrequency = new HashMap<>();
    removedTerms.forEach((term, frequencies) -> {
      long before = frequencies[0];
      long after = before - frequencies[1];
      // An emptied bucket must go: its document frequency may exceed the new N (log of a negative).
      histogram.merge(before, -1L, (count, minusOne) -> count + minusOne == 0 ? null : count + minusOne);
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
