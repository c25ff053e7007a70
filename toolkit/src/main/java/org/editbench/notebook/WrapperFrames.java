package org.editbench.notebook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Stack frames of cell code as the JVM records them — in JShell's wrapper classes ({@code
 * REPL.$JShell$14}, file {@code $JShell$14.java}, a line of the wrapped source) — turned into the
 * frames JShell gives for an exception a cell throws ({@code #id}, a line of the snippet), so that
 * an exception thrown on a thread a cell started reads like one the cell threw. JShell translates
 * only the exceptions of the snippet it runs; a thread's uncaught exception reaches nobody but the
 * JVM.
 */
final class WrapperFrames {
  /**
   * A wrapper class's name: the snippet's wrapper ({@code REPL.$JShell$14}, as {@link
   * SourceCodeAnalysis#wrapper} names it), a letter for each time JShell compiled it again after a
   * declaration it uses changed ({@code $JShell$14B}), and a class the snippet declares.
   */
  private static final Pattern WRAPPER_CLASS =
      Pattern.compile("(REPL\\.\\$JShell\\$\\d+)[A-Z]*(?:\\$(.+))?");

  private record Wrapped(String snippetId, SourceCodeAnalysis.SnippetWrapper wrapper) {}

  private final SourceCodeAnalysis analysis;
  private final Map<String, Wrapped> byClass = new ConcurrentHashMap<>();

  WrapperFrames(SourceCodeAnalysis analysis) {
    this.analysis = analysis;
  }

  /** Records {@code snippet}'s wrapper class; on the thread that evaluated it. */
  void remember(Snippet snippet) {
    try {
      SourceCodeAnalysis.SnippetWrapper wrapper = analysis.wrapper(snippet);
      byClass.put(wrapper.fullClassName(), new Wrapped(snippet.id(), wrapper));
    } catch (RuntimeException e) {
      // a snippet JShell keeps no wrapper for (rejected): its frames stay as the JVM gave them
    }
  }

  /** {@code frames} with every frame of a remembered wrapper class as JShell would give it. */
  StackTraceElement[] translate(StackTraceElement[] frames) {
    StackTraceElement[] out = frames.clone();
    for (int i = 0; i < out.length; i++) {
      Matcher name = WRAPPER_CLASS.matcher(out[i].getClassName());
      Wrapped wrapped = name.matches() ? byClass.get(name.group(1)) : null;
      if (wrapped == null) {
        continue;
      }
      out[i] =
          new StackTraceElement(
              name.group(2) == null ? "" : name.group(2),
              out[i].getMethodName(),
              "#" + wrapped.snippetId(),
              snippetLine(wrapped.wrapper(), out[i].getLineNumber()));
    }
    return out;
  }

  /** The snippet's line (from 1) of line {@code wrappedLine} of its wrapped source; -1 unknown. */
  private static int snippetLine(SourceCodeAnalysis.SnippetWrapper wrapper, int wrappedLine) {
    String wrapped = wrapper.wrapped();
    int at = 0;
    for (int line = 1; line < wrappedLine && at >= 0; line++) {
      at = wrapped.indexOf('\n', at);
      at = at < 0 ? -1 : at + 1;
    }
    if (at < 0) {
      return -1;
    }
    while (at < wrapped.length() && wrapped.charAt(at) == ' ') {
      at++;
    }
    int position = wrapper.wrappedToSourcePosition(at);
    return position < 0 ? -1 : CellErrors.countNewlines(wrapper.source(), position) + 1;
  }
}
