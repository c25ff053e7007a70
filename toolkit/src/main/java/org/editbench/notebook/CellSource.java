package org.editbench.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cell's text cut into what runs in order: magic lines ({@code %name args}, IJava's syntax) and
 * the Java code between them, each with the cell line it starts on — or, when its first line is
 * {@code %%name args}, one cell magic that takes the rest of the cell as its body.
 */
final class CellSource {
  private CellSource() {}

  sealed interface Part permits Magic, CellMagic, Java {
    /** 1-based line in the cell where this part starts. */
    int firstLine();
  }

  record Magic(String name, String arguments, int firstLine) implements Part {}

  record Java(String code, int firstLine) implements Part {}

  /** {@code %%name arguments} on the cell's first line; {@code body} starts on the next line. */
  record CellMagic(String name, String arguments, String body, int firstLine) implements Part {}

  static List<Part> split(String cell) {
    List<Part> parts = new ArrayList<>();
    String[] lines = cell.split("\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first < lines.length && lines[first].strip().startsWith("%%")) {
      String header = lines[first].strip().substring(2);
      int space = indexOfWhitespace(header);
      String body = String.join("\n", Arrays.asList(lines).subList(first + 1, lines.length));
      parts.add(
          new CellMagic(
              space < 0 ? header : header.substring(0, space),
              space < 0 ? "" : header.substring(space).strip(),
              body,
              first + 1));
      return parts;
    }
    StringBuilder java = new StringBuilder();
    int javaStart = 1;
    Lexed carried = Lexed.CODE;
    for (int i = 0; i < lines.length; i++) {
      String trimmed = lines[i].strip();
      if (carried == Lexed.CODE && isMagicLine(trimmed)) {
        if (!java.toString().isBlank()) {
          parts.add(new Java(java.toString(), javaStart));
        }
        java.setLength(0);
        javaStart = i + 2;
        String body = trimmed.substring(1);
        int space = indexOfWhitespace(body);
        parts.add(
            space < 0
                ? new Magic(body, "", i + 1)
                : new Magic(body.substring(0, space), body.substring(space).strip(), i + 1));
      } else {
        java.append(lines[i]).append('\n');
        carried = lex(lines[i], carried);
      }
    }
    if (!java.toString().isBlank()) {
      parts.add(new Java(java.substring(0, java.length() - 1), javaStart));
    }
    return parts;
  }

  /**
   * A magic line starts with {@code %} and a name ({@code %jars}, or {@code %%time} out of place,
   * which the session then says belongs first): {@code % 3;} goes on a Java expression.
   */
  private static boolean isMagicLine(String trimmed) {
    if (!trimmed.startsWith("%")) {
      return false;
    }
    String name = trimmed.substring(trimmed.startsWith("%%") ? 2 : 1);
    return !name.isEmpty() && Character.isLetter(name.charAt(0));
  }

  /** Where a line of Java leaves the next one: in code, or inside a comment or a text block. */
  private enum Lexed {
    CODE,
    BLOCK_COMMENT,
    TEXT_BLOCK
  }

  /**
   * What {@code line} leaves open, given what the lines before it left: a line inside a block
   * comment or a text block is Java's, even when it starts with {@code %}. String and character
   * literals are passed over whole, so a {@code "/*"} opens no comment.
   */
  private static Lexed lex(String line, Lexed from) {
    Lexed state = from;
    int i = 0;
    int n = line.length();
    while (i < n) {
      if (state == Lexed.BLOCK_COMMENT) {
        int end = line.indexOf("*/", i);
        if (end < 0) {
          return state;
        }
        i = end + 2;
        state = Lexed.CODE;
      } else if (state == Lexed.TEXT_BLOCK) {
        while (i < n && !line.startsWith("\"\"\"", i)) {
          i += line.charAt(i) == '\\' ? 2 : 1;
        }
        if (i >= n) {
          return state;
        }
        i += 3;
        state = Lexed.CODE;
      } else if (line.startsWith("//", i)) {
        return state;
      } else if (line.startsWith("/*", i)) {
        state = Lexed.BLOCK_COMMENT;
        i += 2;
      } else if (line.startsWith("\"\"\"", i)) {
        state = Lexed.TEXT_BLOCK;
        i += 3;
      } else if (line.charAt(i) == '"' || line.charAt(i) == '\'') {
        char quote = line.charAt(i++);
        while (i < n && line.charAt(i) != quote) {
          i += line.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else {
        i++;
      }
    }
    return state;
  }

  /** Splits magic arguments at whitespace, keeping "quoted text" and 'quoted text' together. */
  static List<String> arguments(String text) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inArg = false;
    char quote = 0;
    for (char c : text.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          args.add(current.toString());
          current.setLength(0);
          inArg = false;
        }
      } else {
        current.append(c);
        inArg = true;
      }
    }
    if (inArg) {
      args.add(current.toString());
    }
    return args;
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
