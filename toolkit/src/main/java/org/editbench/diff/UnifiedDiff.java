package org.editbench.diff;

import java.util.List;
import org.editbench.diff.SequenceMatcher.Opcode;
import org.editbench.diff.SequenceMatcher.Tag;

/** Unified diffs exactly as Python's {@code difflib.unified_diff} writes them. */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  private static final int CONTEXT_LINES = 3;

  /** Appends line k of one side of the diff. */
  @FunctionalInterface
  private interface LineWriter {
    void append(StringBuilder out, int k);
  }

  /**
   * {@code "".join(difflib.unified_diff(a, b, fromFile, toFile, lineterm='\n'))}: no dates, three
   * lines of context, and each line copied as it is, so a line without a final newline runs into
   * whatever follows it (difflib writes no "\ No newline at end of file" marker). Empty when the
   * lists are equal.
   */
  public static String unifiedDiff(List<String> a, List<String> b, String fromFile, String toFile) {
    StringBuilder out = new StringBuilder();
    appendUnifiedDiff(
        out,
        new SequenceMatcher(a, b),
        (o, k) -> o.append(a.get(k)),
        (o, k) -> o.append(b.get(k)),
        fromFile,
        toFile);
    return out.toString();
  }

  /**
   * The ground-truth diff of one file: {@code "diff --git a/P b/P\n"} followed by {@link
   * #unifiedDiff} of both texts split with Python's {@code splitlines(keepends=True)} (see {@link
   * org.editbench.text.PyStrings#splitLinesKeepEnds}). Only the header line when the texts are
   * equal.
   */
  public static String gitDiff(String before, String after, String path) {
    return new GitDiffTarget(after, path).diffFrom(before);
  }

  /** The git diff of two texts cut into lines, given their matcher. */
  static String gitDiff(TextLines a, TextLines b, SequenceMatcher matcher, String path) {
    StringBuilder out = new StringBuilder(256).append(gitHeader(path));
    appendUnifiedDiff(out, matcher, a::appendLine, b::appendLine, "a/" + path, "b/" + path);
    return out.toString();
  }

  /** The first line of a git diff of {@code path}, and all of it when there are no hunks. */
  static String gitHeader(String path) {
    return "diff --git a/" + path + " b/" + path + "\n";
  }

  private static void appendUnifiedDiff(
      StringBuilder out,
      SequenceMatcher matcher,
      LineWriter a,
      LineWriter b,
      String fromFile,
      String toFile) {
    List<List<Opcode>> groups = matcher.getGroupedOpcodes(CONTEXT_LINES);
    if (groups.isEmpty()) {
      return;
    }
    out.append("--- ").append(fromFile).append('\n');
    out.append("+++ ").append(toFile).append('\n');
    for (List<Opcode> group : groups) {
      Opcode first = group.get(0);
      Opcode last = group.get(group.size() - 1);
      out.append("@@ -");
      appendRange(out, first.i1(), last.i2());
      out.append(" +");
      appendRange(out, first.j1(), last.j2());
      out.append(" @@\n");
      for (Opcode code : group) {
        if (code.tag() == Tag.EQUAL) {
          appendLines(out, ' ', a, code.i1(), code.i2());
          continue;
        }
        if (code.tag() != Tag.INSERT) {
          appendLines(out, '-', a, code.i1(), code.i2());
        }
        if (code.tag() != Tag.DELETE) {
          appendLines(out, '+', b, code.j1(), code.j2());
        }
      }
    }
  }

  /** difflib's {@code _format_range_unified}: an empty range names the line before it. */
  private static void appendRange(StringBuilder out, int start, int stop) {
    int length = stop - start;
    if (length == 1) {
      out.append(start + 1);
      return;
    }
    out.append(length == 0 ? start : start + 1).append(',').append(length);
  }

  private static void appendLines(
      StringBuilder out, char prefix, LineWriter lines, int from, int to) {
    for (int k = from; k < to; k++) {
      out.append(prefix);
      lines.append(out, k);
    }
  }
}
