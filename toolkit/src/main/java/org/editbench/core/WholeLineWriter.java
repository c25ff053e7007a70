package org.editbench.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Appends lines to a file opened for appending so that the file holds whole lines only — the
 * crash-safe writes, whole lines on a failed write and force policy that {@link JsonlAppender}
 * describes. Not thread-safe: the appender makes its callers take turns.
 */
final class WholeLineWriter {
  static final ByteBuffer NEWLINE = ByteBuffer.wrap(new byte[] {'\n'}).asReadOnlyBuffer();

  private final Path file;
  private final FileChannel out;
  private final long forceIntervalNanos;

  /**
   * The file's length up to the end of its last complete line: where a failed append is cut back
   * to.
   */
  private long wholeLines;

  private int appended;
  private UncheckedIOException failure;
  private long lastForce = System.nanoTime();
  private boolean dirty;

  /** Writes to {@code out}, opened on {@code file} in append mode and ending with a whole line. */
  WholeLineWriter(Path file, FileChannel out, Duration forceInterval) throws IOException {
    this.file = file;
    this.out = out;
    this.wholeLines = out.size();
    this.forceIntervalNanos = forceInterval.toNanos();
  }

  /**
   * Appends one line given without its line end; line and line end go in one gathering write. When
   * the write fails, the file is cut back to its last whole line, and this and every later append
   * throws the same exception without writing.
   */
  void append(byte[] line) {
    if (failure != null) {
      throw failure; // an earlier append failed: nothing more is written
    }
    ByteBuffer[] buffers = {ByteBuffer.wrap(line), NEWLINE.duplicate()};
    try {
      while (buffers[1].hasRemaining()) {
        out.write(buffers);
      }
      dirty = true;
      long now = System.nanoTime();
      if (now - lastForce >= forceIntervalNanos) {
        out.force(false);
        lastForce = now;
        dirty = false;
      }
    } catch (IOException e) {
      failure = cutBack(e);
      throw failure;
    }
    wholeLines += line.length + 1L;
    appended++;
  }

  /**
   * Cuts the file back to its last complete line after a failed append (part of the line may be
   * written: a full disk takes what fits), and says so.
   */
  private UncheckedIOException cutBack(IOException cause) {
    String kept;
    try {
      out.truncate(wholeLines);
      out.force(false);
      kept =
          "cut it back to its last complete line ("
              + appended
              + " line(s) written by this run kept)";
    } catch (IOException e) {
      cause.addSuppressed(e);
      kept =
          "could not cut it back to its last complete line ("
              + AtomicFiles.describe(e)
              + "); the next run repairs it";
    }
    return new UncheckedIOException(
        "cannot append to "
            + file
            + ": "
            + AtomicFiles.describe(cause)
            + "; "
            + kept
            + "; free space or fix the cause, then run the same command again to resume",
        cause);
  }

  /** How many lines have been appended. */
  int appended() {
    return appended;
  }

  /** Forces the lines not forced yet to disk; a failed append has forced what it kept. */
  void force() throws IOException {
    if (dirty && failure == null) {
      out.force(false);
      dirty = false;
    }
  }

  /**
   * Forces and closes the file; after a failed append only closes it, quietly, as the append's
   * error is the one reported.
   */
  void close() throws IOException {
    if (failure != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // already cut back and forced
      }
      return;
    }
    force();
    out.close();
  }
}
