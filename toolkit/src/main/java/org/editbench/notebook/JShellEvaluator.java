package org.editbench.notebook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.UnresolvedReferenceException;
import org.editbench.notebook.CellSource.Java;
import org.editbench.notebook.CellSource.Magic;

/**
 * One Java session for notebook cells: JShell evaluating in this JVM, with the toolkit on the class
 * path and its facade imported, magics run in line order, and the trailing expression's value
 * rendered by type. The Jupyter kernel and {@code editbench notebook run} both run cells here.
 *
 * <p>Cells run one at a time; {@link #interrupt()} may be called from another thread.
 */
public final class JShellEvaluator implements AutoCloseable {
  /** jshell's own default imports, the toolkit's facade and its core values (Reporter, DataPaths), the display helpers. */
  static final List<String> DEFAULT_IMPORTS = List.of(
      "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
      "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*", "java.util.stream.*",
      "org.editbench.*", "org.editbench.core.*", "tech.tablesaw.api.*",
      "static org.editbench.notebook.Display.*");

  private static final Object NO_VALUE = new Object();

  private final JShell jshell;
  private final SourceCodeAnalysis analysis;
  private final CellExecutionControl control;
  private final DisplayRenderers renderers;
  private final Magics magics;
  private final EvaluatorConfig config;
  private final ToolkitSources toolkitSources = new ToolkitSources(JShellEvaluator.class.getClassLoader());
  /** Where each snippet came from ("In [3]", line 5), so stack traces point into cells. */
  private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
  /** The compiler's file manager, once JShell has made its compiler. */
  private volatile StableOptionsFileManager compilerFileManager;
  private volatile boolean interruptRequested;
  /** Jars were added (at start or by a magic) since magic providers were last looked for in them. */
  private boolean classpathChanged;

  private record SnippetOrigin(String cellName, int firstLine) {}

  private JShellEvaluator(EvaluatorConfig config, DisplayRenderers renderers, Magics magics) {
    this.config = config;
    this.renderers = renderers;
    this.magics = magics;
    CellExecutionControl.Provider engine = new CellExecutionControl.Provider(config.timeout().toMillis());
    // JShell's class loader makes itself the building thread's context loader; keep ours.
    ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
    try {
      this.jshell = JShell.builder()
          .executionEngine(engine, Map.of())
          .compilerOptions(config.compilerOptions().toArray(String[]::new))
          .fileManager(standard -> compilerFileManager = new StableOptionsFileManager(standard))
          .build();
    } finally {
      Thread.currentThread().setContextClassLoader(contextLoader);
    }
    this.control = engine.control();
    // Before sourceCodeAnalysis(): creating it starts JShell's class path indexer on another thread,
    // which reads the compiler's class path while addToClasspath changes it — a race that now and
    // then left IJAVA_CLASSPATH's jars out of the compiler's view.
    for (String entry : config.classpath()) {
      PathGlobs.expand(entry).forEach(path -> jshell.addToClasspath(path.toString()));
      classpathChanged = true;
    }
    this.analysis = jshell.sourceCodeAnalysis();
  }

  /**
   * A ready session: {@code IJAVA_CLASSPATH} added, default imports done, startup scripts run
   * (their output goes to {@code startupOutput}).
   *
   * @throws CellException when a startup script fails
   */
  public static JShellEvaluator start(EvaluatorConfig config, CellOutput startupOutput) throws CellException {
    JShellEvaluator evaluator = new JShellEvaluator(config, DisplayRenderers.standard(), Magics.standard());
    try {
      evaluator.initialize(startupOutput);
    } catch (CellException | RuntimeException e) {
      evaluator.close();
      throw e;
    }
    return evaluator;
  }

