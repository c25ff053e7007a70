package org.editbench.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one line loop of the JSON Lines readers: splits a file into lines at LF, reading it in chunks
 * of bytes, so that each reader decodes (or tokenizes) a line's bytes itself and can say at which
 * byte of the file a problem is. A line is held whole in memory; a line longer than the limit (by
 * default the longest array Java can make) is skipped unread and reported with its size.
 */
final class ByteLines {
  /** The longest line an array can hold: Java arrays stop a little short of 2 GB. */
  static final int MAX_LINE = Integer.MAX_VALUE - 16;

  private static final int CHUNK = 1 << 20;

  private ByteLines() {}

  /** What is done with each line. */
  interface Handler {
    /**
     * One line, {@code buf[off, off + len)} without its LF.
     *
     * @param number 1-based line number
     * @param fileOffset where the line starts in the file
     * @param terminated whether an LF ends it (only the last line of a file can lack one)
     */
    void line(int number, byte[] buf, int off, int len, long fileOffset, boolean terminated);

    /** A line of {@code length} bytes (LF not counted) over the limit, skipped unread. */
    void tooLong(int number, long length, int limit);
  }

  /**
   * Hands every line of {@code file} to {@code handler}; a missing file is a {@link
   * java.nio.file.NoSuchFileException}.
   */
  static void forEach(Path file, Handler handler) throws IOException {
    forEach(file, MAX_LINE, handler);
  }

  static void forEach(Path file, int maxLine, Handler handler) throws IOException {
    SafePaths.requireNotDirectory(file);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[Math.min(CHUNK, maxLine + 1)];
      int len = 0;
      int lineStart = 0;
      int searchFrom = 0;
      long bufOffset = 0;
      long skipped = -1; // bytes of an over-long line passed over so far, or -1
      int number = 0;
      boolean eof = false;
      while (true) {
        int newline = ByteSearch.lineFeed(buf, searchFrom, len);
        if (newline >= 0 || (eof && (lineStart < len || skipped >= 0))) {
          int end = newline >= 0 ? newline : len;
          number++;
          if (skipped >= 0) {
            handler.tooLong(number, skipped + end - lineStart, maxLine);
            skipped = -1;
          } else {
            handler.line(
                number, buf, lineStart, end - lineStart, bufOffset + lineStart, newline >= 0);
          }
          lineStart = end + 1;
          searchFrom = lineStart;
          continue;
        }
        if (eof) {
          return;
        }
        // Keep the partial line, make room, read on.
        System.arraycopy(buf, lineStart, buf, 0, len - lineStart);
        bufOffset += lineStart;
        len -= lineStart;
        lineStart = 0;
        if (skipped >= 0 || len > maxLine) {
          skipped = Math.max(skipped, 0) + len; // too long to hold: count its bytes, keep none
          bufOffset += len;
          len = 0;
        }
        searchFrom = len;
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, maxLine + 1L));
        }
        int read = in.read(buf, len, buf.length - len);
        if (read < 0) {
          eof = true;
        } else {
          len += read;
        }
      }
    }
  }

  /**
   * {@code file:line: line N is X MB, over the limit of Y MB}: what a reader says of a line it
   * skipped.
   */
  static String tooLongProblem(int number, long length, int limit) {
    return String.format(
        java.util.Locale.ROOT,
        "line %d is %.1f MB, over the limit of %d MB",
        number,
        length / 1048576.0,
        Math.max(1, limit / 1048576));
  }
}
