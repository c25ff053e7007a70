package org.editbench.notebook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import org.editbench.notebook.CellSource.Java;
import org.editbench.notebook.CellSource.Magic;

/**
 * One Java session for notebook cells: JShell evaluating in this JVM, with the toolkit on the class
 * path and its facade imported, magics run in line order, and the trailing expression's value
 * rendered by type. The Jupyter kernel and {@code editbench notebook run} both run cells here.
 *
 * <p>This class runs cells — magic lines and Java in order — and holds the session together; the
 * Java itself runs in {@link SnippetRunner}, errors are said by {@link CellErrors}, what an editor
 * asks without running code (completion, inspection) is answered by {@link CodeInsight}, jars added
 * and the magics they bring are tracked by {@link SessionClasspath}, and what runs before the first
 * cell (imports, startup scripts, warm-up) is {@link SessionStartup}'s.
 *
 * <p>Cells run one at a time; {@link #interrupt()} may be called from another thread.
 */
public final class JShellEvaluator implements AutoCloseable {
  private final JShell jshell;
  private final SessionClasspath classpath;
  private final SnippetRunner snippets;
  private final CodeInsight insight;
  private final DisplayRenderers renderers;
  private final Magics magics;

  /** Says an exception of a thread a cell started, and the handler it replaced. */
  private final Thread.UncaughtExceptionHandler uncaughtHandler;

  private final Thread.UncaughtExceptionHandler previousHandler;

  /** The compiler's file manager, once JShell has made its compiler. */
  private volatile StableOptionsFileManager compilerFileManager;

  private JShellEvaluator(EvaluatorConfig config, DisplayRenderers renderers, Magics magics) {
    this.renderers = renderers;
    this.magics = magics;
    CellExecutionControl.Provider engine =
        new CellExecutionControl.Provider(config.timeout().toMillis());
    // JShell's class loader makes itself the building thread's context loader; keep ours.
    ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
    try {
      this.jshell =
          JShell.builder()
              .executionEngine(engine, Map.of())
              .compilerOptions(config.compilerOptions().toArray(String[]::new))
              .fileManager(standard -> compilerFileManager = new StableOptionsFileManager(standard))
              .build();
    } finally {
      Thread.currentThread().setContextClassLoader(contextLoader);
    }
    // Before sourceCodeAnalysis(): creating it starts JShell's class path indexer on another
    // thread, which reads the compiler's class path while addToClasspath changes it — a race that
    // now and then left IJAVA_CLASSPATH's jars out of the compiler's view.
    this.classpath = new SessionClasspath(jshell);
    classpath.addAll(config.classpath());
    var analysis = jshell.sourceCodeAnalysis();
    CellErrors errors = new CellErrors(jshell, config.timeout());
    this.snippets = new SnippetRunner(jshell, analysis, engine.control(), errors);
    this.insight = new CodeInsight(analysis, magics);
    // Cells run in this JVM: a thread a cell started that throws is said, where the cell's output
    // goes, in the cell's terms rather than with JShell's wrapper classes.
    this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    this.uncaughtHandler =
        (thread, exception) -> System.err.print(errors.uncaught(thread, exception));
    Thread.setDefaultUncaughtExceptionHandler(uncaughtHandler);
  }

  /**
   * A ready session with IJava's magics, {@code %time} and those of every {@link Magics.Provider}
   * on the class path: {@link #start(EvaluatorConfig, Magics, CellOutput)} with {@link
   * Magics#standard()}.
   *
   * @throws CellException when a startup script fails
   */
  public static JShellEvaluator start(EvaluatorConfig config, CellOutput startupOutput)
      throws CellException {
    return start(config, Magics.standard(), startupOutput);
  }

  /**
   * A ready session: {@code IJAVA_CLASSPATH} added, default imports done, startup scripts run
   * (their output goes to {@code startupOutput}).
   *
   * @param magics the session's own registry of magics (cells, startup scripts and extension jars
   *     may add to it while it runs): {@link Magics#standard()}, with or without magics of the
   *     caller's, or any other
   * @throws CellException when a startup script fails
   */
  public static JShellEvaluator start(
      EvaluatorConfig config, Magics magics, CellOutput startupOutput) throws CellException {
    JShellEvaluator evaluator = new JShellEvaluator(config, DisplayRenderers.standard(), magics);
    try {
      SessionStartup.runScripts(evaluator, config, startupOutput);
    } catch (CellException | RuntimeException e) {
      evaluator.close();
      throw e;
    }
    return evaluator;
  }