  private void initialize(CellOutput startupOutput) throws CellException {
    StringBuilder imports = new StringBuilder();
    DEFAULT_IMPORTS.forEach(name -> imports.append("import ").append(name).append(";\n"));
    execute("startup", imports.toString(), startupOutput);
    for (String pattern : config.startupScriptPaths()) {
      for (Path script : PathGlobs.expand(pattern)) {
        execute(script.getFileName().toString(), readScript(script), startupOutput);
      }
    }
    if (!config.startupScript().isBlank()) {
      execute(EvaluatorConfig.STARTUP_SCRIPT, config.startupScript(), startupOutput);
    }
  }

  private static String readScript(Path script) {
    try {
      return Files.readString(script);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read startup script " + script, e);
    }
  }

  /**
   * Runs a cell: magic lines and Java snippets in order, output streamed to {@code output} as it
   * comes. Returns the rendered value of a trailing expression, if the cell ends with one.
   *
   * @param cellName how tracebacks name this cell, e.g. {@code In [3]}
   * @throws CellException when a snippet does not compile, throws, is interrupted or times out,
   *     or a magic fails; the snippets before it have run
   */
  public Optional<MimeBundle> execute(String cellName, String code, CellOutput output) throws CellException {
    interruptRequested = false;
    control.beginCell();
    control.takeTimedOut();
    Display.ActiveCell previousCell = Display.bind(new Display.ActiveCell(output, renderers, magics));
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    InputStream savedIn = System.in;
    CellStream out = new CellStream(output::stdout);
    CellStream err = new CellStream(output::stderr);
    System.setOut(out.printStream());
    System.setErr(err.printStream());
    // Cells have no terminal: reading standard input sees its end rather than hanging the kernel.
    System.setIn(new ByteArrayInputStream(new byte[0]));
    try {
      return runParts(cellName, code, 0, output);
    } finally {
      out.printStream().flush();
      err.printStream().flush();
      System.setOut(savedOut);
      System.setErr(savedErr);
      System.setIn(savedIn);
      Display.restore(previousCell);
    }
  }

  /** Stops the running cell, if any; safe to call from any thread. */
  public void interrupt() {
    interruptRequested = true;
    jshell.stop();
  }

  @Override
  public void close() {
    jshell.close();
  }

  /**
   * How many compiler-option repeats the compiler's file manager absorbed (see
   * {@link StableOptionsFileManager}): above 0 once a cell has compiled, if it is installed.
   */
  int compilerOptionRepeatsAbsorbed() {
    StableOptionsFileManager fileManager = compilerFileManager;
    return fileManager == null ? 0 : fileManager.absorbedRepeats();
  }

  // ---- running code --------------------------------------------------------------------------

  /**
   * Runs cell code — magic lines and Java in order, or a cell magic — and renders its trailing
   * expression's value. {@code lineOffset} is added to the code's line numbers: nonzero for code a
   * magic runs.
   */
  private Optional<MimeBundle> runParts(String cellName, String code, int lineOffset, CellOutput output)
      throws CellException {
    Object value = NO_VALUE;
    for (CellSource.Part part : CellSource.split(code)) {
      checkInterrupted();
      int line = lineOffset + part.firstLine();
      if (part instanceof Magic magic) {
        Magics.LineMagic lineMagic = find(magic.name(), magics::find, "%", magics::names);
        value = NO_VALUE;
        runMagic("%" + magic.name(), cellName, line, () -> {
          lineMagic.run(CellSource.arguments(magic.arguments()),
              new SessionContext(output, cellName, magic.arguments(), line - 1));
          return Optional.empty();
        });
      } else if (part instanceof CellSource.CellMagic cellMagic) {
        Magics.CellMagic run = find(cellMagic.name(), magics::findCell, "%%", magics::cellNames);
        Optional<MimeBundle> shown = runMagic("%%" + cellMagic.name(), cellName, line, () -> run.run(
            CellSource.arguments(cellMagic.arguments()), cellMagic.body(),
            new SessionContext(output, cellName, cellMagic.arguments(), line)));
        value = shown.isPresent() ? shown.get() : NO_VALUE;
      } else {
        Java java = (Java) part;
        value = evaluateJava(cellName, java.code(), line);
      }
    }
    return value == NO_VALUE ? Optional.empty() : Optional.of(render(value));
  }

