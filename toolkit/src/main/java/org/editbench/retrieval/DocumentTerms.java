package org.editbench.retrieval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.util.BytesRef;

/**
 * What taking one indexed file out of the statistics needs to know about it (see {@link
 * CorpusStatistics#without}): its length in tokens, and each of its distinct terms, in order of
 * first appearance, with the number of the index's documents that hold the term.
 *
 * <p>Deriving them means analysing the file again and looking each of its hundreds of terms up in
 * every segment: most of a retrieval whose index is cached. So they are derived once per file and
 * kept beside the index, in {@code editbench-terms.v1/{blob id}}, and a later query or run that
 * sets the same file aside reads them in one go. A kept file names the index commit it was derived
 * from; one that does not match it, is cut short or damaged is derived again and rewritten ({@link
 * CacheFiles}). Order of appearance is kept because the statistics are summed in that order, and a
 * sum in another order could differ in its last bit.
 *
 * @param length the file's length in tokens
 * @param terms its distinct terms
 * @param documentFrequencies for each term, how many of the index's documents hold it
 */
record DocumentTerms(long length, BytesRef[] terms, long[] documentFrequencies) {
  static final String DIRECTORY = "editbench-terms.v1";
  private static final int MAGIC = 0x45425431; // "EBT1"

  /**
   * The terms kept in {@code directory} for {@code blob} by the index commit {@code identity}, or
   * null when none are kept or they fail their checks.
   */
  static DocumentTerms read(Path directory, String blob, String identity) {
    Path file = file(directory, blob);
    byte[] payload = file == null ? null : CacheFiles.readChecked(file, MAGIC);
    if (payload == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (!in.readUTF().equals(identity)) {
        return null;
      }
      long length = in.readLong();
      int count = in.readInt();
      BytesRef[] terms = new BytesRef[count];
      long[] documentFrequencies = new long[count];
      for (int i = 0; i < count; i++) {
        byte[] term = new byte[in.readUnsignedShort()];
        in.readFully(term);
        terms[i] = new BytesRef(term);
        documentFrequencies[i] = in.readLong();
      }
      return in.available() == 0 ? new DocumentTerms(length, terms, documentFrequencies) : null;
    } catch (IOException e) {
      return null; // a payload shorter than it says: derived again
    }
  }

  /**
   * Keeps these terms in {@code directory} for {@code blob}, derived by the index commit {@code
   * identity}, when the cache can be written to.
   */
  void keep(Path directory, String blob, String identity) {
    Path file = file(directory, blob);
    if (file == null) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(identity);
      out.writeLong(length);
      out.writeInt(terms.length);
      for (int i = 0; i < terms.length; i++) {
        // Lucene keeps no term longer than 32,766 bytes: an unsigned short holds every length.
        out.writeShort(terms[i].length);
        out.write(terms[i].bytes, terms[i].offset, terms[i].length);
        out.writeLong(documentFrequencies[i]);
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    CacheFiles.tryWriteChecked(file, MAGIC, bytes.toByteArray());
  }

  /** Where {@code blob}'s terms are kept; null for a name that is not a git object name. */
  private static Path file(Path directory, String blob) {
    return GitClone.isObjectName(blob) ? directory.resolve(blob) : null;
  }
}
