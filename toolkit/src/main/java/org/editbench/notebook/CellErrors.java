package org.editbench.notebook;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;
import org.editbench.core.DataFormatException;

/**
 * What went wrong in a cell, said in the cell's terms: compiler diagnostics and stack frames point
 * at cell lines ({@code In [3] line 5}), and stops (interrupt, timeout) say what happened to the
 * statements after them. Remembers where each snippet came from, so that a method declared in one
 * cell and failing when called from another names both.
 */
final class CellErrors {
  private final JShell jshell;
  private final Duration timeout;

  /** Where each snippet came from, by snippet id: stack frames name the snippet as {@code #id}. */
  private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();

  private record SnippetOrigin(String cellName, int firstLine) {}

  /** The frames of threads cells start, which JShell does not translate. */
  private final WrapperFrames wrapperFrames;

  CellErrors(JShell jshell, Duration timeout) {
    this.jshell = jshell;
    this.timeout = timeout;
    this.wrapperFrames = new WrapperFrames(jshell.sourceCodeAnalysis());
  }

  /** Records that {@code snippet}'s first line is line {@code firstLine} of {@code cellName}. */
  void remember(Snippet snippet, String cellName, int firstLine) {
    origins.put(snippet.id(), new SnippetOrigin(cellName, firstLine));
    wrapperFrames.remember(snippet);
  }