  /**
   * The magic of that name; when there is none and jars were added since providers were last
   * looked for, those jars' {@link Magics.Provider}s are loaded first (they live in JShell's class
   * loader, which only a snippet's thread has as its context loader).
   */
  private <M> M find(String name, Function<String, Optional<M>> lookup, String prefix,
      Supplier<SortedSet<String>> known) throws CellException {
    Optional<M> found = lookup.apply(name);
    if (found.isEmpty() && classpathChanged) {
      classpathChanged = false;
      jshell.eval("org.editbench.notebook.Display.addMagicProviders();");
      found = lookup.apply(name);
    }
    return found.orElseThrow(() -> new CellException("UnknownMagic", prefix + name,
        List.of(prefix + name + " is not a magic here; known: " + known.get())));
  }

  private interface MagicRun {
    Optional<MimeBundle> run() throws Exception;
  }

  private Optional<MimeBundle> runMagic(String shownName, String cellName, int line, MagicRun magic)
      throws CellException {
    try {
      return magic.run();
    } catch (CellException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted();
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new CellException(e.getClass().getName(), message,
          List.of(cellName + " line " + line + ": " + shownName + ": " + message));
    }
  }

  /** The Java between magic lines, one JShell snippet at a time; the value of the last one. */
  private Object evaluateJava(String cellName, String code, int firstLine) throws CellException {
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
      if (info.completeness().isComplete() || info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) {
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
      int snippetLine = firstLine + countNewlines(code, snippetStart);
      checkInterrupted();
      value = evaluateSnippet(cellName, snippet.substring(leadingWhitespace(snippet)), snippetLine);
      consumed += remaining.length() - rest.length();
      remaining = rest;
    }
    return value;
  }

  private Object evaluateSnippet(String cellName, String source, int snippetLine) throws CellException {
    List<SnippetEvent> events = jshell.eval(source);
    if (control.takeTimedOut()) {
      throw timeoutError();
    }
    checkInterrupted();
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue; // a snippet updated because of this one
      }
      Snippet snippet = event.snippet();
      origins.put(snippet.id(), new SnippetOrigin(cellName, snippetLine));
      if (event.status() == Snippet.Status.REJECTED) {
        throw compilationError(snippet, source, cellName, snippetLine);
      }
      if (event.exception() != null) {
        throw runtimeError(event.exception());
      }
      if (!showsValue(snippet)) {
        return NO_VALUE;
      }
      Object value = control.takeLastValue();
      if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
        // JShell keeps an expression's value as a $N variable that every later snippet imports:
        // compiling a cell grows slower with each expression run (twice as slow after a hundred),
        // and a large result stays in memory. The value is shown; a variable keeps it.
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

  private MimeBundle render(Object value) throws CellException {
    try {
      return renderers.render(value);
    } catch (RuntimeException e) {
      throw new CellException(e.getClass().getName(), String.valueOf(e.getMessage()),
          List.of("rendering the cell's value failed: " + e));
    }
  }

  private void checkInterrupted() throws CellException {
    if (interruptRequested) {
      throw interrupted();
    }
  }

  private static CellException interrupted() {
    return new CellException("InterruptedException", "the cell was interrupted",
        List.of("Interrupted: the cell was stopped; its later statements did not run."));
  }

  private CellException timeoutError() {
    String limit = config.timeout().toMillis() + " ms";
    return new CellException("TimeoutException", "a statement ran longer than " + limit,
        List.of("A statement ran longer than " + limit + " (" + EvaluatorConfig.TIMEOUT + ") and was stopped."));
  }

  // ---- errors ----------------------------------------------------------------------------------

