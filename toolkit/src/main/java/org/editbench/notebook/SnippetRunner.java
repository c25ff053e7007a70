package org.editbench.notebook;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.spi.ExecutionControl;

/**
 * Runs the Java of a cell through JShell, one snippet (statement, expression or declaration) at a
 * time, and hands back the value of the last one. Interrupts and timeouts end the cell between or
 * during snippets; errors come from {@link CellErrors}, in cell lines.
 */
final class SnippetRunner {
  /** What a snippet that shows no value (a declaration, an assignment) evaluates to. */
  static final Object NO_VALUE = new Object();

  private final JShell jshell;
  private final SourceCodeAnalysis analysis;
  private final CellExecutionControl control;
  private final CellErrors errors;
  private volatile boolean interruptRequested;

  SnippetRunner(
      JShell jshell, SourceCodeAnalysis analysis, CellExecutionControl control, CellErrors errors) {
    this.jshell = jshell;
    this.analysis = analysis;
    this.control = control;
    this.errors = errors;
  }

  /** Forgets the previous cell's interrupt and timeout. */
  void beginCell() {
    interruptRequested = false;
    control.beginCell();
    control.takeTimedOut();
  }

  /** Stops the running snippet and the rest of the cell; safe to call from any thread. */
  void interrupt() {
    interruptRequested = true;
    jshell.stop();
  }

  /**
   * Runs {@code work} (a magic, the rendering of a value: cell code that is no snippet) where
   * {@link #interrupt()} stops it as it stops a snippet.
   *
   * @throws CellException an interruption, when stopped
   * @throws Exception what {@code work} threw; an error it threw is thrown as it is
   */
  <T> T runStoppable(String threadName, Callable<T> work) throws Exception {
    try {
      return control.runStoppable(threadName, null, work, false);
    } catch (ExecutionControl.StoppedException e) {
      throw CellException.interrupted();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  void checkInterrupted() throws CellException {
    if (interruptRequested) {
      throw CellException.interrupted();
    }
  }

  /**
   * Runs {@code code}, whose first line is line {@code firstLine} of {@code cellName}; returns the
   * last snippet's value, or {@link #NO_VALUE}.
   */
  Object run(String cellName, String code, int firstLine, CellOutput output) throws CellException {
    Object value = NO_VALUE;
    String remaining = code;
    int consumed = 0;
    while (!remaining.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
        break;
      }
      String snippet;
      String rest;
      if (info.completeness().isComplete()
          || info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) {
        snippet = info.source() == null ? remaining : info.source();
        rest = info.remaining() == null ? "" : info.remaining();
      } else {
        // Incomplete to the end of the cell: the compiler says what is missing, and where.
        snippet = remaining;
        rest = "";
      }
      // Snippets start at their first non-blank character, so that compiler positions and stack
      // line numbers, both relative to the snippet, map to the same cell line.
      int snippetStart = consumed + leadingWhitespace(remaining);
      int snippetLine = firstLine + CellErrors.countNewlines(code, snippetStart);
      checkInterrupted();
      value =
          evaluate(cellName, snippet.substring(leadingWhitespace(snippet)), snippetLine, output);
      // As in IPython, a semicolon after the cell's last expression hides its value: JShell's
      // source has one added as needed, so the cell's own text tells.
      if (lastCodeChar(remaining.substring(0, remaining.length() - rest.length())) == ';') {
        value = NO_VALUE;
      }
      consumed += remaining.length() - rest.length();
      remaining = rest;
    }
    return value;
  }

  private Object evaluate(String cellName, String source, int snippetLine, CellOutput output)
      throws CellException {
    List<SnippetEvent> events = jshell.eval(source);
    if (control.takeTimedOut()) {
      throw errors.timedOut();
    }
    checkInterrupted();
    for (SnippetEvent event : events) {
      SnippetNotices.of(jshell, event).ifPresent(note -> output.stderr(note + "\n"));
    }
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue; // a snippet updated because of this one
      }
      Snippet snippet = event.snippet();
      errors.remember(snippet, cellName, snippetLine);
      if (event.status() == Snippet.Status.REJECTED) {
        throw errors.compilation(snippet, source, cellName, snippetLine);
      }
      List<String> warnings = errors.warnings(snippet, source, cellName, snippetLine);
      if (!warnings.isEmpty()) {
        output.stderr(String.join("\n", warnings) + "\n");
      }
      // JShell keeps an expression's value as a $N variable that every later snippet imports:
      // compiling a cell grows slower with each expression run (twice as slow after a hundred),
      // and a large result stays in memory. The value is shown; a variable keeps it. An
      // expression that threw leaves one too.
      boolean temporary = snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
      if (event.exception() != null) {
        CellException error = errors.runtime(event.exception());
        if (temporary) {
          jshell.drop(snippet);
        }
        throw error;
      }
      if (!showsValue(snippet)) {
        return NO_VALUE;
      }
      Object value = control.takeLastValue();
      if (temporary) {
        jshell.drop(snippet);
      }
      return value;
    }
    return NO_VALUE;
  }

  /** An expression's value is shown (as IPython shows it); declarations and assignments are not. */
  private static boolean showsValue(Snippet snippet) {
    return switch (snippet.subKind()) {
      case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
      default -> false;
    };
  }

  /**
   * The last character of {@code source} that is code: not white space, not in a comment ({@code
   * sb.append(1); // note} ends with its semicolon); 0 for none. String and character literals are
   * passed over whole, so a {@code //} inside one starts no comment.
   */
  static char lastCodeChar(String source) {
    return scan(source).lastCodeChar();
  }

  /**
   * Whether {@code source} ends inside a string, text block or character literal that it does not
   * close: there, completion offers nothing (as IPython offers nothing inside a string).
   */
  static boolean endsInLiteral(String source) {
    return scan(source).endsInLiteral();
  }

  private record Scan(char lastCodeChar, boolean endsInLiteral) {}

  /** One pass over {@code source}'s code, comments and literals. */
  private static Scan scan(String source) {
    char last = 0;
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
        int end = source.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '"' || c == '\'') {
        int end = literalEnd(source, i);
        if (end < 0) {
          return new Scan(c, true);
        }
        i = end;
        last = c;
      } else {
        if (!Character.isWhitespace(c)) {
          last = c;
        }
        i++;
      }
    }
    return new Scan(last, false);
  }

  /**
   * The index after the string, text block or character literal that starts at {@code start}; -1
   * when {@code source} ends before the literal does.
   */
  private static int literalEnd(String source, int start) {
    String quote =
        source.startsWith("\"\"\"", start) ? "\"\"\"" : source.substring(start, start + 1);
    int i = start + quote.length();
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(quote, i)) {
        return i + quote.length();
      } else {
        i++;
      }
    }
    return -1;
  }

  private static int leadingWhitespace(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
