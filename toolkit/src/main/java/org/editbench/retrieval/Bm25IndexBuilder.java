package org.editbench.retrieval;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes the BM25 index of one commit's candidate files into an empty directory: one document per
 * file (path, blob id, length in tokens, analysed text), and the identity of what was indexed in
 * the commit data. Files are analysed and indexed on all cores (one segment per indexing thread).
 */
final class Bm25IndexBuilder {
  static final String FORMAT = "editbench.bm25.format";

  /** Bump when the analysis or the fields change: the cache key includes it. */
  static final String FORMAT_VERSION = "3";

  static final String COMMIT = "editbench.bm25.commit";
  static final String EXTENSIONS = "editbench.bm25.extensions";

  private static final FieldType BODY_TYPE = bodyType();

  /**
   * Indexing threads: beyond a few, analysis no longer dominates, and each one adds a segment to
   * search.
   */
  private static final int MAX_THREADS = 4;

  /**
   * At most this many chars of read text wait for the indexing threads: a few MB, whatever the
   * repository (see {@link ReadAhead}).
   */
  static final int READ_AHEAD_CHARS = 4 << 20;

  private Bm25IndexBuilder() {}

  private static FieldType bodyType() {
    FieldType type = new FieldType();
    type.setTokenized(true);
    // Frequencies are all BM25 needs from the postings: no positions, no term vectors (a
    // history-edited file's terms are read back by analysing its blob again, which costs less than
    // storing them). No norms either: the exact lengths BM25Okapi needs are above a byte for most
    // files, and for such norms Lucene's flush keeps each posting's competitive impacts in sorted
    // sets, a tenth of a cold build; the length is a stored field instead (Bm25Fields.LENGTH).
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    type.setOmitNorms(true);
    type.freeze();
    return type;
  }

