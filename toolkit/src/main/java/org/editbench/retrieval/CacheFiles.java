package org.editbench.retrieval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Writing the files a cache keeps beside its indexes, which only ever save work. Not {@link
 * org.editbench.core.AtomicFiles}, the way results are written: these files are checked when read
 * and made again when they fail, so they are not forced to disk (a cold run writes one per file it
 * retrieves) and a cache that cannot be written to is no error.
 */
final class CacheFiles {
  /** A checked file's header: its kind's magic number, the payload's length and its CRC-32. */
  private static final int HEADER = 3 * Integer.BYTES;

  private CacheFiles() {}

  /**
   * The payload of a file {@link #tryWriteChecked} wrote with {@code magic}, or null when there is
   * none, it cannot be read, or it is of another kind, cut short, too long or damaged: the caller
   * then does the work again.
   */
  static byte[] readChecked(Path file, int magic) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return null; // missing or unreadable: the work it saved can be done again
    }
    if (bytes.length < HEADER) {
      return null;
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER);
    if (header.getInt() != magic || header.getInt() != bytes.length - HEADER) {
      return null;
    }
    int expectedCrc = header.getInt();
    CRC32 crc = new CRC32();
    crc.update(bytes, HEADER, bytes.length - HEADER);
    return (int) crc.getValue() == expectedCrc
        ? Arrays.copyOfRange(bytes, HEADER, bytes.length)
        : null;
  }

  /**
   * Writes {@code payload} behind a header that {@link #readChecked} checks (see {@link
   * #tryReplace}: nothing when the cache cannot be written to).
   */
  static void tryWriteChecked(Path file, int magic, byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    ByteBuffer bytes = ByteBuffer.allocate(HEADER + payload.length);
    bytes.putInt(magic).putInt(payload.length).putInt((int) crc.getValue()).put(payload);
    tryReplace(file, bytes.array());
  }

  /**
   * Replaces {@code file} with {@code bytes} in one rename, so that a reader never sees half of it,
   * or leaves everything as it was when the cache cannot be written to (read-only, full): the next
   * run then does the work the file would have saved.
   */
  static void tryReplace(Path file, byte[] bytes) {
    // Unique to this thread of this process (a random name would initialise SecureRandom).
    Path aside =
        file.resolveSibling(
            file.getFileName()
                + "."
                + ProcessHandle.current().pid()
                + "-"
                + Thread.currentThread().getId()
                + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.write(aside, bytes);
      Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(aside);
      } catch (IOException ignored) {
        // nothing left to do
      }
    }
  }
}
