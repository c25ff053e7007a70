package org.editbench.diff;

import java.util.Arrays;

/**
 * Reads the hunks of a unified diff the way GNU patch 2.7.6 reads a patch file, including its ways
 * with damaged input:
 *
 * <ul>
 *   <li>A last line without a newline is dropped ("patch unexpectedly ends in middle of line").
 *   <li>When the diff ends inside a hunk that lacks at most three new-side lines, each missing line
 *       is taken to be an empty context line (GNU assumes blank lines got chopped); more missing
 *       lines are an error.
 *   <li>A "\ No newline at end of file" marker counts only after the last line of a side, and
 *       removes that line's newline.
 *   <li>Lines starting with {@code #} are comments, and lines that start with a tab or are empty
 *       are context lines whose leading space got lost.
 * </ul>
 *
 * <p>Text before the first {@code @@ -} line (such as {@code diff --git}, {@code ---} and {@code
 * +++}) is skipped. Several runs of hunks separated by other text are separate <em>sections</em>,
 * which GNU patch applies one after the other to the same file. Only unified hunks at column 0 are
 * recognised: GNU's context, normal and ed formats and its indented or mail-quoted patches are out
 * of scope, and so is what it reads into headers ({@code /dev/null} names, timestamps, git's file
 * modes), which difflib's diffs never carry.
 *
 * <p>In the {@link Dialect#GIT_APPLY} dialect the same reader reads hunks as git apply does, with
 * none of GNU's leniency: no comment lines, every hunk line starts with space, {@code -} or {@code
 * +} (an empty line is empty context), a {@code \} line of at least 12 characters drops the newline
 * of the hunk line before it (none right after the header; an empty line before it leaves the hunk
 * altogether), one right after the hunk's last line, of any length, counts while more than 12 bytes
 * of the patch are left, a hunk cut short is an error, and the messages are git's ({@code corrupt
 * patch at line N}). {@link GitPatchHeaders} reads the file headers around the hunks.
 */
final class UnifiedPatchReader {
  /** Whose reading of a diff: GNU patch's, lenient, or git apply's, strict. */
  enum Dialect {
    GNU_PATCH,
    GIT_APPLY
  }

  /** GNU fills a hunk cut short by at most this many new-side lines with blank context. */
  private static final int CHOPPED_BLANK_LINES = 3;

  private static final String HUNK_START = "@@ -";

  private final String text;
  private final Dialect dialect;
  private final boolean git;
  private int pos;

  /** Lines consumed so far, the 1-based number of the last line read. */
  private int lineNumber;

  private int hunksRead;
  private boolean sectionFound;

  UnifiedPatchReader(String text) {
    this(text, Dialect.GNU_PATCH);
  }

  UnifiedPatchReader(String text, Dialect dialect) {
    this.text = text;
    this.dialect = dialect;
    this.git = dialect == Dialect.GIT_APPLY;
  }

  /** Continues reading at character {@code offset}, the start of line {@code lineNumber + 1}. */
  void moveTo(int offset, int lineNumber) {
    this.pos = offset;
    this.lineNumber = lineNumber;
  }

  /** How many lines have been read: the 1-based number of the last one. */
  int lineNumber() {
    return lineNumber;
  }

  /**
   * Moves to the next run of hunks. False when no {@code @@ -} line is left; an error when the diff
   * has text but no hunk at all, which GNU reports as "Only garbage was found".
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
    return s + 1 < lineEnd
        && text.charAt(s) == '+'
        && text.charAt(s + 1) == '0'
        && !isDigit(charAt(s + 2));
  }

  /** The next hunk of the current section, or null when the section ends. */
  Hunk nextHunk() throws PatchFailedException {
    String header = peekLine();
    if (header == null
        || header.length() <= HUNK_START.length()
        || !header.startsWith(HUNK_START)) {
      return null;
    }
    readLine();
    hunksRead++;
    return readBody(HunkHeader.parse(header, hunksRead, lineNumber, dialect));
  }