  static void build(GitClone clone, String commit, CandidateFiles candidates, Path directory)
      throws IOException {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // git lists the tree while Lucene's writer starts: in a new JVM each takes tens of
      // milliseconds.
      Future<List<Candidate>> listing =
          pool.submit(
              () -> {
                List<Candidate> files = new ArrayList<>();
                clone.forEachCandidate(
                    commit, candidates, (path, blob) -> files.add(new Candidate(path, blob)));
                return files;
              });
      IndexWriterConfig config =
          // The analyzer is never asked: each body comes counted already (see indexInParallel).
          new IndexWriterConfig(CodeAnalyzer.countingTerms())
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
              // One segment per indexing thread for a typical repository, not many small ones.
              .setRAMBufferSizeMB(256)
              .setCommitOnClose(false);
      try (Directory luceneDirectory = new UnforcedDirectory(FSDirectory.open(directory));
          IndexWriter writer = new IndexWriter(luceneDirectory, config)) {
        List<Candidate> files = await(listing);
        indexInParallel(
            pool,
            threads,
            writer,
            clone,
            files.stream().map(Candidate::blob).toList(),
            (file, body, length) -> document(files.get(file), body, length));
        Map<String, String> commitData = new LinkedHashMap<>();
        commitData.put(FORMAT, FORMAT_VERSION);
        commitData.put(COMMIT, commit);
        commitData.put(EXTENSIONS, String.join(",", candidates.extensions()));
        writer.setLiveCommitData(commitData.entrySet());
        writer.commit();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A file of the commit's tree that is a retrieval candidate. */
  private record Candidate(String path, String blob) {}

  private static Document document(Candidate file, TokenStream body, long length) {
    Document document = new Document();
    document.add(new StoredField(Bm25Fields.PATH, file.path()));
    document.add(new StoredField(Bm25Fields.BLOB, file.blob()));
    document.add(new StoredField(Bm25Fields.LENGTH, length));
    document.add(new Field(Bm25Fields.BODY, body, BODY_TYPE));
    return document;
  }

  private interface DocumentMaker {
    /**
     * The document of candidate {@code file}, whose text {@code body} gives as counted tokens and
     * is {@code length} tokens long.
     */
    Document make(int file, TokenStream body, long length);
  }

  /** A candidate's text, read and waiting for an indexing thread. */
  private record FileText(int file, String text) {}

  /** Ends the indexing threads' work: every file has been handed out. */
  private static final FileText NO_MORE_FILES = new FileText(-1, "");

  /**
   * Reads the blobs on this thread, one git stream for all, and analyses and indexes them on the
   * pool's {@code threads}; each of those then writes its own segment, so that the postings of all
   * segments are written in parallel too, not one after the other at the commit. A file's tokens
   * are counted before its document is made, which holds its length.
   */
  private static void indexInParallel(
      ExecutorService pool,
      int threads,
      IndexWriter writer,
      GitClone clone,
      List<String> blobs,
      DocumentMaker maker)
      throws IOException {
    ReadAhead readAhead = new ReadAhead();
    // Flushing waits until every thread has added its last document: a buffer is free between two
    // documents, and a thread that flushed another's would make it start a new one, a segment left
    // for the commit to flush alone on this thread.
    CountDownLatch allAdded = new CountDownLatch(threads);
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      workers.add(
          pool.submit(
              () -> {
                try {
                  CodeTokenizer tokenizer = CodeTokenizer.countingTerms();
                  for (FileText next = readAhead.take();
                      next != NO_MORE_FILES;
                      next = readAhead.take()) {
                    tokenizer.setReader(new StringReader(next.text()));
                    tokenizer.reset();
                    long length = tokenizer.countedLength();
                    writer.addDocument(maker.make(next.file(), new Counted(tokenizer), length));
                  }
                } finally {
                  allAdded.countDown();
                }
                allAdded.await();
                while (writer.flushNextBuffer()) {
                  // each thread takes the next unflushed buffer until none is left
                }
                return null;
              }));
    }
    clone.streamTexts(blobs, (file, text) -> readAhead.put(new FileText(file, text), workers));
    for (int i = 0; i < threads; i++) {
      readAhead.put(NO_MORE_FILES, workers);
    }
    for (Future<Void> worker : workers) {
      await(worker);
    }
  }

  /** A task's result; its failure as this thread's own. */
  private static <T> T await(Future<T> task) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("index build interrupted");
    } catch (ExecutionException e) {
      throw failure(e);
    }
  }

  /**
   * The texts read and not yet taken by an indexing thread, bounded by their size rather than their
   * number: source files differ in size a hundredfold, and a queue of a few files left the indexing
   * threads waiting behind a large file while the reader waited for room (each side waited about
   * 100 ms of a cold build on 2 cores). A file larger than the whole bound waits until the queue is
   * empty.
   */
  private static final class ReadAhead {
    private final BlockingQueue<FileText> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(READ_AHEAD_CHARS);

    /**
     * Queues a file's text once there is room, failing at once if an indexing thread has failed
     * (nothing would take it).
     */
    void put(FileText text, List<Future<Void>> workers) throws IOException {
      try {
        while (!room.tryAcquire(size(text), 50, TimeUnit.MILLISECONDS)) {
          for (Future<Void> worker : workers) {
            if (worker.isDone()) {
              await(worker);
              throw new IllegalStateException("an indexing thread ended before the files did");
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("index build interrupted");
      }
      queue.add(text);
    }

    FileText take() throws InterruptedException {
      FileText text = queue.take();
      room.release(size(text));
      return text;
    }

    private static int size(FileText text) {
      return Math.min(text.text().length(), READ_AHEAD_CHARS);
    }
  }

  /**
   * A counting tokenizer that has already read and counted its text, as the indexing chain gets it:
   * the chain's {@code reset()} must not read the text again (it was read to know the length).
   */
  private static final class Counted extends TokenFilter {
    Counted(CodeTokenizer counted) {
      super(counted);
    }

    @Override
    public boolean incrementToken() throws IOException {
      return input.incrementToken();
    }

    @Override
    public void reset() {
      // counted already, and positioned on its first token
    }
  }

  private static IOException failure(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException("indexing failed: " + cause, cause);
  }
}
