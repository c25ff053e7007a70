package org.editbench.core;

import java.nio.charset.StandardCharsets;

/**
 * The text of a JSON string's body in bytes that {@link JsonFieldScanner} has already checked
 * (ASCII, escapes well formed): its escapes decoded into Latin-1 bytes while every character fits,
 * into chars from the first one that does not, so that the common string costs one copy.
 */
final class JsonStringBytes {
  private JsonStringBytes() {}

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
    int i = from;
    while (i < to) {
      byte b = buf[i];
      if (b != '\\') {
        chars[n++] = (char) b;
        i++;
      } else {
        chars[n++] = escaped(buf, i);
        i += buf[i + 1] == 'u' ? 6 : 2;
      }
    }
    return new String(chars, 0, n);
  }

  /** The character of the (checked) escape at {@code buf[i]}. */
  static char escaped(byte[] buf, int i) {
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
