package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteSearch} finds what a loop over the bytes finds: for every start and end within arrays
 * that hold the sought bytes at every position (so across and at the edges of the eight-byte words
 * read), among bytes that differ from them by one bit, other control characters and non-ASCII
 * bytes.
 */
class ByteSearchTest {
  private static int lineFeedByLoop(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int stringStopByLoop(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      int b = buf[i] & 0xff;
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') {
        return i;
      }
    }
    return to;
  }

  /** Plain string bytes, and bytes one bit away from or next to the ones sought. */
  private static final byte[] ORDINARY = {
    'a', ' ', '!', '#', '[', ']', '~', 0x7f, 0x0b, (byte) 0x8a, (byte) 0xa2, (byte) 0xdc, 'n', '0'
  };

  private static final byte[] SOUGHT = {
    '\n', '"', '\\', 0x00, 0x1f, 0x09, (byte) 0x80, (byte) 0xc3, (byte) 0xff
  };

  @Test
  void findsWhatALoopFindsAtEveryPositionAndBound() {
    SplittableRandom random = new SplittableRandom(16);
    for (int round = 0; round < 400; round++) {
      byte[] buf = new byte[1 + random.nextInt(40)];
      for (int i = 0; i < buf.length; i++) {
        buf[i] = ORDINARY[random.nextInt(ORDINARY.length)];
      }
      // none, one, or a few of the sought bytes
      for (int n = random.nextInt(4); n > 0; n--) {
        buf[random.nextInt(buf.length)] = SOUGHT[random.nextInt(SOUGHT.length)];
      }
      for (int from = 0; from <= buf.length; from++) {
        for (int to = from; to <= buf.length; to++) {
          assertEquals(lineFeedByLoop(buf, from, to), ByteSearch.lineFeed(buf, from, to));
          assertEquals(stringStopByLoop(buf, from, to), ByteSearch.stringStop(buf, from, to));
        }
      }
    }
  }

  @Test
  void findsEachSoughtByteAloneAtEachPlaceOfAWord() {
    for (byte sought : SOUGHT) {
      for (int at = 0; at < 24; at++) {
        byte[] buf =
            "abcdefghijklmnopqrstuvwx".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        buf[at] = sought;
        assertEquals(at, ByteSearch.stringStop(buf, 0, buf.length), "byte " + sought + " at " + at);
        assertEquals(sought == '\n' ? at : -1, ByteSearch.lineFeed(buf, 0, buf.length));
      }
    }
  }

  @Test
  void theFirstMarkedByteIsTheLowestOfEveryMarkSet() {
    for (int set = 1; set < 256; set++) {
      long marks = 0;
      for (int k = 0; k < 8; k++) {
        if ((set >>> k & 1) != 0) {
          marks |= 0x80L << (8 * k);
        }
      }
      assertEquals(
          Integer.numberOfTrailingZeros(set), ByteSearch.firstMarked(marks), "marks " + set);
    }
  }
}
