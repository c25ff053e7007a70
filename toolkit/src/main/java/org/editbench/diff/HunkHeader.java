package org.editbench.diff;

/**
 * The numbers of an {@code @@ -a,b +c,d @@} line: read as leniently as GNU patch reads them, or as
 * strictly as git apply does.
 */
final class HunkHeader {
  private static final String START = "@@ -";

  final int number;
  final String text;

  /** The line of the diff the header is on, 1-based. */
  final int lineNumber;

  /** Where each side is placed: an empty side goes after the line its start names. */
  int oldStart;

  int oldCount;
  int newStart;
  int newCount;
  private final String line;
  private final UnifiedPatchReader.Dialect dialect;
  private int at;

  private HunkHeader(String line, int number, int lineNumber, UnifiedPatchReader.Dialect dialect) {
    this.number = number;
    this.text = UnifiedPatchReader.withoutNewline(line);
    this.line = line;
    this.lineNumber = lineNumber;
    this.dialect = dialect;
  }

  /**
   * Reads {@code line}. GNU patch allows a missing space before {@code +} and after the new range
   * and needs one {@code @} after it; git apply needs {@code " +"} and {@code " @@"} exactly.
   */
  static HunkHeader parse(
      String line, int number, int lineNumber, UnifiedPatchReader.Dialect dialect)
      throws PatchFailedException {
    HunkHeader h = new HunkHeader(line, number, lineNumber, dialect);
    boolean git = dialect == UnifiedPatchReader.Dialect.GIT_APPLY;
    h.at = START.length();
    int[] old = h.range();
    if (git ? !h.skip(" +") : !h.skipOneSpaceThen('+')) {
      throw h.failure(h.badHeader("'+' before the new range"));
    }
    int[] replacement = h.range();
    if (git ? !h.skip(" @@") : !h.skipOneSpaceThen('@')) {
      throw h.failure(h.badHeader("'@@' after the ranges"));
    }
    h.oldCount = old[1];
    h.oldStart = old[1] == 0 ? old[0] + 1 : old[0];
    h.newCount = replacement[1];
    h.newStart = replacement[1] == 0 ? replacement[0] + 1 : replacement[0];
    return h;
  }

  /** {@code start[,count]} as {start, count}; the count defaults to 1. */
  private int[] range() throws PatchFailedException {
    int start = number();
    int count = 1;
    if (peek() == ',') {
      at++;
      count = number();
    }
    return new int[] {start, count};
  }

  private char peek() {
    return at < line.length() ? line.charAt(at) : '\0';
  }

  private boolean skipOneSpaceThen(char c) {
    if (peek() == ' ') {
      at++;
    }
    if (peek() != c) {
      return false;
    }
    at++;
    return true;
  }

  private boolean skip(String expected) {
    if (!line.startsWith(expected, at)) {
      return false;
    }
    at += expected.length();
    return true;
  }

  private int number() throws PatchFailedException {
    // GNU refuses numbers it could not add up safely; git reads any int
    long limit =
        dialect == UnifiedPatchReader.Dialect.GIT_APPLY ? Integer.MAX_VALUE : Integer.MAX_VALUE / 2;
    int start = at;
    long value = 0;
    while (peek() >= '0' && peek() <= '9') {
      value = value * 10 + (line.charAt(at++) - '0');
      if (value > limit) {
        throw failure(badHeader("a line number that is not absurdly large"));
      }
    }
    if (at == start) {
      throw failure(badHeader("a line number at column " + (start + 1)));
    }
    return (int) value;
  }

  private String badHeader(String expectation) {
    return dialect == UnifiedPatchReader.Dialect.GIT_APPLY
        ? "corrupt hunk header at line " + lineNumber
        : "malformed hunk header at line " + lineNumber + " (expected " + expectation + ")";
  }

  /** A failure of this hunk: GNU's messages name the hunk, git's are as they are. */
  PatchFailedException failure(String reason) {
    return new PatchFailedException(
        dialect == UnifiedPatchReader.Dialect.GIT_APPLY
            ? reason
            : "hunk #" + number + " (" + text + "): " + reason,
        number);
  }
}
