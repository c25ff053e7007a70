package org.editbench.diff;

/**
 * Reads the hunks of a unified diff the way GNU patch 2.7.6 reads a patch file, including its
 * ways with damaged input:
 *
 * <ul>
 *   <li>A last line without a newline is dropped ("patch unexpectedly ends in middle of line").
 *   <li>When the diff ends inside a hunk that lacks at most three new-side lines, each missing
 *       line is taken to be an empty context line (GNU assumes blank lines got chopped); more
 *       missing lines are an error.
 *   <li>A "\ No newline at end of file" marker counts only after the last line of a side, and
 *       removes that line's newline.
 *   <li>Lines starting with {@code #} are comments, and lines that start with a tab or are empty
 *       are context lines whose leading space got lost.
 * </ul>
 *
 * <p>Text before the first {@code @@ -} line (such as {@code diff --git}, {@code ---} and
 * {@code +++}) is skipped. Several runs of hunks separated by other text are separate
 * <em>sections</em>, which GNU patch applies one after the other to the same file. Only unified
 * hunks at column 0 are recognised: GNU's context, normal and ed formats and its indented or
 * mail-quoted patches are out of scope, and so is what it reads into headers ({@code /dev/null}
 * names, timestamps, git's file modes), which difflib's diffs never carry.
 */
final class UnifiedPatchReader {
  /** GNU fills a hunk cut short by at most this many new-side lines with blank context. */
  private static final int CHOPPED_BLANK_LINES = 3;
  private static final String HUNK_START = "@@ -";

  private final String text;
  private int pos;
  /** Lines consumed so far, the 1-based number of the last line read. */
  private int lineNumber;
  private int hunksRead;
  private boolean sectionFound;

  UnifiedPatchReader(String text) {
    this.text = text;
  }

  /**
   * Moves to the next run of hunks. False when no {@code @@ -} line is left; an error when the
   * diff has text but no hunk at all, which GNU reports as "Only garbage was found".
   */
  boolean nextSection() throws PatchFailedException {
    for (String line = peekLine(); line != null; line = peekLine()) {
      if (line.startsWith(HUNK_START)) {
        sectionFound = true;
        return true;
      }
      readLine();
    }
    if (!sectionFound && !text.isEmpty()) {
      throw new PatchFailedException("the diff has no hunk: no line starts with \"@@ -\"", 0);
    }
    return false;
  }

  /**
   * True when the next hunk header's new side starts at line 0 ({@code +0}): GNU then believes the
   * diff empties the file, and on a file that is already empty takes the diff for a reversed one.
   * Call right after {@link #nextSection()}.
   */
  boolean sectionEmptiesFile() {
    int lineEnd = text.indexOf('\n', pos);
    int s = pos + HUNK_START.length();
    while (s < lineEnd && text.charAt(s) != ' ') {
      s++;
    }
    while (s < lineEnd && text.charAt(s) == ' ') {
      s++;
    }
    return s + 1 < lineEnd && text.charAt(s) == '+' && text.charAt(s + 1) == '0'
        && !isDigit(charAt(s + 2));
  }

  /** The next hunk of the current section, or null when the section ends. */
  Hunk nextHunk() throws PatchFailedException {
    String header = peekLine();
    if (header == null || header.length() <= HUNK_START.length()
        || !header.startsWith(HUNK_START)) {
      return null;
    }
    readLine();
    hunksRead++;
    return readBody(HunkHeader.parse(header, hunksRead, lineNumber));
  }

  private Hunk readBody(HunkHeader h) throws PatchFailedException {
    // Every hunk line takes at least one character of the diff; a header announcing more lines
    // than are left cannot be satisfied, and must not make us allocate its counts.
    int linesLeft = text.length() - pos + CHOPPED_BLANK_LINES;
    if (h.oldCount > linesLeft || h.newCount > linesLeft) {
      throw h.failure("the diff ends before the hunk does (the header announces "
          + h.oldCount + " old and " + h.newCount + " new lines)");
    }
    SideReader oldSide = new SideReader("old", h.oldStart, h.oldCount);
    SideReader newSide = new SideReader("new", h.newStart, h.newCount);
    int prefixContext = -1;
    int context = 0;
    while (!oldSide.complete() || !newSide.complete()) {
      String line = readLine();
      if (line == null) {
        if (newSide.missing() > CHOPPED_BLANK_LINES) {
          throw h.failure("the diff ends before the hunk does (" + oldSide.missing()
              + " old and " + newSide.missing() + " new lines are missing)");
        }
        line = " \n";
      }
      char kind;
      String content;
      if (line.charAt(0) == '\t' || line.charAt(0) == '\n') {
        kind = ' ';
        content = line;
      } else {
        kind = line.charAt(0) == '=' ? ' ' : line.charAt(0);
        content = line.substring(1);
      }
      if (kind != '-' && kind != ' ' && kind != '+') {
        throw h.failure(malformed(line, "a hunk line starts with ' ', '-' or '+'"));
      }
      // A context line goes to both sides, as the old side stored it.
      if (kind != '+') {
        content = oldSide.add(content, kind == '-', h, line);
      }
      if (kind != '-') {
        newSide.add(content, kind == '+', h, line);
      }
      if (kind == ' ') {
        context++;
      } else {
        if (prefixContext == -1) {
          prefixContext = context;
        }
        context = 0;
      }
    }
    if (prefixContext == -1) {
      throw h.failure("malformed diff at line " + lineNumber
          + ": the hunk changes nothing (it has only context lines)");
    }
    return new Hunk(h.number, h.text, oldSide.toSide(), newSide.toSide(), prefixContext, context);
  }

