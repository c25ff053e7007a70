package org.editbench.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of JSON text as written by Python's {@code json.dumps} with {@code
 * ensure_ascii=True}: always pure ASCII, so it is kept as bytes and written to a file without any
 * further encoding. Reused across lines, it spares the large transient strings that infbench lines
 * (hundreds of kilobytes each) would otherwise cost.
 */
public final class JsonText {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * Per ASCII char, what its escape puts after the backslash: 0 for a char written as is, 'u' for
   * one written as {@code \}{@code uXXXX}. One table look-up instead of a chain of tests keeps the
   * loop small, and keeps the JIT from recompiling it as each rarer kind of char turns up.
   */
  private static final byte[] ESCAPE = new byte[128];

  private static final int ESCAPE_CHUNK = 4096;

  static {
    for (int c = 0; c < ' '; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE[0x7f] = 'u';
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
    ESCAPE['\n'] = 'n';
    ESCAPE['\r'] = 'r';
    ESCAPE['\t'] = 't';
    ESCAPE['\b'] = 'b';
    ESCAPE['\f'] = 'f';
  }

  private byte[] bytes;
  private int length;

  public JsonText() {
    this(1024);
  }

  public JsonText(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  /** Empties the buffer, keeping its capacity. */
  public JsonText clear() {
    length = 0;
    return this;
  }

  public int length() {
    return length;
  }

  /** Appends text that is already JSON (ASCII only), such as punctuation or a formatted part. */
  public JsonText raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Appends bytes produced by another {@code JsonText}. */
  public JsonText raw(byte[] json) {
    ensure(json.length);
    System.arraycopy(json, 0, bytes, length, json.length);
    length += json.length;
    return this;
  }

  public JsonText raw(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Appends a number in decimal, as Python writes an int. */
  public JsonText number(long value) {
    if (value < 0) {
      return raw(Long.toString(value));
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    ensure(digits);
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
    return this;
  }

  /** Appends {@code value} as a quoted JSON string. */
  public JsonText quoted(String value) {
    return raw('"').escaped(value).raw('"');
  }

  /**
   * Appends the inside of a JSON string literal for {@code value}; see {@link #escaped(String, int,
   * int)}.
   */
  public JsonText escaped(String value) {
    return escaped(value, 0, value.length());
  }

  /**
   * Appends the inside of a JSON string literal for {@code value.substring(from, to)}: Python
   * escapes {@code "} and {@code \}, the short escapes for \n \r \t \b \f, and every other char
   * outside printable ASCII (DEL and non-ASCII included) as {@code \}{@code uXXXX} with lower-case
   * hex, UTF-16 unit by unit. Escaping is per character, so the escape of a concatenation is the
   * concatenation of escapes.
   */
  public JsonText escaped(String value, int from, int to) {
    // A chunk at a time, with room for its worst case (6 bytes a char) made first: the loop over
    // the chars then never reallocates, and the JIT compiles it into a tight loop.
    for (int chunk = from; chunk < to; chunk += ESCAPE_CHUNK) {
      int chunkEnd = Math.min(to, chunk + ESCAPE_CHUNK);
      ensure(6 * (chunkEnd - chunk));
      byte[] out = bytes;
      int at = length;
      for (int i = chunk; i < chunkEnd; i++) {
        char c = value.charAt(i);
        int escape = c < 0x80 ? ESCAPE[c] : 'u';
        if (escape == 0) {
          out[at++] = (byte) c;
          continue;
        }
        out[at++] = '\\';
        out[at++] = (byte) escape;
        if (escape == 'u') {
          out[at++] = HEX[(c >> 12) & 0xF];
          out[at++] = HEX[(c >> 8) & 0xF];
          out[at++] = HEX[(c >> 4) & 0xF];
          out[at++] = HEX[c & 0xF];
        }
      }
      length = at;
    }
    return this;
  }

  /** A copy of the content from offset {@code start} on. */
  public byte[] copyFrom(int start) {
    return Arrays.copyOfRange(bytes, start, length);
  }

  /** A copy of the content. */
  public byte[] toBytes() {
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
