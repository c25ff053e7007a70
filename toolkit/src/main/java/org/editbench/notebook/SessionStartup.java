package org.editbench.notebook;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.editbench.core.DataFormatException;
import org.editbench.core.StrictUtf8;

/**
 * What a {@link JShellEvaluator} runs before the user's first cell: the default imports and the
 * startup scripts, which make the session what cells expect, and the warm-up, which only makes its
 * first cells quick. Both run as cells of the session, so they see what cells see.
 */
final class SessionStartup {
  /**
   * jshell's own default imports, the toolkit's facade and its core values (Reporter, DataPaths),
   * the display helpers.
   */
  static final List<String> DEFAULT_IMPORTS =
      List.of(
          "java.io.*",
          "java.math.*",
          "java.net.*",
          "java.nio.file.*",
          "java.util.*",
          "java.util.concurrent.*",
          "java.util.function.*",
          "java.util.regex.*",
          "java.util.stream.*",
          "org.editbench.*",
          "org.editbench.core.*",
          "tech.tablesaw.api.*",
          "static org.editbench.notebook.Display.*");

  /**
   * Code of the kinds cells hold — expressions, calls, lambdas, statements — that {@link #warmUp}
   * runs. Expressions and statements only: they leave no name in the session.
   */
  private static final List<String> WARM_UP_CELLS =
      List.of(
          "1 + 1",
          "String.valueOf(42).length()",
          "List.of(1, 2, 3).stream().mapToInt(i -> i * 2).sum()",
          "new StringBuilder(\"a\").append(1).toString()",
          "if (Math.abs(-1) > 0) { Objects.hash(1); }",
          "for (int i = 0; i < 2; i++) { Integer.toString(i); }");

  /** How often {@link #warmUp} runs {@link #WARM_UP_CELLS}. */
  private static final int WARM_UP_ROUNDS = 4;

  /**
   * The longest {@link #warmUp} waits for JShell's class index: at a load of 8 on 2 cores it took 6
   * s; beyond that, the first cells share the processor with it rather than wait.
   */
  private static final Duration CLASS_INDEX_WAIT = Duration.ofSeconds(10);

  private SessionStartup() {}

  /**
   * Runs the default imports, then the files of {@code IJAVA_STARTUP_SCRIPTS_PATH}, then {@code
   * IJAVA_STARTUP_SCRIPT}; their output goes to {@code output}.
   *
   * @throws CellException when a startup script fails
   */
  static void runScripts(JShellEvaluator session, EvaluatorConfig config, CellOutput output)
      throws CellException {
    StringBuilder imports = new StringBuilder();
    DEFAULT_IMPORTS.forEach(name -> imports.append("import ").append(name).append(";\n"));
    try {
      session.execute("startup", imports.toString(), output);
    } catch (IllegalArgumentException e) {
      // The first compilation, of imports that always compile: javac refused its options, in its
      // own words ("error: invalid flag: -Xbogus"), which do not say where they came from.
      throw new IllegalArgumentException(
          EvaluatorConfig.COMPILER_OPTS
              + " '"
              + String.join(" ", config.compilerOptions())
              + "': the Java compiler refuses it ("
              + String.valueOf(e.getMessage()).replaceFirst("^error: ", "")
              + ")",
          e);
    }
    for (String pattern : config.startupScriptPaths()) {
      for (Path script : PathGlobs.expand(pattern)) {
        session.execute(script.getFileName().toString(), readScript(script), output);
      }
    }
    if (!config.startupScript().isBlank()) {
      session.execute(EvaluatorConfig.STARTUP_SCRIPT, config.startupScript(), output);
    }
  }

  private static String readScript(Path script) {
    try {
      return StrictUtf8.readFile(script, "startup script");
    } catch (DataFormatException | UncheckedIOException e) {
      throw new IllegalArgumentException(
          "startup script (" + EvaluatorConfig.STARTUP_SCRIPTS_PATH + "): " + e.getMessage(), e);
    }
  }

  /**
   * Every cell runs the Java compiler, whose code the JVM compiles to machine code only after it
   * has run often enough: these throw-away cells run it that often, so the user's first cells do
   * not each take twice as long. Then it waits for JShell's class index (built on another thread,
   * it would otherwise compete with the first cells for the processor), and a full collection moves
   * what the start left alive into the old generation, where the young collections during cells do
   * not copy it again (with the serial collector that copying stops a cell for tens of
   * milliseconds).
   *
   * <p>Only speed depends on it: when a warm-up cell fails (a startup script may have declared a
   * class {@code Objects}), warming up ends there and the session is as it was.
   */
  static void warmUp(JShellEvaluator session, CodeInsight insight) {
    CellOutput discard = new NotebookCellOutput();
    try {
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        for (String cell : WARM_UP_CELLS) {
          session.execute("warm-up", cell, discard);
        }
      }
      insight.awaitClassIndex(CLASS_INDEX_WAIT);
    } catch (CellException e) {
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    System.gc();
  }
}
