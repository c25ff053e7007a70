package org.editbench.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Strict UTF-8 for everything editbench reads as text: bytes that are not UTF-8 are an error
 * located at their byte, never replaced by U+FFFD (a replaced byte would flow silently into
 * prompts, patches and scores).
 */
public final class StrictUtf8 {
  private static final ThreadLocal<CharsetDecoder> DECODER =
      ThreadLocal.withInitial(
          () ->
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));
  private static final int CHARS = 8192;

  private StrictUtf8() {}

  /** Bytes that are not UTF-8, at {@link #offset()} from the start of the decoded range. */
  public static final class InvalidUtf8Exception extends Exception {
    private final int offset;

    InvalidUtf8Exception(int offset) {
      super("invalid UTF-8 at byte " + offset, null, false, false);
      this.offset = offset;
    }

    public int offset() {
      return offset;
    }
  }

  /** The text of {@code bytes[off, off + len)}, which must be UTF-8. */
  public static String decode(byte[] bytes, int off, int len) throws InvalidUtf8Exception {
    // Decoding to a String directly is several times faster than a strict decoder, but replaces
    // malformed input with U+FFFD instead of reporting it: only a text with a U+FFFD in it, real
    // or a replacement, is checked strictly.
    String text = new String(bytes, off, len, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      int invalid = firstInvalid(bytes, off, len);
      if (invalid >= 0) {
        throw new InvalidUtf8Exception(invalid - off);
      }
    }
    return text;
  }

  /**
   * A whole text file, which must be UTF-8.
   *
   * @param what how messages name the file, e.g. "notebook" ("notebook not found")
   * @throws DataFormatException the file is missing, a folder, or not UTF-8 ({@code file:line:
   *     invalid UTF-8 at byte N})
   * @throws UncheckedIOException it cannot be read, with the reason
   */
  public static String readFile(Path file, String what) {
    SafePaths.requireNotDirectory(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, what + " not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
    }
    try {
      return decode(bytes);
    } catch (InvalidUtf8Exception e) {
      throw error(file, lineOf(bytes, e.offset()), e.offset());
    }
  }

  /** {@link #decode(byte[], int, int)} of a whole array. */
  public static String decode(byte[] bytes) throws InvalidUtf8Exception {
    return decode(bytes, 0, bytes.length);
  }

  /** The index of the first byte of {@code bytes[off, off + len)} that is not UTF-8, or -1. */
  public static int firstInvalid(byte[] bytes, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end && bytes[i] >= 0) {
      i++; // ASCII, the bulk of JSON Lines, needs no decoder
    }
    if (i == end) {
      return -1;
    }
    CharsetDecoder decoder = DECODER.get().reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, i, end - i);
    CharBuffer out = CharBuffer.allocate(Math.min(CHARS, end - i));
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return decoder.flush(out).isError() ? in.position() : -1;
      }
      out.clear(); // overflow: the text itself is not needed
    }
  }

  /** {@code file:line: invalid UTF-8 at byte N}, N counted from the start of the file. */
  public static DataFormatException error(Path file, int line, long fileOffset) {
    return new DataFormatException(file, line, problem(fileOffset));
  }

  /** {@code invalid UTF-8 at byte N}. */
  static String problem(long fileOffset) {
    return "invalid UTF-8 at byte " + fileOffset;
  }

  /** The 1-based line of the byte at {@code offset}. */
  public static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
