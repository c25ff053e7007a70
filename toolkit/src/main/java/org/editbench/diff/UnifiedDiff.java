package org.editbench.diff;

import java.util.List;
import org.editbench.diff.SequenceMatcher.Opcode;
import org.editbench.diff.SequenceMatcher.Tag;
import org.editbench.text.PyStrings;

/** Unified diffs exactly as Python's {@code difflib.unified_diff} writes them. */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  private static final int CONTEXT_LINES = 3;

  /**
   * {@code "".join(difflib.unified_diff(a, b, fromFile, toFile, lineterm='\n'))}: no dates, three
   * lines of context, and each line copied as it is, so a line without a final newline runs into
   * whatever follows it (difflib writes no "\ No newline at end of file" marker). Empty when the
   * lists are equal.
   */
  public static String unifiedDiff(List<String> a, List<String> b, String fromFile, String toFile) {
    List<List<Opcode>> groups = new SequenceMatcher(a, b).getGroupedOpcodes(CONTEXT_LINES);
    if (groups.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
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
    return out.toString();
  }

  /**
   * The ground-truth diff of one file: {@code "diff --git a/P b/P\n"} followed by
   * {@link #unifiedDiff} of both texts split with Python's {@code splitlines(keepends=True)}. Only
   * the header line when the texts are equal.
   */
  public static String gitDiff(String before, String after, String path) {
    return "diff --git a/" + path + " b/" + path + "\n"
        + unifiedDiff(PyStrings.splitLinesKeepEnds(before), PyStrings.splitLinesKeepEnds(after),
            "a/" + path, "b/" + path);
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

  private static void appendLines(StringBuilder out, char prefix, List<String> lines, int from,
      int to) {
    for (int k = from; k < to; k++) {
      out.append(prefix).append(lines.get(k));
    }
  }
}
