package org.editbench.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.text.PyRegex;

/** The files a history of step diffs edits, and the retrieval query it makes. */
final class HistoryPaths {
  private HistoryPaths() {}

  /** The reference's {@code diff --git a/(\S+) b/\S+}, anywhere in a step. */
  private static final Pattern DIFF_HEADER = PyRegex.compile("diff --git a/(\\S+) b/\\S+");

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
