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
    for (int i = 0; i < lines.length; i++) {
      String trimmed = lines[i].strip();
      if (trimmed.startsWith("%")) {
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
      }
    }
    if (!java.toString().isBlank()) {
      parts.add(new Java(java.substring(0, java.length() - 1), javaStart));
    }
    return parts;
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