  /**
   * Runs a cell: magic lines and Java snippets in order, output streamed to {@code output} as it
   * comes. Returns the rendered value of a trailing expression, if the cell ends with one.
   *
   * @param cellName how tracebacks name this cell, e.g. {@code In [3]}
   * @throws CellException when a snippet does not compile, throws, is interrupted or times out, or
   *     a magic fails; the snippets before it have run
   */
  @SuppressWarnings("try") // the console is open for the cell's duration, not used by name
  public Optional<MimeBundle> execute(String cellName, String code, CellOutput output)
      throws CellException {
    snippets.beginCell();
    // Everything the cell shows goes through one batcher, so printed text keeps its place among
    // displays; the console closes first and hands its last text to it, then the batcher sends it.
    BatchedCellOutput batched = new BatchedCellOutput(output);
    Display.ActiveCell previousCell =
        Display.bind(new Display.ActiveCell(batched, renderers, magics));
    try (batched;
        CellConsole console = new CellConsole(batched, output)) {
      // Java reads CR, LF and CR LF alike as line ends (text blocks included); error lines are
      // counted and shown from LF-ended lines, so a notebook saved on Windows names the same lines.
      return runParts(cellName, code.replace("\r\n", "\n").replace('\r', '\n'), 0, batched);
    } finally {
      Display.restore(previousCell);
    }
  }

  /**
   * Gets the session ready for quick cells, for a kernel to call after {@link #start} while no one
   * waits for a cell yet: throw-away cells get the compiler's code compiled by the JIT, JShell's
   * class index is awaited, and what the start left alive is collected into the old generation (see
   * {@link SessionStartup#warmUp}). Only speed depends on it: when a warm-up cell fails, warming up
   * ends there and the session is as it was.
   */
  public void warmUp() {
    SessionStartup.warmUp(this, insight);
  }

  /** Stops the running cell, if any; safe to call from any thread. */
  public void interrupt() {
    snippets.interrupt();
  }

  @Override
  public void close() {
    jshell.close();
    CellConsole.restoreJvmStreams();
    // The handler before this session's, unless another session has put its own since.
    if (Thread.getDefaultUncaughtExceptionHandler() == uncaughtHandler) {
      Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }
  }

  /**
   * What may replace part of {@code code} at {@code cursor}: Java from JShell, magic names after
   * {@code %}.
   */
  public CodeInsight.Completions complete(String code, int cursor) {
    return insight.complete(code, cursor);
  }

  public CodeInsight.Completeness isComplete(String code) {
    return insight.isComplete(code);
  }

  /** Signature and documentation of what is at the cursor, for Jupyter's inspect (Shift-Tab). */
  public Optional<String> inspect(String code, int cursor) {
    return insight.inspect(code, cursor);
  }

  /**
   * Signatures and Javadoc (the toolkit's always, the JDK's where its sources are installed) of a
   * class or member named as in code: {@code String}, {@code Math.max}, {@code
   * EditBench.loadBench}. A class also lists its members.
   */
  public Optional<String> documentation(String name) {
    return insight.documentation(name);
  }

  /**
   * How many compiler-option repeats the compiler's file manager absorbed (see {@link
   * StableOptionsFileManager}): above 0 once a cell has compiled, if it is installed.
   */
  int compilerOptionRepeatsAbsorbed() {
    StableOptionsFileManager fileManager = compilerFileManager;
    return fileManager == null ? 0 : fileManager.absorbedRepeats();
  }

