package org.editbench.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Python {@code str} semantics that byte-identical output depends on and that Java's own String
 * methods do not share: which characters are white space, which end a line, and how text files are
 * read.
 */
public final class PyStrings {
  private PyStrings() {}

  /**
   * Python's {@code str.isspace()} for one char: bidirectional classes WS, B, S and category Zs.
   * Differs from {@link Character#isWhitespace} (U+0085, U+00A0, U+2007, U+202F are space here).
   */
  public static boolean isSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000b',
          '\u000c',
          '\r',
          '\u001c',
          '\u001d',
          '\u001e',
          '\u001f',
          ' ',
          '\u0085',
          '\u00a0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202f',
          '\u205f',
          '\u3000' ->
          true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }

  /** Python's {@code s.strip()} with no argument. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Python's {@code s.rstrip()} with no argument. */
  public static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Python's {@code bool(s.strip())}: true when {@code s} has a non-space character. */
  public static boolean hasNonSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isSpace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** True for the characters Python's {@code str.splitlines()} ends a line at (besides CR LF). */
  public static boolean isLineBoundary(char c) {
    return switch (c) {
      case '\n',
          '\r',
          '\u000b',
          '\u000c',
          '\u001c',
          '\u001d',
          '\u001e',
          '\u0085',
          '\u2028',
          '\u2029' ->
          true;
      default -> false;
    };
  }

  /** Python's {@code s.splitlines(keepends=True)}. */
  public static List<String> splitLinesKeepEnds(String s) {
    int n = s.length();
    // sized for typical source lines: growing a list of thousands of lines showed up in profiles
    List<String> lines = new ArrayList<>(n / 24 + 8);
    int start = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isLineBoundary(c)) {
        int end = i + 1;
        if (c == '\r' && end < n && s.charAt(end) == '\n') {
          end++;
        }
        lines.add(s.substring(start, end));
        start = end;
        i = end;
      } else {
        i++;
      }
    }
    if (start < n) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  /**
   * What Python's {@code Path.read_text()} returns for a file's decoded text: universal newlines,
   * CR LF and lone CR both become LF.
   */
  public static String universalNewlines(String s) {
    if (s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }
}
