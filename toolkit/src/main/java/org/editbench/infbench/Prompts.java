package org.editbench.infbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.editbench.core.TextValue;
import org.editbench.text.LfLines;
import org.editbench.text.PyStrings;

/**
 * Builds the prompt text from its parts: pure, the way the reference lays it out. The parts are
 * {@link TextValue}s so that an instance's variants can share them and write each escaped once.
 */
public final class Prompts {
  private static final TextValue EMPTY = TextValue.of("");

  private Prompts() {}

  /**
   * The prompt for a requirement, the code context (path → content, in order) and the history
   * steps; the empty string when there is neither requirement nor history, as in the reference.
   */
  public static String build(
      String requirement, Map<String, String> codeContext, List<String> history) {
    return compose(
            requirement,
            codeBlockOf(codeContext),
            historyBlockOf(history.stream().map(TextValue::of).toList()),
            !history.isEmpty())
        .text();
  }

  /** The prompt from already formatted code and history blocks (which variants may share). */
  public static TextValue compose(
      String requirement, TextValue codeBlock, TextValue historyBlock, boolean hasHistory) {
    PromptTemplate template = PromptTemplate.choose(PyStrings.hasNonSpace(requirement), hasHistory);
    if (template == null) {
      return EMPTY;
    }
    return template.fill(
        Map.of(
            "problem_statement", TextValue.of(requirement),
            "code_context", codeBlock,
            "historical_code_changes", historyBlock));
  }

  /**
   * Each file framed by {@code [start of P]} / {@code [end of P]}, its lines {@linkplain
   * #numberedLines numbered}.
   */
  public static String codeBlock(Map<String, String> codeContext) {
    return codeBlockOf(codeContext).text();
  }

  /** {@link #codeBlock(Map)} as a value. */
  public static TextValue codeBlockOf(Map<String, String> codeContext) {
    List<String> paths = new ArrayList<>(codeContext.size());
    List<TextValue> numbered = new ArrayList<>(codeContext.size());
    codeContext.forEach(
        (path, content) -> {
          paths.add(path);
          numbered.add(numberedLines(content));
        });
    return codeBlockOf(paths, numbered);
  }

  /**
   * The code block of files already {@linkplain #numberedLines numbered} (which split points may
   * share).
   */
  public static TextValue codeBlockOf(List<String> paths, List<TextValue> numberedContents) {
    return framed(
        paths.stream().map(p -> "[start of " + p + "]").toList(),
        numberedContents,
        paths.stream().map(p -> "[end of " + p + "]").toList());
  }

  /**
   * Every line of {@code content} (split at LF only) prefixed with its 1-based number and a space —
   * so a final LF yields a last numbered empty line. Written escaped without being built.
   */
  public static TextValue numberedLines(String content) {
    return numberedLines(LfLines.of(content));
  }

  /** {@link #numberedLines(String)} of a text whose lines are known. */
  public static TextValue numberedLines(LfLines content) {
    String text = content.text();
    return TextValue.shared(
        () -> {
          StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
          forEachLine(
              content, (number, from, to) -> out.append(number).append(' ').append(text, from, to));
          return out.toString();
        },
        json ->
            forEachLine(
                content,
                (number, from, to) -> json.number(number).raw(' ').escaped(text, from, to)));
  }

  /** Receives line {@code number} of a text, which spans {@code [from, to)} with its LF if any. */
  @FunctionalInterface
  private interface LineSink {
    void line(int number, int from, int to);
  }

  private static void forEachLine(LfLines content, LineSink sink) {
    int count = content.count();
    for (int k = 0; k < count; k++) {
      sink.line(k + 1, content.start(k), content.start(k + 1));
    }
    String text = content.text();
    if (text.isEmpty() || text.charAt(text.length() - 1) == '\n') {
      sink.line(count + 1, text.length(), text.length());
    }
  }

  /** Each step framed by {@code [start of step k]} / {@code [end of step k]}, k from 1. */
  public static String historyBlock(List<String> history) {
    return historyBlockOf(history.stream().map(TextValue::of).toList()).text();
  }

  /** {@link #historyBlock} of steps as values (which split points may share). */
  public static TextValue historyBlockOf(List<TextValue> steps) {
    List<String> starts = new ArrayList<>(steps.size());
    List<String> ends = new ArrayList<>(steps.size());
    for (int k = 1; k <= steps.size(); k++) {
      starts.add("[start of step " + k + "]");
      ends.add("[end of step " + k + "]");
    }
    return framed(starts, steps, ends);
  }

  /** {@code "{start}\n{body}\n{end}"} per body, joined by LF. */
  private static TextValue framed(List<String> starts, List<TextValue> bodies, List<String> ends) {
    List<TextValue> parts = new ArrayList<>(3 * bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      parts.add(TextValue.of(starts.get(i) + "\n"));
      parts.add(bodies.get(i));
      parts.add(TextValue.of("\n" + ends.get(i) + (i + 1 < bodies.size() ? "\n" : "")));
    }
    return TextValue.concat(parts);
  }
}