  /**
   * Runs cell code — magic lines and Java in order, or a cell magic — and renders its trailing
   * expression's value. {@code lineOffset} is added to the code's line numbers: nonzero for code a
   * magic runs.
   */
  private Optional<MimeBundle> runParts(
      String cellName, String code, int lineOffset, CellOutput output) throws CellException {
    Object value = SnippetRunner.NO_VALUE;
    for (CellSource.Part part : CellSource.split(code)) {
      snippets.checkInterrupted();
      int line = lineOffset + part.firstLine();
      if (part instanceof Magic magic) {
        Magics.LineMagic lineMagic = find(magic.name(), magics::find, "%");
        value = SnippetRunner.NO_VALUE;
        runMagic(
            "%" + magic.name(),
            cellName,
            line,
            () -> {
              lineMagic.run(
                  CellSource.arguments(magic.arguments()),
                  new SessionContext(output, cellName, magic.arguments(), line - 1));
              return Optional.empty();
            });
      } else if (part instanceof CellSource.CellMagic cellMagic) {
        Magics.CellMagic run = find(cellMagic.name(), magics::findCell, "%%");
        Optional<MimeBundle> shown =
            runMagic(
                "%%" + cellMagic.name(),
                cellName,
                line,
                () ->
                    run.run(
                        CellSource.arguments(cellMagic.arguments()),
                        cellMagic.body(),
                        new SessionContext(output, cellName, cellMagic.arguments(), line)));
        value = shown.isPresent() ? shown.get() : SnippetRunner.NO_VALUE;
      } else {
        Java java = (Java) part;
        value = snippets.run(cellName, java.code(), line, output);
      }
    }
    return value == SnippetRunner.NO_VALUE ? Optional.empty() : Optional.of(render(value));
  }

  /**
   * The magic of that name; when there is none, it may come with a jar added since providers were
   * last looked for: those jars' {@link Magics.Provider}s are loaded and the name looked up again.
   */
  private <M> M find(String name, Function<String, Optional<M>> lookup, String prefix)
      throws CellException {
    Optional<M> found = lookup.apply(name);
    if (found.isEmpty() && classpath.loadAddedMagicProviders()) {
      found = lookup.apply(name);
    }
    return found.orElseThrow(
        () ->
            new CellException(
                "UnknownMagic",
                prefix + name,
                List.of(
                    name.startsWith("%")
                        ? prefix
                            + name
                            + " is written as a cell magic, which must be the cell's first line,"
                            + " its body the rest of the cell"
                        : prefix + name + " is not a magic here; " + knownMagics())));
  }

  /** The magics there are, as a cell names them: {@code line magics: %doc, …; cell magics: …}. */
  private String knownMagics() {
    String line = magics.names().stream().map(n -> "%" + n).collect(Collectors.joining(", "));
    String cell = magics.cellNames().stream().map(n -> "%%" + n).collect(Collectors.joining(", "));
    return "line magics: "
        + (line.isEmpty() ? "none" : line)
        + "; cell magics: "
        + (cell.isEmpty() ? "none" : cell);
  }

  private interface MagicRun {
    Optional<MimeBundle> run() throws Exception;
  }

  /**
   * Runs a magic where an interrupt stops it (a magic runs Maven, waits, or is a cell's own code).
   */
  private Optional<MimeBundle> runMagic(String shownName, String cellName, int line, MagicRun magic)
      throws CellException {
    try {
      return snippets.runStoppable("editbench-magic", magic::run);
    } catch (CellException e) {
      throw e;
    } catch (InterruptedException e) {
      // The magic's own thread was interrupted, not this one: nothing to pass on here.
      throw CellException.interrupted();
    } catch (Exception e) {
      throw CellErrors.magicFailed(shownName, cellName, line, e);
    }
  }

  /**
   * Renders a shown value where an interrupt stops it: rendering calls the value's own code. A
   * string, boxed primitive or null runs none, and is rendered at once (most cells' values: no
   * thread to start).
   */
  private MimeBundle render(Object value) throws CellException {
    try {
      return renderers.runsNoCellCode(value)
          ? renderers.render(value)
          : snippets.runStoppable("editbench-render", () -> renderers.render(value));
    } catch (CellException e) {
      throw e;
    } catch (Exception e) {
      throw new CellException(
          e.getClass().getName(),
          String.valueOf(e.getMessage()),
          List.of("rendering the cell's value failed: " + e));
    }
  }

  /** The session as a magic sees it. */
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
      classpath.add(entry);
    }

    @Override
    public void evaluate(String originName, String source) throws CellException {
      snippets.run(originName, source, 1, output);
    }

    @Override
    public Optional<String> documentation(String name) {
      return insight.documentation(name);
    }

    @Override
    public CellOutput output() {
      return output;
    }
  }
}
