package org.editbench.text;

import java.util.regex.Pattern;

/**
 * Regular expressions that mirror the reference's Python ones, read with Python's meaning where
 * Java's differs: {@code \s} and {@code \S} are Python's white space of {@code str} patterns
 * ({@link PyStrings#isSpace}: 29 characters, where Java's are 6); {@code .}, {@code ^} and {@code
 * $} know only LF as a line end ({@link Pattern#UNIX_LINES}); {@code \w}, {@code \d} and {@code \b}
 * are Unicode ({@link Pattern#UNICODE_CHARACTER_CLASS}), as Python's are. Every pattern copied from
 * the reference is compiled here.
 *
 * <p>The rest of the syntax the reference's patterns use means the same in both.
 */
public final class PyRegex {
  private PyRegex() {}

  /**
   * The white space of {@link PyStrings#isSpace} as the body of a Java character class: Unicode's
   * White_Space and the separators U+001C to U+001F, which Python's {@code isspace} adds
   * (PyRegexTest compares it with {@code isSpace} on every char). Spelled with the property rather
   * than as ranges: a class of a dozen ranges made the patterns five times slower.
   */
  private static final String SPACE_SET = "\\p{IsWhite_Space}\\x1c-\\x1f";

  /** Python's {@code \s}: one white-space character. */
  public static final String SPACE = "[" + SPACE_SET + "]";

  /** Python's {@code \S}: one character that is not white space. */
  public static final String NON_SPACE = "[^" + SPACE_SET + "]";

  /** {@code re.compile(pythonRegex)}. */
  public static Pattern compile(String pythonRegex) {
    return compile(pythonRegex, 0);
  }

  /** {@code re.compile(pythonRegex, flags)}, given {@link Pattern}'s flags for Python's. */
  public static Pattern compile(String pythonRegex, int flags) {
    return Pattern.compile(
        toJava(pythonRegex), flags | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
  }

  /**
   * The Java spelling of a Python pattern: {@code \s} and {@code \S} replaced, in character classes
   * too.
   */
  static String toJava(String pythonRegex) {
    StringBuilder out = new StringBuilder(pythonRegex.length() + 64);
    boolean inClass = false;
    for (int i = 0; i < pythonRegex.length(); i++) {
      char c = pythonRegex.charAt(i);
      if (c == '\\' && i + 1 < pythonRegex.length()) {
        char next = pythonRegex.charAt(++i);
        if (next == 's') {
          out.append(inClass ? SPACE_SET : SPACE);
        } else if (next == 'S') {
          out.append(NON_SPACE); // inside a class, Java reads a nested class as a union
        } else {
          out.append(c).append(next);
        }
        continue;
      }
      if (c == '[' && !inClass) {
        inClass = true;
        out.append(c);
        // a ']' right after '[' or '[^' is a member, not the end
        if (i + 1 < pythonRegex.length() && pythonRegex.charAt(i + 1) == '^') {
          out.append(pythonRegex.charAt(++i));
        }
        if (i + 1 < pythonRegex.length() && pythonRegex.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
        continue;
      }
      if (c == ']' && inClass) {
        inClass = false;
      } else if (c == '[' && inClass) {
        out.append('\\'); // a literal '[' in a Python class; Java would open a nested class
      }
      out.append(c);
    }
    return out.toString();
  }
}
