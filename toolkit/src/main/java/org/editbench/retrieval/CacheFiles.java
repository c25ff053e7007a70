package org.editbench.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing the files a cache keeps beside its indexes, which only ever save work. Not {@link
 * org.editbench.core.AtomicFiles}, the way results are written: these files are checked when read
 * and made again when they fail, so they are not forced to disk (a cold run writes one per file it
 * retrieves) and a cache that cannot be written to is no error.
 */
final class CacheFiles {
  private CacheFiles() {}

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
