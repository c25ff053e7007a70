package org.editbench.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;

/**
 * The one writer's hold on an output file: an OS file lock on a hidden sidecar {@code .{name}.lock}
 * beside it, kept until {@link #release()}. The sidecar (not the data file) is locked because
 * compaction replaces the data file, and a lock on a replaced file guards nothing.
 */
public final class OutputLock {
  private final FileChannel channel;

  private OutputLock(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Locks {@code file}'s sidecar, creating it in {@code file}'s folder, which must exist.
   *
   * @throws OutputLockedException another writer holds it: another process, or another run in this
   *     JVM
   */
  static OutputLock acquire(Path file) throws IOException {
    Path lockFile = lockFileOf(file);
    OutputLock lock =
        new OutputLock(
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    boolean held = false;
    try {
      held = lock.channel.tryLock() != null;
    } catch (OverlappingFileLockException sameJvm) {
      // held by another run in this JVM: refused as another process would be
    } finally {
      if (!held) {
        lock.release();
      }
    }
    if (!held) {
      throw new OutputLockedException(file, lockFile);
    }
    return lock;
  }

  /**
   * Runs {@code action} while holding {@code file}'s lock, for writers that replace a file whole
   * (merges): replacing a file that a run is appending to would leave that run writing into the
   * replaced one, so everything it writes after that would be lost.
   *
   * @throws OutputLockedException another writer holds it
   */
  public static void whileHeld(Path file, Runnable action) {
    OutputLock lock;
    try {
      AtomicFiles.createFolder(file.toAbsolutePath().getParent());
      lock = acquire(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + AtomicFiles.describe(e), e);
    }
    try {
      action.run();
    } finally {
      lock.release();
    }
  }

  /**
   * Whether a writer holds {@code file} now (another process, or another run in this JVM): a reader
   * would see it half written. A file without a lock sidecar has no writer.
   */
  public static boolean isBeingWritten(Path file) {
    if (!Files.exists(lockFileOf(file))) {
      return false;
    }
    try {
      acquire(file).release();
      return false;
    } catch (OutputLockedException held) {
      return true;
    } catch (IOException e) {
      return false; // cannot tell (a read-only folder): readers go on as before
    }
  }

  /**
   * Refuses to read {@code inputs} while a writer holds any of them; {@code consequence} says what
   * reading them now would do.
   *
   * @throws IllegalStateException naming the files held: not bad input, as the same command
   *     succeeds once the writer has finished (the exit of a locked output, 1)
   */
  public static void requireFinished(Collection<Path> inputs, String consequence) {
    List<Path> held = inputs.stream().filter(OutputLock::isBeingWritten).toList();
    if (!held.isEmpty()) {
      throw new IllegalStateException(
          held.get(0)
              + (held.size() == 1 ? " is" : " and " + (held.size() - 1) + " more input(s) are")
              + " being written by another command (prompt-builder, run-api or a merge): "
              + consequence
              + "; run again once it has finished");
    }
  }

  /** The sidecar of {@code file}, beside the file a link points to: one lock per real file. */
  private static Path lockFileOf(Path linkOrFile) {
    Path file = SafePaths.throughLink(linkOrFile);
    return file.toAbsolutePath().getParent().resolve("." + file.getFileName() + ".lock");
  }

  /** Lets the next writer in; never fails, as it runs when something else may have failed. */
  void release() {
    try {
      channel.close(); // closing the channel releases the lock
    } catch (IOException ignored) {
      // already failing, or done: the first error is the one to report
    }
  }
}
