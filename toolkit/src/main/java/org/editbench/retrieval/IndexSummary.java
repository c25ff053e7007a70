package org.editbench.retrieval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;

/**
 * What opening an index derives from it before the first query — each document's path, blob id and
 * length in tokens (from the stored fields) and the {@link CorpusStatistics} (one pass over the
 * vocabulary) — kept in a file beside the index, so that later runs read it in one go instead of
 * deriving it again (with 2,000 files and 100,000 terms, the two cost about ten retrievals in a new
 * JVM).
 *
 * <p>The file names the index commit it was derived from and is checked with a CRC-32 ({@link
 * CacheFiles}); one that does not match the index, is cut short or damaged is derived again and
 * rewritten (written aside and renamed, so that a reader never sees half a file). A cache folder
 * that cannot be written to only loses the saving.
 */
record IndexSummary(String[] paths, String[] blobs, long[] lengths, CorpusStatistics statistics) {
  static final String FILE_NAME = "editbench-summary.v3";
  private static final int MAGIC = 0x45425331; // "EBS1"

  /** The summary of the index {@code reader} has open in {@code directory}. */
  static IndexSummary of(Path directory, DirectoryReader reader) throws IOException {
    String identity = reader.getIndexCommit().getSegmentsFileName();
    Path file = directory.resolve(FILE_NAME);
    IndexSummary kept = read(file, identity, reader.maxDoc());
    if (kept != null) {
      return kept;
    }
    IndexSummary derived = derive(reader);
    derived.tryWrite(file, identity);
    return derived;
  }

  private static IndexSummary derive(DirectoryReader reader) throws IOException {
    int documents = reader.maxDoc();
    String[] paths = new String[documents];
    String[] blobs = new String[documents];
    long[] lengths = new long[documents];
    StoredFields storedFields = reader.storedFields();
    for (int doc = 0; doc < documents; doc++) {
      Document stored = storedFields.document(doc);
      paths[doc] = stored.get(Bm25Fields.PATH);
      blobs[doc] = stored.get(Bm25Fields.BLOB);
      IndexableField length = stored.getField(Bm25Fields.LENGTH);
      if (paths[doc] == null || blobs[doc] == null || length == null) {
        throw new CorruptIndexException(
            "document " + doc + " lacks its path, blob id or length", reader.toString());
      }
      lengths[doc] = length.numericValue().longValue();
    }
    return new IndexSummary(paths, blobs, lengths, CorpusStatistics.of(reader));
  }

  /** The kept summary, or null when there is none that belongs to this index commit. */
  private static IndexSummary read(Path file, String identity, int documents) {
    byte[] payload = CacheFiles.readChecked(file, MAGIC);
    if (payload == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (!in.readUTF().equals(identity) || in.readInt() != documents) {
        return null;
      }
      String[] paths = new String[documents];
      String[] blobs = new String[documents];
      long[] lengths = new long[documents];
      for (int doc = 0; doc < documents; doc++) {
        paths[doc] = in.readUTF();
        blobs[doc] = in.readUTF();
        lengths[doc] = in.readLong();
      }
      long documentCount = in.readLong();
      long totalLength = in.readLong();
      int buckets = in.readInt();
      Map<Long, Long> histogram = new HashMap<>();
      for (int i = 0; i < buckets; i++) {
        histogram.put(in.readLong(), in.readLong());
      }
      return new IndexSummary(
          paths, blobs, lengths, new CorpusStatistics(documentCount, totalLength, histogram));
    } catch (IOException e) {
      return null; // a payload shorter than it says: derived again
    }
  }

  private void tryWrite(Path file, String identity) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(identity);
      out.writeInt(paths.length);
      for (int doc = 0; doc < paths.length; doc++) {
        out.writeUTF(paths[doc]);
        out.writeUTF(blobs[doc]);
        out.writeLong(lengths[doc]);
      }
      out.writeLong(statistics.documentCount());
      out.writeLong(statistics.totalLength());
      Map<Long, Long> histogram = statistics.termsByDocumentFrequency();
      out.writeInt(histogram.size());
      for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
        out.writeLong(bucket.getKey());
        out.writeLong(bucket.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    CacheFiles.tryWriteChecked(file, MAGIC, bytes.toByteArray());
  }
}
