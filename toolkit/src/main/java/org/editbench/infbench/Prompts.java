package org.editbench.infbench;

import java.util.List;
import java.util.Map;
import org.editbench.bench.TextValue;
import org.editbench.text.PyStrings;

/** Builds the prompt text from its parts: pure, the way the reference lays it out. */
public final class Prompts {
  private static final TextValue EMPTY = TextValue.of("");

  private Prompts() {}

  /**
   * The prompt for a requirement, the code context (path → content, in order) and the history
   * steps; the empty string when there is neither requirement nor history, as in the reference.
   */
  public static String build(String requirement, Map<String, String> codeContext, List<String> history) {
    return compose(requirement, TextValue.of(codeBlock(codeContext)), TextValue.of(historyBlock(history)),
        !history.isEmpty()).text();
  }

  /** The prompt from already formatted code and history blocks (which variants may share). */
  public static TextValue compose(String requirement, TextValue codeBlock, TextValue historyBlock, boolean hasHistory) {
    PromptTemplate template = PromptTemplate.choose(PyStrings.hasNonSpace(requirement), hasHistory);
    if (template == null) {
      return EMPTY;
    }
    return template.fill(Map.of(
        "problem_statement", TextValue.of(requirement),
        "code_context", codeBlock,
        "historical_code_changes", historyBlock));
  }

  /**
   * Each file framed by {@code [start of P]} / {@code [end of P]}, every line (split at LF only)
   * prefixed with its 1-based number and a space — so a final LF yields a last numbered empty line.
   */
  public static String codeBlock(Map<String, String> codeContext) {
    int size = codeContext.values().stream().mapToInt(c -> c.length() + c.length() / 8).sum();
    StringBuilder out = new StringBuilder(size + 64 * codeContext.size());
    for (Map.Entry<String, String> file : codeContext.entrySet()) {
      out.append("[start of ").append(file.getKey()).append("]\n");
      appendNumbered(out, file.getValue());
      out.append("\n[end of ").append(file.getKey()).append("]\n");
    }
    dropTrailingNewline(out);
    return out.toString();
  }

  /** Each step framed by {@code [start of step k]} / {@code [end of step k]}, k from 1. */
  public static String historyBlock(List<String> history) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < history.size(); i++) {
      out.append("[start of step ").append(i + 1).append("]\n")
          .append(history.get(i))
          .append("\n[end of step ").append(i + 1).append("]\n");
    }
    dropTrailingNewline(out);
    return out.toString();
  }

  private static void appendNumbered(StringBuilder out, String content) {
    int line = 1;
    int start = 0;
    while (true) {
      int end = content.indexOf('\n', start);
      out.append(line++).append(' ');
      if (end < 0) {
        out.append(content, start, content.length());
        return;
      }
      out.append(content, start, end + 1);
      start = end + 1;
    }
  }

  private static void dropTrailingNewline(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
      out.setLength(out.length() - 1);
    }
  }
}
