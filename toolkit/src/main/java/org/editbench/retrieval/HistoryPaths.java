package org.editbench.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files a history of step diffs edits, and the retrieval query it makes. */
final class HistoryPaths {
  private HistoryPaths() {}

  /**
   * The reference's {@code diff --git a/(\S+) b/\S+}, anywhere in a step, with {@code \S} spelled
   * out as Python's (not Java's) non-white-space for {@code str} patterns.
   */
  private static final String PY_NON_SPACE =
      "[^\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";
  private static final Pattern DIFF_HEADER =
      Pattern.compile("diff --git a/(" + PY_NON_SPACE + "+) b/" + PY_NON_SPACE + "+");

  /** Paths of the files the history edits, in order of first appearance. */
  static List<String> editedFiles(List<String> history) {
    Set<String> paths = new LinkedHashSet<>();
    for (String step : history) {
      Matcher matcher = DIFF_HEADER.matcher(step);
      while (matcher.find()) {
        paths.add(matcher.group(1));
      }
    }
    return new ArrayList<>(paths);
  }

  /** The reference's query: the history steps joined by a newline. */
  static String query(List<String> history) {
    return String.join("\n", history);
  }
}
