package org.editbench.retrieval;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Writes the BM25 index of one commit's candidate files into an empty directory: one document per
 * file (path, blob id, analysed text), and the corpus statistics and identity of what was indexed in
 * the commit data. Files are read and analysed on all cores (one segment per indexing thread).
 */
final class Bm25IndexBuilder {
  static final String FORMAT = "editbench.bm25.format";
  /** Bump when the analysis, the fields or the statistics change: the cache key includes it. */
  static final String FORMAT_VERSION = "1";
  static final String COMMIT = "editbench.bm25.commit";
  static final String EXTENSIONS = "editbench.bm25.extensions";

  private static final FieldType BODY_TYPE = bodyType();
  /** Beyond a few threads, reading blobs and analysis no longer dominate; merging segments would. */
  private static final int MAX_THREADS = 4;

  private Bm25IndexBuilder() {}

  private static FieldType bodyType() {
    FieldType type = new FieldType();
    type.setTokenized(true);
    // Frequencies and norms are all BM25 needs: no positions, no term vectors (a history-edited
    // file's terms are read back by analysing its blob again, which costs less than storing them).
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    type.freeze();
    return type;
  }

  static void build(GitClone clone, ObjectId commit, CandidateFiles candidates, Path directory) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new CodeAnalyzer())
        .setSimilarity(Bm25OkapiSimilarity.forIndexing())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        // Flush once per thread at the end for a typical repository, not in many small segments.
        .setRAMBufferSizeMB(256)
        .setCommitOnClose(false);
    List<String> paths = new ArrayList<>();
    List<ObjectId> blobs = new ArrayList<>();
    clone.forEachCandidate(commit, candidates, (path, blob) -> {
      paths.add(path);
      blobs.add(blob.copy());
    });
    try (Directory luceneDirectory = FSDirectory.open(directory);
        IndexWriter writer = new IndexWriter(luceneDirectory, config)) {
      addInParallel(paths.size(), file -> writer.addDocument(document(paths.get(file), blobs.get(file), clone)));
      Map<String, String> commitData = new LinkedHashMap<>();
      commitData.put(FORMAT, FORMAT_VERSION);
      commitData.put(COMMIT, commit.name());
      commitData.put(EXTENSIONS, String.join(",", candidates.extensions()));
      // A near-real-time reader sees the documents before anything is committed: the single commit
      // below holds documents and statistics together.
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        commitData.putAll(CorpusStatistics.of(reader).toCommitData());
      }
      writer.setLiveCommitData(commitData.entrySet());
      writer.commit();
    }
  }

  private static Document document(String path, ObjectId blob, GitClone clone) throws IOException {
    Document document = new Document();
    document.add(new StringField(Bm25Fields.PATH, path, Field.Store.YES));
    byte[] blobId = new byte[Constants.OBJECT_ID_LENGTH];
    blob.copyRawTo(blobId, 0);
    document.add(new StoredField(Bm25Fields.BLOB, blobId));
    document.add(new Field(Bm25Fields.BODY, clone.readText(blob), BODY_TYPE));
    return document;
  }

  private interface FileTask {
    void run(int file) throws IOException;
  }

  /** Runs {@code task} for files 0 … count−1 on up to {@link #MAX_THREADS} threads. */
  private static void addInParallel(int count, FileTask task) throws IOException {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS));
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(pool.submit(() -> {
          for (int file = next.getAndIncrement(); file < count; file = next.getAndIncrement()) {
            task.run(file);
          }
          return null;
        }));
      }
      for (Future<Void> worker : workers) {
        worker.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("index build interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("indexing failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
