package org.editbench.diff;

/** The file modes of a {@code diff --git} header's lines, read as git apply reads them. */
final class GitFileModes {
  private GitFileModes() {}

  /**
   * A mode line's number as git reads it (C's strtoul in octal, then canon_mode: a regular file is
   * 100644 or 100755 by its owner's execute bit, a link, a folder, or else a submodule).
   */
  static int read(String line, int from, int number) throws GitApply.RejectedException {
    int at = from;
    while (at < line.length()
        && (LineImage.isSpace(line.charAt(at)) || "\u000b\f".indexOf(line.charAt(at)) >= 0)) {
      at++;
    }
    boolean negative = at < line.length() && line.charAt(at) == '-';
    if (at < line.length() && (line.charAt(at) == '+' || line.charAt(at) == '-')) {
      at++;
    }
    int digits = at;
    int value = 0;
    while (at < line.length() && line.charAt(at) >= '0' && line.charAt(at) <= '7') {
      value = value * 8 + line.charAt(at++) - '0';
    }
    if (at == digits || at == line.length() || !LineImage.isSpace(line.charAt(at))) {
      throw new GitApply.RejectedException(
          "invalid mode on line "
              + number
              + ": "
              + UnifiedPatchReader.withoutNewline(line.substring(from)));
    }
    value = negative ? -value : value;
    return switch (value & 0170000) {
      case 0100000 -> 0100000 | ((value & 0100) != 0 ? 0755 : 0644);
      case 0120000, 0040000 -> value & 0170000;
      default -> 0160000;
    };
  }

  /** The mode an {@code index <old>..<new> <mode>} line ends with, 0 when it has none. */
  static int ofIndexLine(String line, int number) throws GitApply.RejectedException {
    int dots = line.indexOf("..", 6);
    if (dots < 0 || dots - 6 > 40 || line.indexOf('.', 6) != dots) {
      return 0;
    }
    int eol = line.indexOf('\n');
    int space = line.indexOf(' ', dots + 2);
    int end = space < 0 || space > eol ? eol : space;
    if (end - (dots + 2) > 40 || end != space) {
      return 0;
    }
    return read(line, space + 1, number);
  }
}
