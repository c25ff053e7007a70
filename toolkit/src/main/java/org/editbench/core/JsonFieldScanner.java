package org.editbench.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a few top-level fields of a JSON object line straight from its bytes: the fields asked for
 * become the nodes {@link JsonTrees#tree} would make of them, every other value is checked and
 * passed over without being decoded or kept. Prediction and infbench lines are mostly a prompt of
 * some 100 kB that scoring needs once or not at all; decoding each line to a String and parsing it
 * into a whole tree was over a third of a first score's time.
 *
 * <p>Only the common case is read here: pure ASCII lines (what editbench and Python's {@code
 * json.dumps} write), a top-level object whose asked-for fields are strings, numbers, booleans or
 * null. For any other line (non-ASCII bytes, a value or a form this scanner does not take, or
 * anything that is not valid JSON) {@link #scan} returns null, and the caller reads the line as
 * before (decoded and parsed into a tree), which also says what is wrong with it. Where it answers,
 * the answer equals the tree's fields ({@code JsonFieldScannerTest} compares the two on real and
 * mangled lines). Fields read as text ({@link TextField}) are decoded into a buffer of the
 * scanner's and handed to their reader instead, so one instance serves one thread.
 */
final class JsonFieldScanner {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Deeper values are left to the tree reader, whose limit (1,000 levels) is far above this. */
  private static final int MAX_DEPTH = 256;

  /** Longer numbers are left to the tree reader (Jackson's number limits and big integers). */
  private static final int MAX_NUMBER = 64;

  /** Thrown, without a stack trace, where the scanner stops and leaves the line to the tree. */
  private static final RuntimeException NOT_HERE =
      new RuntimeException("not read by the scanner", null, false, false) {};

  private final String[] names;
  private final byte[][] nameBytes;
  private final TextField[] textFields;

  /** The text of the last string read for a {@link TextField}; grown to the longest one. */
  private char[] text = new char[0];

  JsonFieldScanner(List<String> names) {
    this(names, Map.of());
  }

  /**
   * {@code textFields}: the names among {@code names} whose string values go to a reader, which
   * makes the node kept in their place ({@link JsonNodeFactory#pojoNode}).
   */
  JsonFieldScanner(List<String> names, Map<String, TextField> textFields) {
    this.names = names.toArray(String[]::new);
    nameBytes = new byte[this.names.length][];
    this.textFields = new TextField[this.names.length];
    for (int i = 0; i < this.names.length; i++) {
      nameBytes[i] = this.names[i].getBytes(StandardCharsets.UTF_8);
      this.textFields[i] = textFields.get(this.names[i]);
    }
  }

  /**
   * The asked-for fields of the object in {@code buf[off, off + len)} (absent ones left out), or
   * null when the line is to be read by the tree reader.
   */
  ObjectNode scan(byte[] buf, int off, int len) {
    try {
      return new Cursor(buf, off, off + len).object();
    } catch (RuntimeException e) {
      if (e != NOT_HERE) {
        throw e;
      }
      return null;
    }
  }

  private final class Cursor {
    private final byte[] buf;
    private final int end;
    private int at;

    Cursor(byte[] buf, int from, int end) {
      this.buf = buf;
      this.at = from;
      this.end = end;
    }

    ObjectNode object() {
      skipWhitespace();
      expect('{');
      ObjectNode fields = NODES.objectNode();
      skipWhitespace();
      if (peek() == '}') {
        at++;
      } else {
        while (true) {
          skipWhitespace();
          int wanted = key();
          skipWhitespace();
          expect(':');
          skipWhitespace();
          if (wanted >= 0) {
            TextField reader = textFields[wanted];
            fields.replace(
                names[wanted], reader != null && peek() == '"' ? textNode(reader) : scalar());
          } else {
            skipValue();
          }
          skipWhitespace();
          byte b = next();
          if (b == '}') {
            break;
          }
          if (b != ',') {
            throw NOT_HERE;
          }
        }
      }
      // Only whitespace may follow the object; anything else is for the tree reader to report.
      skipWhitespace();
      if (at < end) {
        throw NOT_HERE;
      }
      return fields;
    }

