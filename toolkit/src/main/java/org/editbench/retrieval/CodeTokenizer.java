package org.editbench.retrieval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;
import org.apache.lucene.index.IndexWriter;
import org.editbench.text.PyStrings;

/**
 * The reference's code tokenizer, Python's {@code re.findall(r'\b\w+\b|[^\w\s]', text)} on a {@code
 * str}: every maximal run of word characters is a token, and so is every other character that is
 * not white space. No lower-casing, no stop words.
 *
 * <p>Word characters are Python's Unicode {@code \w}: letters (L*), numbers (Nd, Nl, No) and {@code
 * _}. Java's own {@code \w} differs (it adds combining marks and connector punctuation under
 * UNICODE_CHARACTER_CLASS, and is ASCII-only without it), hence this hand-written scanner. White
 * space is Python's {@code str.isspace()}.
 *
 * <p>Lucene rejects terms longer than {@link IndexWriter#MAX_TERM_LENGTH} UTF-8 bytes; such a token
 * (a huge literal) becomes {@code #sha256:<hex>} of its text, which keeps term equality exact and
 * cannot collide with a real token (a token starting with a non-word character is always one
 * character long).
 *
 * <p>For indexing, {@link #countingTerms()} gives each distinct token of a text once, in order of
 * first appearance, with its count as the term frequency. The index is the same (frequencies and
 * lengths are sums either way), and Lucene's per-token work, most of an index build, happens for
 * one token in eight of source code.
 */
public final class CodeTokenizer extends Tokenizer {
  private static final int READ_CHUNK = 8192;

  /** Which ASCII characters are word characters: letters, digits and {@code _}. */
  private static final boolean[] ASCII_WORD = new boolean[0x80];

  /** Which ASCII characters are white space. */
  private static final boolean[] ASCII_SPACE = new boolean[0x80];

  static {
    for (char c = 0; c < 0x80; c++) {
      ASCII_WORD[c] =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      ASCII_SPACE[c] = PyStrings.isSpace(c);
    }
  }

  private final CharTermAttribute termAttribute = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAttribute = addAttribute(OffsetAttribute.class);

  /** The text's distinct tokens, when counting; null when every token is given. */
  private final TokenCounts counts;

  private final TermFrequencyAttribute frequencyAttribute;

  /** The next of {@link #counts} to give. */
  private int nextCounted;

  /**
   * The whole input: documents are source files, small enough to hold, and simpler to scan whole.
   */
  private char[] text = new char[READ_CHUNK];

  private int length;
  private int position;

  /** Where the token {@link #nextToken()} found starts; it ends at {@link #position}. */
  private int tokenStart;

  /** Gives every token, in order (queries, and what the reference's tokenizer returns). */
  public CodeTokenizer() {
    this(false);
  }

  private CodeTokenizer(boolean countTerms) {
    this.counts = countTerms ? new TokenCounts() : null;
    this.frequencyAttribute = countTerms ? addAttribute(TermFrequencyAttribute.class) : null;
  }

  /**
   * Gives each distinct token once, in order of first appearance, with its count as its {@link
   * TermFrequencyAttribute}: for fields indexed with frequencies and without positions.
   */
  static CodeTokenizer countingTerms() {
    return new CodeTokenizer(true);
  }

  /**
   * In counting mode, after {@link #reset()}: the text's length in tokens, repeats included (what
   * BM25Okapi calls a document's length).
   */
  long countedLength() {
    long total = 0;
    for (int token = 0; token < counts.size(); token++) {
      total += counts.count(token);
    }
    return total;
  }

  @Override
  public boolean incrementToken() throws IOException {
    clearAttributes();
    if (counts != null) {
      if (nextCounted == counts.size()) {
        return false;
      }
      int token = nextCounted++;
      setTerm(counts.start(token), counts.end(token));
      frequencyAttribute.setTermFrequency(counts.count(token));
      return true;
    }
    if (!nextToken()) {
      return false;
    }
    setTerm(tokenStart, position);
    return true;
  }

