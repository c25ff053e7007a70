package org.editbench.core;

import java.nio.charset.StandardCharsets;

/**
 * The body of a JSON string in ASCII bytes, for {@link JsonFieldScanner}: found and checked
 * (escapes well formed), then decoded — into Latin-1 bytes while every character fits and into
 * chars from the first one that does not, so that the common string costs one copy, or into a char
 * array the caller holds.
 */
final class JsonStringBytes {
  private JsonStringBytes() {}

  /**
   * The position of the quote that closes the string whose body starts at {@code buf[from]}, its
   * escapes checked; -1 when the body holds a control character, a non-ASCII byte or a malformed
   * escape, or is not closed before {@code end}.
   */
  static int stringEnd(byte[] buf, int from, int end) {
    for (int i = ByteSearch.stringStop(buf, from, end);
        i < end;
        i = ByteSearch.stringStop(buf, i, end)) {
      if (buf[i] == '"') {
        return i;
      }
      int escape = escapeLength(buf, i, end);
      if (escape < 0) {
        return -1;
      }
      i += escape;
    }
    return -1;
  }

  /**
   * The length of the well-formed escape at {@code buf[i]} (2, or 6 for an escape of u and four hex
   * digits); -1 when there is none (a control character or a non-ASCII byte) or it is malformed.
   */
  private static int escapeLength(byte[] buf, int i, int end) {
    if (buf[i] != '\\') {
      return -1;
    }
    byte e = i + 1 < end ? buf[i + 1] : 0;
    if (e == 'u') {
      if (i + 6 > end) {
        return -1;
      }
      for (int k = 2; k < 6; k++) {
        if (hex(buf[i + k]) < 0) {
          return -1;
        }
      }
      return 6;
    }
    boolean simple =
        e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
            || e == 't';
    return simple ? 2 : -1;
  }

  /**
   * {@link #stringEnd} and the decoding of the body into {@code out} (at least {@code end - from}
   * long) in one pass, for a string read whole: the closing quote's position in the high 32 bits
   * and the number of characters in the low 32, or -1 where {@link #stringEnd} has none (then
   * {@code out} holds a part of the body).
   */
  static long decodeBody(byte[] buf, int from, int end, char[] out) {
    int n = 0;
    for (int i = from; ; ) {
      int stop = ByteSearch.stringStop(buf, i, end);
      for (int k = i; k < stop; k++) {
        out[n++] = (char) buf[k];
      }
      if (stop == end) {
        return -1;
      }
      if (buf[stop] == '"') {
        return (long) stop << 32 | n;
      }
      int escape = escapeLength(buf, stop, end);
      if (escape < 0) {
        return -1;
      }
      out[n++] = escaped(buf, stop);
      i = stop + escape;
    }
  }

  /**
   * Decodes the checked string body {@code buf[from, to)} into {@code out} from {@code out[n]} on;
   * returns the end.
   */
  private static int decodeChars(byte[] buf, int from, int to, char[] out, int n) {
    for (int i = from; i < to; ) {
      byte b = buf[i];
      if (b != '\\') {
        out[n++] = (char) b;
        i++;
      } else {
        out[n++] = escaped(buf, i);
        i += buf[i + 1] == 'u' ? 6 : 2;
      }
    }
    return n;
  }

  static boolean hasEscape(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\\') {
        return true;
      }
    }
    return false;
  }

  /** The text of a checked string body {@code buf[from, to)}. */
  static String decode(byte[] buf, int from, int to) {
    int escape = from;
    while (escape < to && buf[escape] != '\\') {
      escape++;
    }
    if (escape == to) {
      return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
    // Latin-1 bytes while every character fits, else chars.
    byte[] latin = new byte[to - from];
    int n = escape - from;
    System.arraycopy(buf, from, latin, 0, n);
    int i = escape;
    while (i < to) {
      byte b = buf[i];
      if (b != '\\') {
        int run = i;
        while (run < to && buf[run] != '\\') {
          run++;
        }
        System.arraycopy(buf, i, latin, n, run - i);
        n += run - i;
        i = run;
        continue;
      }
      char c = escaped(buf, i);
      if (c > 0xff) {
        return decodeWide(buf, latin, n, i, to);
      }
      latin[n++] = (byte) c;
      i += buf[i + 1] == 'u' ? 6 : 2;
    }
    return new String(latin, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** The rest of a string from {@code buf[from]} on, after {@code n} Latin-1 characters. */
  private static String decodeWide(byte[] buf, byte[] latin, int n, int from, int to) {
    char[] chars = new char[n + (to - from)];
    for (int k = 0; k < n; k++) {
      chars[k] = (char) (latin[k] & 0xff);
    }
    return new String(chars, 0, decodeChars(buf, from, to, chars, n));
  }

  /** The character of the (checked) escape at {@code buf[i]}. */
  private static char escaped(byte[] buf, int i) {
    return switch (buf[i + 1]) {
      case 'u' ->
          (char)
              (hex(buf[i + 2]) << 12
                  | hex(buf[i + 3]) << 8
                  | hex(buf[i + 4]) << 4
                  | hex(buf[i + 5]));
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> (char) buf[i + 1]; // " \ /
    };
  }

  /** The value of a hexadecimal digit, or -1. */
  static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
