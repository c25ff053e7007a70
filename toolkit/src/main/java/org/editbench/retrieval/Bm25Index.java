package org.editbench.retrieval;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
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
 * reference's candidates.
 */
final class Bm25Index implements Closeable {
  private final Directory directory;
  private final DirectoryReader reader;
  private final CorpusStatistics statistics;
  private final String[] paths;
  private final String[] blobs;
  private final Map<String, Integer> documentByPath = new HashMap<>();
  private final CodeAnalyzer analyzer = new CodeAnalyzer();

  private Bm25Index(Directory directory, DirectoryReader reader, IndexSummary summary) {
    this.directory = directory;
    this.reader = reader;
    this.statistics = summary.statistics();
    paths = summary.paths();
    blobs = summary.blobs();
    for (int doc = 0; doc < paths.length; doc++) {
      documentByPath.put(paths[doc], doc);
    }
  }

  /**
   * Initialises the Lucene classes that opening and searching an index use (see {@link
   * Bm25ContextProvider#prepare()}).
   */
  static void initializeLucene() {
    Codec.getDefault().postingsFormat();
    try (MultiReader noDocuments = new MultiReader()) {
      new IndexSearcher(noDocuments).setQueryCache(null);
    } catch (IOException e) {
      // nothing was opened: the first real index initialises the rest
    }
    try (CodeAnalyzer warmAnalyzer = new CodeAnalyzer()) {
      warmAnalyzer.tokens("def f(x):\n    return x");
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
      return new Bm25Index(directory, reader, IndexSummary.of(path, reader));
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
    Integer[] candidates = new Integer[paths.length];
    int candidateCount = 0;
    for (int doc = 0; doc < paths.length; doc++) {
      if (!excluded[doc]) {
        candidates[candidateCount++] = doc;
      }
    }
    Arrays.sort(
        candidates,
        0,
        candidateCount,
        Comparator.<Integer>comparingDouble(doc -> scores[doc])
            .reversed()
            .thenComparing(doc -> paths[doc]));
    List<ScoredPath> ranking = new ArrayList<>();
    for (int i = 0; i < Math.min(topn, candidateCount); i++) {
      ranking.add(new ScoredPath(paths[candidates[i]], scores[candidates[i]]));
    }
    return ranking;
  }

  private CandidateStatistics candidateStatistics(
      Collection<String> excludedPaths, BlobText blobText, boolean[] excluded) throws IOException {
    long removedDocuments = 0;
    long removedLength = 0;
    Map<BytesRef, long[]> removedTerms = new HashMap<>();
    TermLookup lookup = new TermLookup();
    for (String path : excludedPaths) {
      Integer doc = documentByPath.get(path);
      if (doc == null || excluded[doc]) {
        continue;
      }
      excluded[doc] = true;
      removedDocuments++;
      Map<String, Integer> fileTerms = tokenCounts(blobText.read(blobs[doc]));
      for (Map.Entry<String, Integer> token : fileTerms.entrySet()) {
        removedLength += token.getValue();
        BytesRef term = new BytesRef(token.getKey());
        long[] frequencies = removedTerms.get(term);
        if (frequencies == null) {
          frequencies = new long[] {lookup.states(term).docFreq(), 0};
          removedTerms.put(term, frequencies);
        }
        frequencies[1]++;
      }
    }
    return statistics.without(removedDocuments, removedLength, removedTerms);
  }

  /**
   * Finds terms in every segment through one enumeration per segment (a fresh one per lookup, as
   * {@code IndexReader.docFreq} and {@code TermQuery} make, costs more than the seek itself when a
   * query or a file has thousands of terms).
   */
  private final class TermLookup {
    private final List<LeafReaderContext> leaves = reader.leaves();
    private final TermsEnum[] segmentTerms = new TermsEnum[leaves.size()];

    TermLookup() throws IOException {
      for (int i = 0; i < segmentTerms.length; i++) {
        Terms terms = leaves.get(i).reader().terms(Bm25Fields.BODY);
        segmentTerms[i] = terms == null ? null : terms.iterator();
      }
    }

    /** Where {@code term} is and how many documents hold it (0 when none does). */
    TermStates states(BytesRef term) throws IOException {
      TermStates states = new TermStates(reader.getContext());
      for (int i = 0; i < segmentTerms.length; i++) {
        if (segmentTerms[i] != null && segmentTerms[i].seekExact(term)) {
          states.register(
              segmentTerms[i].termState(),
              leaves.get(i).ord,
              segmentTerms[i].docFreq(),
              segmentTerms[i].totalTermFreq());
        }
      }
      return states;
    }
  }

  /** Every document's score, in double precision across query terms. */
  private double[] score(String query, CandidateStatistics candidateStatistics) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setSimilarity(Bm25OkapiSimilarity.forQuery(candidateStatistics));
    searcher.setQueryCache(null);
    double[] scores = new double[paths.length];
    TermLookup lookup = new TermLookup();
    for (Map.Entry<String, Integer> token : tokenCounts(query).entrySet()) {
      Term term = new Term(Bm25Fields.BODY, token.getKey());
      TermStates states = lookup.states(term.bytes());
      if (states.docFreq() == 0) {
        continue; // no candidate holds it: idf 0 in the reference
      }
      TermQuery termQuery = new TermQuery(term, states);
      // The boost carries the repeats: the reference adds a token's score once per occurrence.
      Weight weight = searcher.createWeight(termQuery, ScoreMode.COMPLETE, token.getValue());
      for (LeafReaderContext leaf : reader.leaves()) {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        DocIdSetIterator docs = scorer.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
          scores[leaf.docBase + doc] += scorer.score();
        }
      }
    }
    return scores;
  }

  /**
   * Each distinct token of {@code text} → its number of occurrences, in order of first appearance.
   */
  private Map<String, Integer> tokenCounts(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String token : analyzer.tokens(text)) {
      counts.merge(token, 1, Integer::sum);
    }
    return counts;
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(reader, directory, analyzer);
  }
}