  /** Finds the next token from {@link #position}: false when the text has none left. */
  private boolean nextToken() {
    while (position < length) {
      int start = position;
      char first = text[position];
      int codePoint = first < 0x80 ? first : Character.codePointAt(text, position, length);
      position += Character.charCount(codePoint);
      if (isWordCharacter(codePoint)) {
        position = endOfWord(position);
      } else if (isSpace(codePoint)) {
        continue;
      }
      tokenStart = start;
      return true;
    }
    return false;
  }

  /**
   * Where the run of word characters from {@code from} ends; ASCII, most of source code, by table.
   */
  private int endOfWord(int from) {
    int end = from;
    while (end < length) {
      char c = text[end];
      if (c < 0x80) {
        if (!ASCII_WORD[c]) {
          break;
        }
        end++;
      } else {
        int codePoint = Character.codePointAt(text, end, length);
        if (!isWordCharacter(codePoint)) {
          break;
        }
        end += Character.charCount(codePoint);
      }
    }
    return end;
  }

  private void setTerm(int start, int end) {
    int chars = end - start;
    // A UTF-8 byte count can only exceed the limit when the char count is above a third of it.
    if (chars > IndexWriter.MAX_TERM_LENGTH / 3
        && new String(text, start, chars).getBytes(StandardCharsets.UTF_8).length
            > IndexWriter.MAX_TERM_LENGTH) {
      termAttribute.setEmpty().append(digestTerm(new String(text, start, chars)));
    } else {
      termAttribute.copyBuffer(text, start, chars);
    }
    offsetAttribute.setOffset(correctOffset(start), correctOffset(end));
  }

  static String digestTerm(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return "#sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Python's {@code \w} for {@code str} patterns: {@code str.isalnum()} or {@code _}. */
  static boolean isWordCharacter(int codePoint) {
    if (codePoint < 0x80) {
      return ASCII_WORD[codePoint];
    }
    return switch (Character.getType(codePoint)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }

  /** Python's {@code \s} for {@code str} patterns; every such character is in the BMP. */
  static boolean isSpace(int codePoint) {
    return codePoint <= Character.MAX_VALUE && PyStrings.isSpace((char) codePoint);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    length = 0;
    position = 0;
    int read;
    while ((read = input.read(text, length, text.length - length)) != -1) {
      length += read;
      if (length == text.length) {
        text = Arrays.copyOf(text, text.length * 2);
      }
    }
    if (counts != null) {
      counts.clear();
      nextCounted = 0;
      countTokens();
    }
  }

  /**
   * Counts {@link #nextToken()}'s tokens in one pass over the text: ASCII, most of source code, by
   * table, hashing a word as it is scanned; from a non-ASCII char on, by {@link #nextToken()}.
   */
  private void countTokens() {
    int at = 0;
    while (at < length) {
      char c = text[at];
      if (c >= 0x80) {
        position = at;
        if (!nextToken()) {
          return;
        }
        counts.add(text, tokenStart, position);
        at = position;
      } else if (ASCII_WORD[c]) {
        int start = at;
        int hash = c;
        for (at++; at < length && (c = text[at]) < 0x80 && ASCII_WORD[c]; at++) {
          hash = 31 * hash + c;
        }
        if (at < length && c >= 0x80) {
          // The word may go on in non-ASCII word characters.
          int end = endOfWord(at);
          for (; at < end; at++) {
            hash = 31 * hash + text[at];
          }
        }
        counts.add(text, start, at, hash);
      } else {
        if (!ASCII_SPACE[c]) {
          counts.add(text, at, at + 1, c);
        }
        at++;
      }
    }
  }

  @Override
  public void end() throws IOException {
    super.end();
    int finalOffset = correctOffset(length);
    offsetAttribute.setOffset(finalOffset, finalOffset);
  }

  @Override
  public void close() throws IOException {
    super.close();
    // Do not keep a large file's text alive between documents.
    if (text.length > READ_CHUNK * 16) {
      text = new char[READ_CHUNK];
    }
    length = 0;
    if (counts != null) {
      counts.clear();
    }
  }
}