    /** Reads a key; the index of the asked-for name it is, or -1. */
    private int key() {
      expect('"');
      int start = at;
      int close = skipStringBody();
      if (!JsonStringBytes.hasEscape(buf, start, close)) {
        for (int i = 0; i < names.length; i++) {
          if (Arrays.equals(nameBytes[i], 0, nameBytes[i].length, buf, start, close)) {
            return i;
          }
        }
        return -1;
      }
      String key = JsonStringBytes.decode(buf, start, close);
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    private JsonNode scalar() {
      byte b = peek();
      if (b == '"') {
        at++;
        int start = at;
        int close = skipStringBody();
        return NODES.textNode(JsonStringBytes.decode(buf, start, close));
      }
      if (b == '-' || (b >= '0' && b <= '9')) {
        return number();
      }
      if (literal("true")) {
        return NODES.booleanNode(true);
      }
      if (literal("false")) {
        return NODES.booleanNode(false);
      }
      if (literal("null")) {
        return NODES.nullNode();
      }
      throw NOT_HERE; // arrays and objects are left to the tree
    }

    /** A string value read by {@code reader}: its characters decoded into {@link #text}. */
    private JsonNode textNode(TextField reader) {
      at++;
      if (text.length < end - at) {
        text = new char[end - at];
      }
      long decoded = JsonStringBytes.decodeBody(buf, at, end, text);
      if (decoded < 0) {
        throw NOT_HERE; // a control character, a non-ASCII byte, a bad escape, or not closed
      }
      at = (int) (decoded >>> 32) + 1;
      return NODES.pojoNode(reader.read(text, (int) decoded));
    }

    /** Passes over any value, checking it. */
    private void skipValue() {
      int depth = 0;
      while (true) {
        byte b = peek();
        if (b == '{' || b == '[') {
          if (++depth > MAX_DEPTH) {
            throw NOT_HERE;
          }
          setInObject(depth, b == '{');
          at++;
          skipWhitespace();
          if (peek() == (b == '{' ? '}' : ']')) {
            at++;
            depth--;
          } else {
            if (b == '{') {
              skipKey();
            }
            continue; // to the container's first value
          }
        } else if (b == '"') {
          at++;
          skipStringBody();
        } else if (b == '-' || (b >= '0' && b <= '9')) {
          numberEnd();
        } else if (!literal("true") && !literal("false") && !literal("null")) {
          throw NOT_HERE;
        }
        // after a value: its container's separator, or the container's end
        while (depth > 0) {
          skipWhitespace();
          byte separator = next();
          if (separator == ',') {
            skipWhitespace();
            if (isInObject(depth)) {
              skipKey();
            }
            break;
          }
          if (separator != (isInObject(depth) ? '}' : ']')) {
            throw NOT_HERE;
          }
          depth--;
        }
        if (depth == 0) {
          return;
        }
      }
    }

    // Which of the open containers are objects: one bit per level.
    private final long[] objects = new long[(MAX_DEPTH + 64) / 64];

    private boolean isInObject(int depth) {
      return (objects[depth >>> 6] >>> (depth & 63) & 1) != 0;
    }

    private void setInObject(int depth, boolean object) {
      long bit = 1L << (depth & 63);
      objects[depth >>> 6] = object ? objects[depth >>> 6] | bit : objects[depth >>> 6] & ~bit;
    }

    /** A key and its colon, inside a skipped object. */
    private void skipKey() {
      expect('"');
      skipStringBody();
      skipWhitespace();
      expect(':');
      skipWhitespace();
    }

    /**
     * Passes over a string's characters after its opening quote, checking its escapes; returns the
     * position of the closing quote and leaves the cursor after it.
     */
    private int skipStringBody() {
      int close = JsonStringBytes.stringEnd(buf, at, end);
      if (close < 0) {
        throw NOT_HERE; // a control character, a non-ASCII byte, a bad escape, or not closed
      }
      at = close + 1;
      return close;
    }

    private JsonNode number() {
      int start = at;
      boolean integral = numberEnd();
      String text = new String(buf, start, at - start, StandardCharsets.ISO_8859_1);
      if (!integral) {
        return NODES.numberNode(Double.parseDouble(text));
      }
      int digits = at - start - (buf[start] == '-' ? 1 : 0);
      if (digits > 18) {
        throw NOT_HERE; // long or big integer: as the tree decides
      }
      long value = Long.parseLong(text);
      return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /**
     * Passes over a number in JSON's grammar that a separator, a container's end or white space
     * follows; whether it is an integer.
     */
    private boolean numberEnd() {
      int start = at;
      if (peek() == '-') {
        at++;
      }
      if (peek() == '0') {
        at++;
      } else {
        requireDigits();
      }
      boolean integral = true;
      if (at < end && buf[at] == '.') {
        at++;
        requireDigits();
        integral = false;
      }
      if (at < end && (buf[at] == 'e' || buf[at] == 'E')) {
        at++;
        if (peek() == '+' || peek() == '-') {
          at++;
        }
        requireDigits();
        integral = false;
      }
      if (at - start > MAX_NUMBER) {
        throw NOT_HERE;
      }
      byte after = peek();
      if (after != ',' && after != '}' && after != ']' && !isWhitespace(after)) {
        throw NOT_HERE;
      }
      return integral;
    }

    private void requireDigits() {
      int start = at;
      while (at < end && buf[at] >= '0' && buf[at] <= '9') {
        at++;
      }
      if (at == start) {
        throw NOT_HERE;
      }
    }

    private boolean literal(String word) {
      int n = word.length();
      if (at + n > end) {
        return false;
      }
      for (int k = 0; k < n; k++) {
        if (buf[at + k] != word.charAt(k)) {
          return false;
        }
      }
      // "truex" is not a literal followed by garbage the tree would accept
      if (at + n < end) {
        byte after = buf[at + n];
        if (after != ',' && after != '}' && after != ']' && !isWhitespace(after)) {
          return false;
        }
      }
      at += n;
      return true;
    }

    private void skipWhitespace() {
      while (at < end && isWhitespace(buf[at])) {
        at++;
      }
    }

    private byte peek() {
      if (at >= end) {
        throw NOT_HERE;
      }
      return buf[at];
    }

    private byte next() {
      byte b = peek();
      at++;
      return b;
    }

    private void expect(char c) {
      if (next() != c) {
        throw NOT_HERE;
      }
    }
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