  private Hunk readBody(HunkHeader h) throws PatchFailedException {
    // Every hunk line takes at least one character of the diff; a header announcing more lines
    // than are left cannot be satisfied, and must not make us allocate its counts.
    int linesLeft = text.length() - pos + CHOPPED_BLANK_LINES;
    if (!git && (h.oldCount > linesLeft || h.newCount > linesLeft)) {
      throw h.failure(
          "the diff ends before the hunk does (the header announces "
              + h.oldCount
              + " old and "
              + h.newCount
              + " new lines)");
    }
    // git reads on to its own error, so a side may announce more lines than it can store
    SideReader oldSide =
        new SideReader("old", h.oldStart, h.oldCount, Math.min(h.oldCount, linesLeft));
    SideReader newSide =
        new SideReader("new", h.newStart, h.newCount, Math.min(h.newCount, linesLeft));
    int prefixContext = -1;
    int context = 0;
    char lastKind = 0;
    // git: whether the last hunk line was an empty line, context without its space
    boolean lastBare = false;
    while (!oldSide.complete() || !newSide.complete()) {
      String line = readLine();
      if (git && (line == null || isGitMarker(line))) {
        if (line == null) {
          throw h.failure("corrupt patch: the hunk at line " + h.lineNumber + " is cut short");
        }
        dropNewline(lastKind, lastBare, oldSide, newSide); // none right after the header
        continue;
      }
      if (line == null) {
        if (newSide.missing() > CHOPPED_BLANK_LINES) {
          throw h.failure(
              "the diff ends before the hunk does ("
                  + oldSide.missing()
                  + " old and "
                  + newSide.missing()
                  + " new lines are missing)");
        }
        line = " \n";
      }
      char kind;
      String content;
      if (git) {
        kind = line.equals("\n") ? ' ' : line.charAt(0);
        content = line.equals("\n") ? line : line.substring(1);
        if (kind != '-' && kind != ' ' && kind != '+') {
          throw h.failure("corrupt patch at line " + lineNumber);
        }
        if (kind != '+' && oldSide.complete() || kind != '-' && newSide.complete()) {
          throw h.failure(
              "corrupt patch at line " + lineNumber + ": more lines than the hunk header counts");
        }
      } else if (line.charAt(0) == '\t' || line.charAt(0) == '\n') {
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
      lastKind = kind;
      lastBare = git && line.equals("\n");
      if (kind == ' ') {
        context++;
      } else {
        if (prefixContext == -1) {
          prefixContext = context;
        }
        context = 0;
      }
    }
    // "\ No newline at end of file" after the hunk's last line: git looks for one only while
    // more than 12 bytes of the whole patch are left, and leaves a shorter one to the text after.
    if (git && text.startsWith("\\ ", pos) && text.length() - pos > 12) {
      readLine();
      dropNewline(lastKind, lastBare, oldSide, newSide);
    }
    if (prefixContext == -1) {
      throw h.failure(
          git
              ? "corrupt patch: the hunk at line " + h.lineNumber + " changes nothing"
              : "malformed diff at line "
                  + lineNumber
                  + ": the hunk changes nothing (it has only context lines)");
    }
    return new Hunk(
        h.number, h.text, h.lineNumber, oldSide.toSide(), newSide.toSide(), prefixContext, context);
  }

  /** git's "\ No newline at end of file" inside a hunk; shorter backslash lines are corrupt. */
  private static boolean isGitMarker(String line) {
    return line.length() >= 12 && line.startsWith("\\ ");
  }

  /**
   * git: a marker takes the newline off the hunk line before it, on each side that line is on; an
   * empty line before one, which has nothing but its newline, leaves both sides (it still counts as
   * a line of the header's and as context).
   */
  private static void dropNewline(char kind, boolean bare, SideReader oldSide, SideReader newSide) {
    if (bare) {
      oldSide.dropLast();
      newSide.dropLast();
      return;
    }
    if (kind != '+') {
      oldSide.dropLastNewline();
    }
    if (kind != '-') {
      newSide.dropLastNewline();
    }
  }

  /** Collects one side of a hunk up to the number of lines its header announces. */
  private final class SideReader {
    private final String name;
    private final int start;
    private final int count;
    private final String[] lines;
    private final boolean[] changed;

    /** Lines read of the {@code count}; {@code kept} of them are kept (git drops some). */
    private int filled;

    private int kept;

    /** A side of {@code count} lines, of which at most {@code capacity} can be stored. */
    SideReader(String name, int start, int count, int capacity) {
      this.name = name;
      this.start = start;
      this.count = count;
      this.lines = new String[capacity];
      this.changed = new boolean[capacity];
    }

    boolean complete() {
      return filled == count;
    }

    int missing() {
      return count - filled;
    }

    void dropLastNewline() {
      if (kept > 0 && filled <= lines.length) {
        lines[kept - 1] = withoutNewline(lines[kept - 1]);
      }
    }

    /** Leaves the last line read out of the side, still counting it. */
    void dropLast() {
      if (kept > 0 && filled <= lines.length) {
        kept--;
      }
    }

    /** Stores a line and returns it as stored: a marker after the last line drops its newline. */
    String add(String content, boolean isChange, HunkHeader h, String line)
        throws PatchFailedException {
      if (complete()) {
        throw h.failure(
            malformed(
                line,
                "the " + name + " side already has all " + count + " lines the header announces"));
      }
      String stored =
          !git && filled == count - 1 && consumeNoNewlineMarker()
              ? withoutNewline(content)
              : content;
      if (filled < lines.length) {
        lines[kept] = stored;
        changed[kept] = isChange;
        kept++;
      }
      filled++;
      return stored;
    }

    Hunk.Side toSide() {
      int headerStart = count == 0 ? start - 1 : start;
      return kept == lines.length
          ? new Hunk.Side(start, headerStart, lines, changed)
          : new Hunk.Side(
              start, headerStart, Arrays.copyOf(lines, kept), Arrays.copyOf(changed, kept));
    }
  }

  private String malformed(String line, String expectation) {
    return "malformed diff at line "
        + lineNumber
        + " \""
        + withoutNewline(line)
        + "\" ("
        + expectation
        + ")";
  }

  static String withoutNewline(String line) {
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
      if (git || line.charAt(0) != '#') {
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
   * Consumes a following line that starts with a backslash (GNU does not check the rest of the "\
   * No newline at end of file" text), even one without a newline at the end of the diff.
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
}
