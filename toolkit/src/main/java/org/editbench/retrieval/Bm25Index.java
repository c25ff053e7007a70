package org.editbench.retrieval;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * An opened BM25 index of one commit's candidate files, and the search over it.
 *
 * <p>One index serves every instance of its commit although each instance sets aside the files its
 * history edits: those files are analysed again from their blobs and their terms taken out of N,
 * the average length, the document frequencies and the vocabulary before scoring (see {@link
 * CorpusStatistics#without}), so every score is the one BM25Okapi computes over exactly the
 * reference's candidates. What that takes for each file is derived once and kept beside the index
 * ({@link DocumentTerms}).
 */
final class Bm25Index implements Closeable {
  private final Directory directory;
  private final DirectoryReader reader;
  private final CorpusStatistics statistics;
  private final String[] paths;
  private final String[] blobs;
  private final Map<String, Integer> documentByPath = new HashMap<>();
  private final CodeAnalyzer analyzer = CodeAnalyzer.countingTerms();

  /** Where the files' {@link DocumentTerms} are kept, and the index commit they belong to. */
  private final Path termsDirectory;

  private final String identity;

  /** Each document's length in tokens, by document number. */
  private final long[] lengths;

  private Bm25Index(Path path, Directory directory, DirectoryReader reader, IndexSummary summary)
      throws IOException {
    this.directory = directory;
    this.reader = reader;
    termsDirectory = path.resolve(DocumentTerms.DIRECTORY);
    identity = reader.getIndexCommit().getSegmentsFileName();
    this.statistics = summary.statistics();
    paths = summary.paths();
    blobs = summary.blobs();
    for (int doc = 0; doc < paths.length; doc++) {
      documentByPath.put(paths[doc], doc);
    }
    lengths = summary.lengths();
  }

  /**
   * Initialises the Lucene classes that opening and searching an index use (see {@link
   * Bm25ContextProvider#prepare()}).
   */
  static void initializeLucene() {
    Codec.getDefault().postingsFormat();
    try (CodeAnalyzer warmAnalyzer = CodeAnalyzer.countingTerms()) {
      warmAnalyzer.tokenCounts("def f(x):\n    return x");
    }
  }

  /**
   * Opens the index in {@code path} and checks it all: every file's checksum, and that it indexes
   * {@code commit} with {@code candidates}.
   *
   * @throws IOException or a runtime exception when the index is missing, corrupt or not the one
   *     asked for
   */
  static Bm25Index open(Path path, String commit, CandidateFiles candidates) throws IOException {
    Directory directory = FSDirectory.open(path);
    DirectoryReader reader = null;
    try {
      reader = DirectoryReader.open(directory);
      for (LeafReaderContext leaf : reader.leaves()) {
        leaf.reader().checkIntegrity();
      }
      Map<String, String> commitData = reader.getIndexCommit().getUserData();
      expect(commitData, Bm25IndexBuilder.FORMAT, Bm25IndexBuilder.FORMAT_VERSION, path);
      expect(commitData, Bm25IndexBuilder.COMMIT, commit, path);
      expect(
          commitData, Bm25IndexBuilder.EXTENSIONS, String.join(",", candidates.extensions()), path);
      return new Bm25Index(path, directory, reader, IndexSummary.of(path, reader));
    } catch (IOException | RuntimeException e) {
      if (reader != null) {
        reader.close();
      }
      directory.close();
      throw e;
    }
  }

  private static void expect(Map<String, String> commitData, String key, String expected, Path path)
      throws CorruptIndexException {
    if (!expected.equals(commitData.get(key))) {
      throw new CorruptIndexException(
          key + " is " + commitData.get(key) + ", expected " + expected, path.toString());
    }
  }

  /** The blob of an indexed file, or null when {@code path} is not a candidate of this commit. */
  String blob(String path) {
    Integer doc = documentByPath.get(path);
    return doc == null ? null : blobs[doc];
  }

  /** Reads an indexed file's text back from git, as the index read it. */
  interface BlobText {
    String read(String blob) throws IOException;
  }

  /**
   * The {@code topn} best candidates for {@code query}, best first, leaving out {@code
   * excludedPaths} from the candidates and from the statistics ({@code blobText} gives back their
   * indexed text).
   *
   * <p>Like the reference, every candidate is ranked, those the query does not match with score 0,
   * so fewer than {@code topn} files come back only when there are fewer candidates. Equal scores
   * are ordered by path (the reference keeps its directory-listing order, which the file system
   * decides).
   */
  List<ScoredPath> rank(String query, Collection<String> excludedPaths, BlobText blobText, int topn)
      throws IOException {
    boolean[] excluded = new boolean[paths.length];
    CandidateStatistics candidateStatistics =
        candidateStatistics(excludedPaths, blobText, excluded);
    double[] scores = score(query, candidateStatistics);
    if (topn <= 0) {
      return List.of();
    }
    // The best topn in one pass: the order of a full sort (score, then path), at the cost of a
    // comparison with the worst kept for most documents.
    int[] best = new int[Math.min(topn, paths.length)];
    int kept = 0;
    for (int doc = 0; doc < paths.length; doc++) {
      if (excluded[doc] || (kept == best.length && !ranksBefore(doc, best[kept - 1], scores))) {
        continue;
      }
      int at = kept == best.length ? kept - 1 : kept++;
      for (; at > 0 && ranksBefore(doc, best[at - 1], scores); at--) {
        best[at] = best[at - 1];
      }
      best[at] = doc;
    }
    List<ScoredPath> ranking = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      ranking.add(new ScoredPath(paths[best[i]], scores[best[i]]));
    }
    return ranking;
  }

  /** Higher scores first; equal scores by path. */
  private boolean ranksBefore(int doc, int other, double[] scores) {
    int byScore = Double.compare(scores[other], scores[doc]);
    return byScore < 0 || (byScore == 0 && paths[doc].compareTo(paths[other]) < 0);
  }

  private CandidateStatistics candidateStatistics(
      Collection<String> excludedPaths, BlobText blobText, boolean[] excluded) throws IOException {
    long removedDocuments = 0;
    long removedLength = 0;
    Map<BytesRef, long[]> removedTerms = new HashMap<>();
    for (String path : excludedPaths) {
      Integer doc = documentByPath.get(path);
      if (doc == null || excluded[doc]) {
        continue;
      }
      excluded[doc] = true;
      removedDocuments++;
      DocumentTerms fileTerms = documentTerms(blobs[doc], blobText);
      removedLength += fileTerms.length();
      for (int i = 0; i < fileTerms.terms().length; i++) {
        long documentFrequency = fileTerms.documentFrequencies()[i];
        removedTerms
            .computeIfAbsent(fileTerms.terms()[i], term -> new long[] {documentFrequency, 0})[1]++;
      }
    }
    return statistics.without(removedDocuments, removedLength, removedTerms);
  }

  /** An indexed file's terms: kept ones, or derived from its text and kept for the next time. */
  private DocumentTerms documentTerms(String blob, BlobText blobText) throws IOException {
    DocumentTerms kept = DocumentTerms.read(termsDirectory, blob, identity);
    if (kept != null) {
      return kept;
    }
    Map<String, Integer> counts = analyzer.tokenCounts(blobText.read(blob));
    BytesRef[] terms = new BytesRef[counts.size()];
    long[] documentFrequencies = new long[counts.size()];
    long length = 0;
    TermLookup lookup = new TermLookup();
    int i = 0;
    for (Map.Entry<String, Integer> token : counts.entrySet()) {
      length += token.getValue();
      terms[i] = new BytesRef(token.getKey());
      documentFrequencies[i] = lookup.seek(terms[i]);
      i++;
    }
    DocumentTerms derived = new DocumentTerms(length, terms, documentFrequencies);
    derived.keep(termsDirectory, blob, identity);
    return derived;
  }

  /**
   * Finds terms in every segment through one enumeration per segment (a fresh one per lookup, as
   * {@code IndexReader.docFreq} and {@code TermQuery} make, costs more than the seek itself when a
   * query or a file has thousands of terms).
   */
  private final class TermLookup {
    private final List<LeafReaderContext> leaves = reader.leaves();
    private final TermsEnum[] segmentTerms = new TermsEnum[leaves.size()];

    /** Which segments hold the term of the last {@link #seek}. */
    private final boolean[] found = new boolean[leaves.size()];

    private final PostingsEnum[] postings = new PostingsEnum[leaves.size()];

    TermLookup() throws IOException {
      for (int i = 0; i < segmentTerms.length; i++) {
        Terms terms = leaves.get(i).reader().terms(Bm25Fields.BODY);
        segmentTerms[i] = terms == null ? null : terms.iterator();
      }
    }

    /** Positions every segment on {@code term}; how many documents hold it (0 when none does). */
    long seek(BytesRef term) throws IOException {
      long documentFrequency = 0;
      for (int i = 0; i < segmentTerms.length; i++) {
        found[i] = segmentTerms[i] != null && segmentTerms[i].seekExact(term);
        if (found[i]) {
          documentFrequency += segmentTerms[i].docFreq();
        }
      }
      return documentFrequency;
    }

    /**
     * Adds the term of the last {@link #seek} to every document that holds it: {@code weight} (its
     * idf times its occurrences in the query) times BM25Okapi's term frequency part, rounded to a
     * float as Lucene's scorers round a score.
     */
    void addScores(double weight, double averageLength, double[] scores) throws IOException {
      for (int i = 0; i < segmentTerms.length; i++) {
        if (!found[i]) {
          continue;
        }
        postings[i] = segmentTerms[i].postings(postings[i], PostingsEnum.FREQS);
        int docBase = leaves.get(i).docBase;
        for (int doc = postings[i].nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = postings[i].nextDoc()) {
          float frequency = postings[i].freq();
          scores[docBase + doc] +=
              (float) Bm25Okapi.termScore(weight, frequency, lengths[docBase + doc], averageLength);
        }
      }
    }
  }

  /**
   * Every document's score, in double precision across query terms, read straight from the postings
   * and the kept lengths (a searcher's weights and scorers cost more than the scoring itself in a
   * new JVM).
   */
  private double[] score(String query, CandidateStatistics candidateStatistics) throws IOException {
    double[] scores = new double[paths.length];
    TermLookup lookup = new TermLookup();
    for (Map.Entry<String, Integer> token : analyzer.tokenCounts(query).entrySet()) {
      BytesRef term = new BytesRef(token.getKey());
      long documentFrequency = lookup.seek(term);
      if (documentFrequency == 0) {
        continue; // no candidate holds it: idf 0 in the reference
      }
      // The occurrences carry the repeats: the reference adds a token's score once per
      // occurrence. They multiply the idf as a float, as a query's boost did.
      float occurrences = token.getValue();
      double weight = occurrences * candidateStatistics.idf(term, documentFrequency);
      lookup.addScores(weight, candidateStatistics.averageLength(), scores);
    }
    return scores;
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(reader, directory, analyzer);
  }
}