  /** Collects one side of a hunk up to the number of lines its header announces. */
  private final class SideReader {
    private final String name;
    private final int start;
    private final String[] lines;
    private final boolean[] changed;
    private int filled;

    SideReader(String name, int start, int count) {
      this.name = name;
      this.start = start;
      this.lines = new String[count];
      this.changed = new boolean[count];
    }

    boolean complete() {
      return filled == lines.length;
    }

    int missing() {
      return lines.length - filled;
    }

    /** Stores a line and returns it as stored: a marker after the last line drops its newline. */
    String add(String content, boolean isChange, HunkHeader h, String line)
        throws PatchFailedException {
      if (complete()) {
        throw h.failure(malformed(line, "the " + name + " side already has all " + lines.length
            + " lines the header announces"));
      }
      String stored = filled == lines.length - 1 && consumeNoNewlineMarker()
          ? withoutNewline(content) : content;
      lines[filled] = stored;
      changed[filled++] = isChange;
      return stored;
    }

    Hunk.Side toSide() {
      return new Hunk.Side(start, lines, changed);
    }
  }

  private String malformed(String line, String expectation) {
    return "malformed diff at line " + lineNumber + " \"" + withoutNewline(line) + "\" ("
        + expectation + ")";
  }

  private static String withoutNewline(String line) {
    return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
  }

  /**
   * The next line with its newline, skipping {@code #} comment lines; null at the end of the text
   * and for a last line without newline, which GNU ignores.
   */
  private String readLine() {
    while (pos < text.length()) {
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        pos = text.length();
        return null;
      }
      String line = text.substring(pos, end + 1);
      pos = end + 1;
      lineNumber++;
      if (line.charAt(0) != '#') {
        return line;
      }
    }
    return null;
  }

  private String peekLine() {
    int lineStart = pos;
    int lineNumberBefore = lineNumber;
    String line = readLine();
    pos = lineStart;
    lineNumber = lineNumberBefore;
    return line;
  }

  /**
   * Consumes a following line that starts with a backslash (GNU does not check the rest of the
   * "\ No newline at end of file" text), even one without a newline at the end of the diff.
   */
  private boolean consumeNoNewlineMarker() {
    if (pos >= text.length() || text.charAt(pos) != '\\') {
      return false;
    }
    int end = text.indexOf('\n', pos);
    pos = end < 0 ? text.length() : end + 1;
    return true;
  }

  private char charAt(int index) {
    return index < text.length() ? text.charAt(index) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The numbers of an {@code @@ -a,b +c,d @@} line, read as leniently as GNU reads them. */
  private static final class HunkHeader {
    final int number;
    final String text;
    /** Where each side is placed: an empty side goes after the line its start names. */
    int oldStart;
    int oldCount;
    int newStart;
    int newCount;
    private final String line;
    private final int lineNumber;
    private int at;

    private HunkHeader(String line, int number, int lineNumber) {
      this.number = number;
      this.text = withoutNewline(line);
      this.line = line;
      this.lineNumber = lineNumber;
    }

    static HunkHeader parse(String line, int number, int lineNumber) throws PatchFailedException {
      HunkHeader h = new HunkHeader(line, number, lineNumber);
      h.at = HUNK_START.length();
      int[] old = h.range();
      h.skipOneSpace();
      if (h.peek() != '+') {
        throw h.failure(h.badHeader("'+' before the new range"));
      }
      h.at++;
      int[] replacement = h.range();
      h.skipOneSpace();
      if (h.peek() != '@') {
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

    private void skipOneSpace() {
      if (peek() == ' ') {
        at++;
      }
    }

    private int number() throws PatchFailedException {
      int start = at;
      long value = 0;
      while (isDigit(peek())) {
        value = value * 10 + (line.charAt(at++) - '0');
        if (value > Integer.MAX_VALUE / 2) {
          throw failure(badHeader("a line number that is not absurdly large"));
        }
      }
      if (at == start) {
        throw failure(badHeader("a line number at column " + (start + 1)));
      }
      return (int) value;
    }

    private String badHeader(String expectation) {
      return "malformed hunk header at line " + lineNumber + " (expected " + expectation + ")";
    }

    PatchFailedException failure(String reason) {
      return new PatchFailedException("hunk #" + number + " (" + text + "): " + reason, number);
    }
  }
}