  /**
   * An exception no code caught on {@code thread} (one a cell started), as the JVM prints it — the
   * thread, the exception, its causes — with frames in the cell's terms, as a cell's own exception.
   */
  String uncaught(Thread thread, Throwable exception) {
    StringBuilder text = new StringBuilder("Exception in thread \"" + thread.getName() + "\" ");
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable t = exception; t != null && seen.add(t); t = t.getCause()) {
      text.append(t == exception ? "" : "Caused by: ")
          .append(withoutWrapperNames(t.toString()))
          .append('\n');
      for (String frame : userFrames(wrapperFrames.translate(t.getStackTrace()))) {
        text.append(frame).append('\n');
      }
    }
    return text.toString();
  }

  CellException timedOut() {
    String limit = timeout.toMillis() + " ms";
    return new CellException(
        "TimeoutException",
        "a statement ran longer than " + limit,
        List.of(
            "A statement ran longer than "
                + limit
                + " ("
                + EvaluatorConfig.TIMEOUT
                + ") and was stopped."));
  }

  /** A magic that threw: its message, with the cell line of the magic. */
  static CellException magicFailed(String shownName, String cellName, int line, Exception e) {
    Exception cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    // A file error's message is the file's name alone: say what happened to it.
    if (cause instanceof NoSuchFileException missing) {
      message = missing.getFile() + ": no such file";
    } else if (cause instanceof FileSystemException failed && failed.getReason() != null) {
      message = failed.getFile() + ": " + failed.getReason();
    } else if (cause instanceof AccessDeniedException denied) {
      message = denied.getFile() + ": permission denied";
    }
    // A magic given what it cannot use is a usage error, as IPython names it, not a Java class.
    String name =
        cause instanceof IllegalArgumentException && !(cause instanceof DataFormatException)
            ? "UsageError"
            : cause.getClass().getSimpleName();
    return new CellException(
        name, message, List.of(cellName + " line " + line + ": " + shownName + ": " + message));
  }

  /** Each diagnostic of a rejected snippet with its cell line, the line's text and a caret. */
  CellException compilation(Snippet snippet, String source, String cellName, int snippetLine) {
    // Warnings too: with -Werror (IJAVA_COMPILER_OPTS) they are why the snippet was rejected.
    List<Diag> diagnostics = jshell.diagnostics(snippet).toList();
    List<Diag> errors = diagnostics.stream().filter(Diag::isError).toList();
    if (errors.isEmpty()) {
      return new CellException(
          "CompilationException",
          "the snippet was rejected",
          List.of(
              cellName
                  + " line "
                  + snippetLine
                  + ": rejected: "
                  + source.lines().findFirst().orElse("")));
    }
    String first = errors.get(0).getMessage(Locale.ROOT).lines().findFirst().orElse("");
    return new CellException(
        "CompilationException", first, described(diagnostics, source, cellName, snippetLine));
  }

  /**
   * The warnings of an accepted snippet (unchecked calls; with {@code -Xlint:all} in
   * IJAVA_COMPILER_OPTS, every lint), as {@link #compilation} shows diagnostics; none mostly.
   */
  List<String> warnings(Snippet snippet, String source, String cellName, int snippetLine) {
    List<Diag> warnings = jshell.diagnostics(snippet).filter(d -> !d.isError()).toList();
    return warnings.isEmpty() ? List.of() : described(warnings, source, cellName, snippetLine);
  }

  /**
   * A diagnostic without javac's "location: class" line when the class is JShell's wrapper, which
   * JShell blanks out: "location: class " named nothing a cell declares.
   */
  static String withoutWrapperLocation(String message) {
    return message.replaceAll("\\n\\s*location: class\\s*(?=\\n|$)", "");
  }

  /** Each diagnostic with its cell line, the line's text and a caret under its position. */
  private static List<String> described(
      List<Diag> diagnostics, String source, String cellName, int snippetLine) {
    List<String> lines = new ArrayList<>();
    for (Diag diag : diagnostics) {
      long position =
          Math.max(0, diag.getPosition() >= 0 ? diag.getPosition() : diag.getStartPosition());
      int offset = (int) Math.min(position, source.length());
      int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
      int lineEnd = source.indexOf('\n', offset);
      String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
      int cellLine = snippetLine + countNewlines(source, offset);
      lines.add(
          cellName
              + " line "
              + cellLine
              + (diag.isError() ? ": error: " : ": warning: ")
              + withoutWrapperLocation(diag.getMessage(Locale.ROOT)));
      lines.add("    " + line);
      lines.add("    " + " ".repeat(offset - lineStart) + "^");
    }
    return lines;
  }

  /** An exception thrown by cell code, its causes, and their frames down to the last cell frame. */
  CellException runtime(JShellException exception) {
    String ename;
    String evalue;
    if (exception instanceof EvalException eval) {
      ename = withoutWrapperNames(eval.getExceptionClassName());
      evalue = eval.getMessage() == null ? "" : withoutWrapperNames(eval.getMessage());
    } else if (exception instanceof UnresolvedReferenceException unresolved) {
      ename = "UnresolvedReferenceException";
      evalue = describeUnresolved(unresolved.getSnippet());
    } else {
      ename = exception.getClass().getName();
      evalue = String.valueOf(exception.getMessage());
    }
    List<String> traceback = new ArrayList<>();
    traceback.add(evalue.isEmpty() ? ename : ename + ": " + evalue);
    StackTraceElement[] frames = exception.getStackTrace();
    if (isToolkitRefusal(ename, frames) && exception.getCause() == null) {
      traceback.addAll(cellFramesOnly(frames));
      return new CellException(ename, evalue, traceback);
    }
    traceback.addAll(userFrames(frames));
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable cause = exception.getCause();
        cause != null && seen.add(cause);
        cause = cause.getCause()) {
      String name =
          cause instanceof EvalException eval
              ? eval.getExceptionClassName()
              : cause.getClass().getName();
      traceback.add(
          withoutWrapperNames(
              "Caused by: "
                  + name
                  + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
      traceback.addAll(userFrames(cause.getStackTrace()));
    }
    return new CellException(ename, evalue, traceback);
  }

  private String describeUnresolved(DeclarationSnippet snippet) {
    return snippet.name()
        + " "
        + SnippetNotices.usableOnceDeclared(jshell.unresolvedDependencies(snippet).toList());
  }

  /**
   * Whether the toolkit refused what a cell asked of it (bad input, a setting missing): an {@code
   * IllegalArgumentException} or a file's {@code DataFormatException} thrown by editbench's code.
   * Its message says what is wrong and what to do, as the command line prints it alone; the frames
   * inside the toolkit would only bury it.
   */
  private static boolean isToolkitRefusal(String exceptionClass, StackTraceElement[] frames) {
    return (exceptionClass.equals(IllegalArgumentException.class.getName())
            || exceptionClass.equals(DataFormatException.class.getName()))
        && frames.length > 0
        && frames[0].getClassName().startsWith(TOOLKIT_PACKAGE);
  }

  private static final String TOOLKIT_PACKAGE = "org.editbench.";

  /** The cell's frames, after a line saying how many frames around them were left out. */
  private List<String> cellFramesOnly(StackTraceElement[] frames) {
    List<String> cellFrames = new ArrayList<>();
    int cellFrameCount = 0;
    for (StackTraceElement frame : frames) {
      if (isCellFrame(frame)) {
        cellFrameCount++;
        addFrame(cellFrames, "\tat " + cellFrame(frame));
      }
    }
    if (cellFrames.isEmpty()) {
      return userFrames(frames); // no cell frame: the whole story
    }
    int lastCell = frames.length - 1;
    while (!isCellFrame(frames[lastCell])) {
      lastCell--;
    }
    int leftOut = lastCell + 1 - cellFrameCount;
    List<String> lines = new ArrayList<>();
    lines.add(
        "\t... "
            + leftOut
            + (leftOut == 1 ? " frame" : " frames")
            + " in the editbench toolkit and the JDK");
    lines.addAll(cellFrames);
    return lines;
  }

  /**
   * The frames down to the last one in cell code: what the cell called and where, without JShell's
   * and reflection's machinery beneath. Cell frames name the cell and line.
   */
  private List<String> userFrames(StackTraceElement[] frames) {
    int lastUserFrame = -1;
    for (int i = 0; i < frames.length; i++) {
      if (isCellFrame(frames[i])) {
        lastUserFrame = i;
      }
    }
    int end = lastUserFrame < 0 ? frames.length : lastUserFrame + 1;
    int firstUserFrame = 0;
    while (firstUserFrame < end && !isCellFrame(frames[firstUserFrame])) {
      firstUserFrame++;
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      // Between two cell frames, library code that called the cell back (a stream's pipeline, a
      // forEach): how many frames, not which. Above the first, where the exception was thrown,
      // every frame stays.
      int library = 0;
      while (i + library < end && i > firstUserFrame && !isCellFrame(frames[i + library])) {
        library++;
      }
      if (library > 2) {
        lines.add("\t... " + library + " frames of the JDK and libraries");
        i += library - 1;
        continue;
      }
      addFrame(
          lines, "\tat " + (isCellFrame(frames[i]) ? cellFrame(frames[i]) : frames[i].toString()));
    }
    return collapseRepeats(lines);
  }

  /**
   * Adds a traceback line, but not a second top-level one in a row: JShell runs a var declaration's
   * initializer in a method of its own, called from the snippet's, so both frames say "(In [4] line
   * 1)". (A method's own frames repeat in a recursion, which collapseRepeats counts.)
   */
  private static void addFrame(List<String> lines, String line) {
    boolean topLevel = line.startsWith("\tat (");
    if (!(topLevel && !lines.isEmpty() && lines.get(lines.size() - 1).equals(line))) {
      lines.add(line);
    }
  }

  /**
   * The classes JShell wraps each snippet in ({@code REPL.$JShell$49}) are not the cell's: a class
   * {@code Old} declared in a cell is {@code REPL.$JShell$50$Old} to the JVM, and a null local is
   * {@code "REPL.$JShell$49.o"} in a NullPointerException's message. This drops the wrapper.
   */
  static String withoutWrapperNames(String text) {
    return WRAPPER.matcher(text).replaceAll("");
  }

  private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*[.$]");

  /** Longest cycle of frames {@link #collapseRepeats} looks for: a recursion through 4 methods. */
  private static final int MAX_CYCLE = 4;

  /**
   * A recursion's frames once, then how often they repeat: a StackOverflowError showed the same
   * frame 1,024 times.
   */
  static List<String> collapseRepeats(List<String> lines) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      int bestCycle = 0;
      int bestRepeats = 0;
      for (int cycle = 1; cycle <= MAX_CYCLE && i + 2 * cycle <= lines.size(); cycle++) {
        int repeats = 1;
        while (i + (repeats + 1) * cycle <= lines.size()
            && lines
                .subList(i, i + cycle)
                .equals(lines.subList(i + repeats * cycle, i + (repeats + 1) * cycle))) {
          repeats++;
        }
        if (repeats * cycle > bestRepeats * bestCycle) {
          bestCycle = cycle;
          bestRepeats = repeats;
        }
      }
      if (bestRepeats >= 3) {
        out.addAll(lines.subList(i, i + bestCycle));
        out.add(
            "\t… the "
                + (bestCycle == 1 ? "frame above" : bestCycle + " frames above")
                + " "
                + (bestRepeats - 1)
                + " more times");
        i += bestRepeats * bestCycle;
      } else {
        out.add(lines.get(i));
        i++;
      }
    }
    return out;
  }

  private static boolean isCellFrame(StackTraceElement frame) {
    return frame.getFileName() != null && frame.getFileName().startsWith("#");
  }

  private String cellFrame(StackTraceElement frame) {
    // JShell runs a cell's top-level code in wrapper methods it names do_it$ (do_it$Aux for a
    // value): that is the cell itself, shown by its line alone; a lambda there is javac's
    // lambda$do_it$$0, shown as a lambda.
    String method = frame.getMethodName();
    if (method.startsWith("do_it$")) {
      method = "";
    } else if (method.startsWith("lambda$do_it$")) {
      method = "lambda";
    }
    String where =
        frame.getClassName().isEmpty() || method.isEmpty()
            ? method
            : frame.getClassName() + "." + method;
    SnippetOrigin origin = origins.get(frame.getFileName().substring(1));
    String location =
        origin == null
            ? "snippet " + frame.getFileName() + " line " + frame.getLineNumber()
            : origin.cellName() + " line " + (origin.firstLine() + frame.getLineNumber() - 1);
    return (where.isEmpty() ? "" : where + " ") + "(" + location + ")";
  }

  /** How many line breaks {@code text} has before {@code end}: the line offset of a position. */
  static int countNewlines(String text, int end) {
    int count = 0;
    for (int i = 0; i < Math.min(end, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
