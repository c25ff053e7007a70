package org.editbench.retrieval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of blobs that retrieval reads (the files it retrieves, and the files a history edits,
 * whose terms leave the statistics), read from a clone once and then kept by blob id beside the
 * repository's indexes: a later run over the same instances, whose index is cached, then starts no
 * git process at all (in a new JVM, starting {@code git cat-file} costs more than a retrieval).
 * Only blobs retrieval asked for are kept, not the whole commit: a bench with a base commit per
 * pull request shares most blobs between its indexes.
 *
 * <p>Each blob is one file {@code blobs/{blob id}} holding a magic number, the blob's length, its
 * CRC-32 and git's bytes — not the decoded text, so a kept blob is decoded exactly as one read from
 * git ({@link GitClone#text}). Files are written aside and renamed, so a reader never sees half of
 * one; a file that is missing, cut short or damaged is not used: the blob is read from git again
 * and the file rewritten. A cache that cannot be written to only loses the saving.
 */
final class BlobTexts {
  static final String DIRECTORY = "blobs";
  private static final int MAGIC = 0x45424231; // "EBB1"

  private final GitClone clone;
  private final Path directory;

  /** Blobs of {@code clone}, kept in {@code directory}. */
  BlobTexts(GitClone clone, Path directory) {
    this.clone = clone;
    this.directory = directory;
  }

  /** A blob's text (see {@link GitClone#text}). */
  String text(String blob) throws IOException {
    return texts(List.of(blob)).get(0);
  }

  /**
   * Several blobs' texts, in order: the kept ones from their files, the others from git in one
   * round trip, and kept for the next time.
   */
  List<String> texts(List<String> blobs) throws IOException {
    List<byte[]> contents = new ArrayList<>(blobs.size());
    List<String> missing = new ArrayList<>();
    for (String blob : blobs) {
      byte[] kept = read(blob);
      contents.add(kept);
      if (kept == null) {
        missing.add(blob);
      }
    }
    if (!missing.isEmpty()) {
      List<byte[]> fromGit = clone.readBlobs(missing);
      for (int i = 0, next = 0; i < contents.size(); i++) {
        if (contents.get(i) == null) {
          byte[] content = fromGit.get(next++);
          contents.set(i, content);
          keep(blobs.get(i), content);
        }
      }
    }
    List<String> texts = new ArrayList<>(contents.size());
    for (byte[] content : contents) {
      texts.add(GitClone.text(content));
    }
    return texts;
  }

  /** The kept bytes of {@code blob}, or null when none are kept or they fail their checks. */
  byte[] read(String blob) {
    Path file = file(blob);
    return file == null ? null : CacheFiles.readChecked(file, MAGIC);
  }

  /** Keeps {@code content} as the bytes of {@code blob}, when the cache can be written to. */
  void keep(String blob, byte[] content) {
    Path file = file(blob);
    if (file != null) {
      CacheFiles.tryWriteChecked(file, MAGIC, content);
    }
  }

  /** Where {@code blob} is kept; null for a name that is not a git object name. */
  private Path file(String blob) {
    return GitClone.isObjectName(blob) ? directory.resolve(blob) : null;
  }
}