  private CellException compilationError(Snippet snippet, String source, String cellName, int snippetLine) {
    // Warnings too: with -Werror (IJAVA_COMPILER_OPTS) they are why the snippet was rejected.
    List<Diag> diagnostics = jshell.diagnostics(snippet).toList();
    List<Diag> errors = diagnostics.stream().filter(Diag::isError).toList();
    if (errors.isEmpty()) {
      return new CellException("CompilationException", "the snippet was rejected",
          List.of(cellName + " line " + snippetLine + ": rejected: " + source.lines().findFirst().orElse("")));
    }
    List<String> traceback = new ArrayList<>();
    for (Diag diag : diagnostics) {
      long position = Math.max(0, diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition());
      int offset = (int) Math.min(position, source.length());
      int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
      int lineEnd = source.indexOf('\n', offset);
      String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
      int cellLine = snippetLine + countNewlines(source, offset);
      traceback.add(cellName + " line " + cellLine + (diag.isError() ? ": error: " : ": warning: ")
          + diag.getMessage(Locale.ROOT));
      traceback.add("    " + line);
      traceback.add("    " + " ".repeat(offset - lineStart) + "^");
    }
    String first = errors.get(0).getMessage(Locale.ROOT).lines().findFirst().orElse("");
    return new CellException("CompilationException", first, traceback);
  }

  private CellException runtimeError(JShellException exception) {
    String ename;
    String evalue;
    if (exception instanceof EvalException eval) {
      ename = eval.getExceptionClassName();
      evalue = eval.getMessage() == null ? "" : eval.getMessage();
    } else if (exception instanceof UnresolvedReferenceException unresolved) {
      ename = "UnresolvedReferenceException";
      evalue = describeUnresolved(unresolved.getSnippet());
    } else {
      ename = exception.getClass().getName();
      evalue = String.valueOf(exception.getMessage());
    }
    List<String> traceback = new ArrayList<>();
    traceback.add(evalue.isEmpty() ? ename : ename + ": " + evalue);
    traceback.addAll(userFrames(exception.getStackTrace()));
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable cause = exception.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
      String name = cause instanceof EvalException eval ? eval.getExceptionClassName() : cause.getClass().getName();
      traceback.add("Caused by: " + name + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
      traceback.addAll(userFrames(cause.getStackTrace()));
    }
    return new CellException(ename, evalue, traceback);
  }

