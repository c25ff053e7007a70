package org.editbench.retrieval;

import java.io.IOException;
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
 * file (path, blob id, analysed text), a single segment, and the corpus statistics and identity of
 * what was indexed in the commit data.
 */
final class Bm25IndexBuilder {
  static final String FORMAT = "editbench.bm25.format";
  /** Bump when the analysis, the fields or the statistics change: the cache key includes it. */
  static final String FORMAT_VERSION = "1";
  static final String COMMIT = "editbench.bm25.commit";
  static final String EXTENSIONS = "editbench.bm25.extensions";

  private static final FieldType BODY_TYPE = bodyType();

  private Bm25IndexBuilder() {}

  private static FieldType bodyType() {
    FieldType type = new FieldType();
    type.setTokenized(true);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    // Term vectors give back a file's terms when a history edits it, to take it out of the
    // statistics exactly (see CorpusStatistics#without).
    type.setStoreTermVectors(true);
    type.freeze();
    return type;
  }

  static void build(GitClone clone, ObjectId commit, CandidateFiles candidates, Path directory) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new CodeAnalyzer())
        .setSimilarity(Bm25OkapiSimilarity.forIndexing())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        // Flush once at the end for a typical repository rather than in many small segments.
        .setRAMBufferSizeMB(256)
        .setCommitOnClose(false);
    try (Directory luceneDirectory = FSDirectory.open(directory);
        IndexWriter writer = new IndexWriter(luceneDirectory, config)) {
      clone.forEachCandidate(commit, candidates, (path, blob) -> {
        Document document = new Document();
        document.add(new StringField(Bm25Fields.PATH, path, Field.Store.YES));
        byte[] blobId = new byte[Constants.OBJECT_ID_LENGTH];
        blob.copyRawTo(blobId, 0);
        document.add(new StoredField(Bm25Fields.BLOB, blobId));
        document.add(new Field(Bm25Fields.BODY, clone.readText(blob), BODY_TYPE));
        writer.addDocument(document);
      });
      writer.forceMerge(1);
      Map<String, String> commitData = new LinkedHashMap<>();
      commitData.put(FORMAT, FORMAT_VERSION);
      commitData.put(COMMIT, commit.name());
      commitData.put(EXTENSIONS, String.join(",", candidates.extensions()));
      // A near-real-time reader sees the merged segment before anything is committed: the single
      // commit below holds documents and statistics together.
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        commitData.putAll(CorpusStatistics.of(reader).toCommitData());
      }
      writer.setLiveCommitData(commitData.entrySet());
      writer.commit();
    }
  }
}
