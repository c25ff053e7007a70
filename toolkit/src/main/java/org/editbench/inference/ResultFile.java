package org.editbench.inference;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import org.editbench.Reporter;
import org.editbench.bench.JsonText;

/**
 * The one appender of a prediction file: crash-safe, resume-aware, exclusive.
 *
 * <ul>
 *   <li><b>Exclusive.</b> Holds an OS file lock on a hidden sidecar {@code .{name}.lock} for as
 *       long as it is open; a second writer — another process, or another run in this JVM — fails
 *       at once with {@link OutputLockedException}. The sidecar (not the data file) is locked
 *       because compaction replaces the data file, and a lock on a replaced file guards nothing.
 *   <li><b>Resume.</b> On open it reads the file ({@link ResultFileScan}): instances with a success
 *       or a final failure are {@link #finished()}; retryable failures are removed by an atomic
 *       compaction (copy to a temp file, fsync, atomic rename, fsync the folder) so that each
 *       instance ends with exactly one record; a last line cut short by a crash is cut off with a
 *       warning; a broken line anywhere else stops the run before anything is sent.
 *   <li><b>Crash-safe writes.</b> Each record is one {@code write} of the whole line, line end
 *       included, in append mode: a killed process leaves whole lines, or at worst one torn last
 *       line that the next open repairs.
 *   <li><b>Force policy.</b> The OS has each written line as soon as {@code write} returns, which
 *       is all a process crash needs. Only a power loss or kernel crash can lose lines the OS has
 *       not flushed, so the file is forced to disk at most once per {@code forceInterval} (and on
 *       close) rather than per record: an fsync per record would queue 64 workers behind the disk,
 *       while losing at most that interval of answers only means asking for them again.
 * </ul>
 */
public final class ResultFile implements Closeable {
  public static final Duration DEFAULT_FORCE_INTERVAL = Duration.ofSeconds(1);

  private final Path file;
  private final FileChannel lockChannel;
  private final FileChannel out;
  private final Set<String> finished;
  private final int retryRecordsRemoved;
  private final long forceIntervalNanos;
  private long lastForce = System.nanoTime();
  private boolean dirty;

  private ResultFile(Path file, FileChannel lockChannel, FileChannel out, ResultFileScan scan, Duration forceInterval) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.out = out;
    this.finished = Set.copyOf(scan.finished());
    this.retryRecordsRemoved = scan.retryLines().size();
    this.forceIntervalNanos = forceInterval.toNanos();
  }

  /**
   * Locks, reads, repairs and opens {@code file} for appending, creating it and its folders when
   * missing.
   *
   * @throws OutputLockedException another writer holds the file
   * @throws org.editbench.bench.DataFormatException a line other than a torn last one is not a record
   */
  public static ResultFile open(Path file, Duration forceInterval, Reporter reporter) {
    Path dir = file.toAbsolutePath().getParent();
    Path lockFile = dir.resolve("." + file.getFileName() + ".lock");
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dir);
      lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        lock = null;
      }
      if (lock == null) {
        throw new OutputLockedException(file, lockFile);
      }
      boolean existed = Files.exists(file);
      ResultFileScan scan = ResultFileScan.of(file);
      repair(file, scan, reporter);
      FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      if (!existed) {
        forceDirectory(dir); // the new file's name must survive a power loss as well as its lines
      }
      return new ResultFile(file, lockChannel, out, scan, forceInterval);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new UncheckedIOException("cannot open " + file + " for writing: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  public Path path() {
    return file;
  }

  /** Instances that have a success or a final failure in the file: this run skips them. */
  public Set<String> finished() {
    return finished;
  }

  /** How many retryable failure records the compaction at open removed. */
  public int retryRecordsRemoved() {
    return retryRecordsRemoved;
  }

  /** Appends one record as one line in one write. Thread-safe. */
  public void append(ResultRecord record) {
    ByteBuffer line = ByteBuffer.wrap(record.writeJson(new JsonText(4096)).raw('\n').toBytes());
    synchronized (this) {
      try {
        while (line.hasRemaining()) {
          out.write(line);
        }
        dirty = true;
        long now = System.nanoTime();
        if (now - lastForce >= forceIntervalNanos) {
          out.force(false);
          lastForce = now;
          dirty = false;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Forces what was written to disk and releases the lock. */
  @Override
  public synchronized void close() {
    try {
      if (dirty) {
        out.force(false);
      }
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(lockChannel); // closing the channel releases the lock
    }
  }

  private static void repair(Path file, ResultFileScan scan, Reporter reporter) throws IOException {
    long end = scan.tornTailStart() >= 0 ? scan.tornTailStart() : scan.size();
    if (scan.tornTailStart() >= 0) {
      reporter.warn(file + ": the last line was cut short by an interrupted write (" + (scan.size() - end)
          + " bytes); removed it, its instance will be asked again");
    }
    if (!scan.retryLines().isEmpty()) {
      compact(file, scan, end);
      reporter.info(file + ": removed " + scan.retryLines().size() + " retryable failure record(s); "
          + scan.retryIds().size() + " instance(s) will be asked again");
    } else if (end < scan.size()) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(end);
        ch.force(false);
      }
    }
    terminateLastLine(file);
  }

  /** Rewrites the file without its retryable failures and torn tail, atomically. */
  private static void compact(Path file, ResultFileScan scan, long end) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".compacting");
    try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel dst = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long pos = 0;
      for (ResultFileScan.ByteRange drop : scan.retryLines()) {
        copy(src, pos, drop.start(), dst);
        pos = drop.end();
      }
      copy(src, pos, end, dst);
      dst.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(file.toAbsolutePath().getParent());
  }

  private static void copy(FileChannel src, long from, long to, FileChannel dst) throws IOException {
    for (long pos = from; pos < to; ) {
      pos += src.transferTo(pos, to - pos, dst);
    }
  }

  /** A complete last record that lost only its line end gets it back, so appends start a new line. */
  private static void terminateLastLine(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0) {
        return;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, size - 1);
      if (last.get(0) != '\n') {
        ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
        ch.force(false);
      }
    }
  }

  /** Makes a rename or a new file's name durable; some platforms cannot open folders, and need not. */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a folder as a channel; its renames are durable without it.
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