  private String describeUnresolved(jdk.jshell.DeclarationSnippet snippet) {
    List<String> missing = jshell.unresolvedDependencies(snippet).toList();
    return snippet.name() + " cannot be used until " + String.join(", ", missing) + " is declared";
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
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      lines.add("\tat " + (isCellFrame(frames[i]) ? cellFrame(frames[i]) : frames[i].toString()));
    }
    return lines;
  }

  private static boolean isCellFrame(StackTraceElement frame) {
    return frame.getFileName() != null && frame.getFileName().startsWith("#");
  }

  private String cellFrame(StackTraceElement frame) {
    String where = frame.getClassName().isEmpty() ? frame.getMethodName()
        : frame.getClassName() + "." + frame.getMethodName();
    SnippetOrigin origin = origins.get(frame.getFileName().substring(1));
    String location = origin == null
        ? "snippet " + frame.getFileName() + " line " + frame.getLineNumber()
        : origin.cellName() + " line " + (origin.firstLine() + frame.getLineNumber() - 1);
    return (where.isEmpty() ? "" : where + " ") + "(" + location + ")";
  }

  // ---- completion, inspection -------------------------------------------------------------------

  /** What may replace {@code code[start, end)} at the cursor. */
  public record Completions(List<String> matches, int start, int end) {}

  /** Whether a frontend should run the code now or wait for more lines. */
  public record Completeness(Status status, String indent) {
    public enum Status { COMPLETE, INCOMPLETE, INVALID }
  }

  public Completions complete(String code, int cursor) {
    SnippetAtCursor at = snippetAt(code, cursor);
    if (at == null) {
      return new Completions(List.of(), cursor, cursor);
    }
    if (at.inMagicName()) {
      List<String> names = magics.names().stream().filter(name -> name.startsWith(at.text())).toList();
      return new Completions(names, at.start(), cursor);
    }
    int[] anchor = new int[1];
    List<String> matches = analysis.completionSuggestions(at.text(), at.text().length(), anchor).stream()
        .map(SourceCodeAnalysis.Suggestion::continuation)
        .distinct()
        .toList();
    return new Completions(matches, at.start() + anchor[0], cursor);
  }

  public Completeness isComplete(String code) {
    List<CellSource.Part> parts = CellSource.split(code);
    for (CellSource.Part part : parts) {
      if (!(part instanceof Java java)) {
        continue;
      }
      String remaining = java.code();
      while (!remaining.isBlank()) {
        CompletionInfo info = analysis.analyzeCompletion(remaining);
        switch (info.completeness()) {
          case COMPLETE, COMPLETE_WITH_SEMI -> remaining = info.remaining();
          case EMPTY -> remaining = "";
          case UNKNOWN -> {
            return new Completeness(Completeness.Status.INVALID, "");
          }
          default -> {
            return new Completeness(Completeness.Status.INCOMPLETE, nextIndent(code));
          }
        }
      }
    }
    return new Completeness(Completeness.Status.COMPLETE, "");
  }

  /** The last line's indentation, one level deeper after an opening brace or parenthesis. */
  private static String nextIndent(String code) {
    String last = code.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("");
    String indent = last.substring(0, last.length() - last.stripLeading().length());
    String end = last.strip();
    return end.endsWith("{") || end.endsWith("(") ? indent + "    " : indent;
  }

  /** Signature and documentation of what is at the cursor, for Jupyter's inspect (Shift-Tab). */
  public Optional<String> inspect(String code, int cursor) {
    SnippetAtCursor at = snippetAt(code, cursor);
    if (at == null || at.inMagicName()) {
      return Optional.empty();
    }
    // Extend to the end of the identifier under the cursor, so "Math.a|bs" means Math.abs.
    int end = cursor;
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    return documentationOf(at.text() + code.substring(cursor, end), classNames());
  }

  /**
   * Signatures and Javadoc (the toolkit's always, the JDK's where its sources are installed) of a
   * class or member named as in code: {@code String}, {@code Math.max}, {@code EditBench.loadBench}.
   * A class also lists its members.
   */
  public Optional<String> documentation(String name) {
    Function<String, Optional<String>> classNames = classNames();
    Optional<String> own = documentationOf(name, classNames);
    if (own.isEmpty()) {
      return own;
    }
    List<String> members = new ArrayList<>();
    int[] anchor = new int[1];
    String qualifier = name + ".";
    for (SourceCodeAnalysis.Suggestion suggestion
        : analysis.completionSuggestions(qualifier, qualifier.length(), anchor)) {
      String member = suggestion.continuation().replace("(", "");
      if (member.equals("class")) {
        continue; // a class literal, not a member
      }
      documentationOf(qualifier + member, classNames).ifPresent(doc -> {
        if (!members.contains(doc)) {
          members.add(doc);
        }
      });
    }
    return Optional.of(members.isEmpty() ? own.get() : own.get() + "\n\nMembers:\n\n" + String.join("\n", members));
  }

  /**
   * @param classNames the qualified name of a class as the session names it (see
   *     {@link #classNames()}), to find the toolkit's Javadoc for a member
   */
  private Optional<String> documentationOf(String code, Function<String, Optional<String>> classNames) {
    List<Documentation> docs = analysis.documentation(code, code.length(), true);
    if (docs.isEmpty()) {
      // A method name alone has no documentation; its invocation does, one per overload.
      docs = analysis.documentation(code + "(", code.length() + 1, true);
    }
    if (docs.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (Documentation doc : docs) {
      String javadoc = doc.javadoc() == null || doc.javadoc().isBlank()
          ? toolkitSources.forSignature(doc.signature(), classNames).orElse("")
          : doc.javadoc();
      parts.add(javadoc.isBlank() ? doc.signature() : doc.signature() + "\n" + javadoc.strip() + "\n");
    }
    return Optional.of(String.join("\n", parts));
  }

  /**
   * The qualified name of the class a name means in the session (imported or qualified), if any,
   * remembered for one request: every member of a class asks for its owner, and each answer costs
   * a compiler pass. Not for longer, as a later import may change what a name means.
   */
  private Function<String, Optional<String>> classNames() {
    Map<String, Optional<String>> known = new HashMap<>();
    return name -> known.computeIfAbsent(name, this::qualifiedClassName);
  }

  private Optional<String> qualifiedClassName(String name) {
    return analysis.documentation(name, name.length(), false).stream()
        .map(Documentation::signature)
        .filter(signature -> signature.indexOf('(') < 0 && signature.indexOf(':') < 0)
        .map(ToolkitSources::eraseTypeArguments)
        .findFirst();
  }

  /**
   * The text from the start of the snippet (or magic name) the cursor is in up to the cursor, and
   * where it starts in the cell; null when the cursor is in a magic's arguments.
   * With {@code inMagicName}, the text is the part of a magic's name before the cursor.
   */
  private record SnippetAtCursor(String text, int start, boolean inMagicName) {}

  private SnippetAtCursor snippetAt(String code, int cursor) {
    int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
    String lineToCursor = code.substring(lineStart, cursor);
    if (lineToCursor.strip().startsWith("%")) {
      String name = lineToCursor.strip().substring(1);
      return name.chars().anyMatch(Character::isWhitespace)
          ? null
          : new SnippetAtCursor(name, cursor - name.length(), true);
    }
    // Java starts after the last magic line before the cursor.
    int start = 0;
    for (int lineBegin = 0; lineBegin < lineStart; ) {
      int lineEnd = code.indexOf('\n', lineBegin);
      if (code.substring(lineBegin, lineEnd).strip().startsWith("%")) {
        start = lineEnd + 1;
      }
      lineBegin = lineEnd + 1;
    }
    String remaining = code.substring(start, cursor);
    while (true) {
      CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete() || info.remaining().isBlank()) {
        return new SnippetAtCursor(remaining, start, false);
      }
      int consumed = remaining.length() - info.remaining().length();
      start += consumed;
      remaining = remaining.substring(consumed);
    }
  }

  private static int leadingWhitespace(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int countNewlines(String text, int end) {
    int count = 0;
    for (int i = 0; i < Math.min(end, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  // ---- the session as magics see it -------------------------------------------------------------

  private final class SessionContext implements Magics.Context {
    private final CellOutput output;
    private final String cellName;
    private final String argumentText;
    /** Added to the line numbers of the code the magic runs. */
    private final int lineOffset;

    SessionContext(CellOutput output, String cellName, String argumentText, int lineOffset) {
      this.output = output;
      this.cellName = cellName;
      this.argumentText = argumentText;
      this.lineOffset = lineOffset;
    }

    @Override
    public String argumentText() {
      return argumentText;
    }

    @Override
    public Optional<MimeBundle> run(String code) throws CellException {
      return runParts(cellName, code, lineOffset, output);
    }

    @Override
    public void addToClasspath(Path entry) {
      jshell.addToClasspath(entry.toAbsolutePath().toString());
      classpathChanged = true;
    }

    @Override
    public void evaluate(String originName, String source) throws CellException {
      evaluateJava(originName, source, 1);
    }

    @Override
    public Optional<String> documentation(String name) {
      return JShellEvaluator.this.documentation(name);
    }

    @Override
    public CellOutput output() {
      return output;
    }
  }

  /**
   * Standard output or error of a cell: what cell code prints reaches the {@link CellOutput} at
   * each flush, which {@code println} does, so output streams while the cell runs.
   */
  private static final class CellStream extends ByteArrayOutputStream {
    private final Consumer<String> sink;
    private final PrintStream printStream;

    CellStream(Consumer<String> sink) {
      this.sink = sink;
      this.printStream = new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    PrintStream printStream() {
      return printStream;
    }

    @Override
    public synchronized void flush() {
      if (count > 0) {
        String text = toString(StandardCharsets.UTF_8);
        reset();
        sink.accept(text);
      }
    }
  }
}
