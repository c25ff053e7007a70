package org.editbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.editbench.core.AtomicFiles;
import org.editbench.core.SafePaths;
import org.editbench.notebook.CellException;
import org.editbench.notebook.EvaluatorConfig;
import org.editbench.notebook.NotebookRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code editbench notebook run}: notebooks without Jupyter, with the kernel's evaluator. */
@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description = "Run notebooks headless, with the same Java evaluator as the Jupyter kernel.",
    subcommands = {NotebookCommand.Run.class})
public final class NotebookCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run the code cells of each notebook in order, in a fresh Java session per notebook.",
        "Each notebook is written back with its outputs (nbformat 4), or to --out. A failing cell stops the "
            + "run: the notebook is written up to that cell's error, and the command exits 1. IJAVA_* "
            + "environment variables apply as in the kernel. Relative paths in cells resolve against the "
            + "current directory."
      })
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NOTEBOOK", description = "The .ipynb files to run.")
    List<Path> notebooks;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Write the executed notebooks here (same file names) instead of in place.")
    Path outDir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (Path notebook : notebooks) {
        SafePaths.requireNotDirectory(notebook);
        if (!Files.isRegularFile(notebook)) {
          throw new IllegalArgumentException("no such notebook: " + notebook);
        }
      }
      if (outDir != null) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
          throw new IllegalArgumentException(
              "--out " + outDir + " is a file; --out names the folder the run notebooks go to");
        }
        try {
          AtomicFiles.createFolder(outDir);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot create " + outDir + ": " + AtomicFiles.describe(e), e);
        }
      }
      EvaluatorConfig config = EvaluatorConfig.fromEnvironment(System.getenv());
      for (Path notebook : notebooks) {
        Path destination = outDir == null ? notebook : outDir.resolve(notebook.getFileName());
        NotebookRunner.Outcome outcome;
        try {
          outcome = NotebookRunner.run(notebook, destination, config, err);
        } catch (CellException e) {
          err.println(
              "error: "
                  + notebook
                  + ": no cell ran, a startup script failed ("
                  + EvaluatorConfig.STARTUP_SCRIPTS_PATH
                  + " or "
                  + EvaluatorConfig.STARTUP_SCRIPT
                  + "): "
                  + e.ename()
                  + ": "
                  + e.evalue());
          belowTheErrorLine(e).forEach(err::println);
          err.flush();
          return 1;
        }
        if (outcome.failure().isPresent()) {
          NotebookRunner.Failure failure = outcome.failure().get();
          err.println(
              "error: "
                  + notebook
                  + " cell "
                  + failure.cellNumber()
                  + " (In ["
                  + outcome.codeCellsRun()
                  + "]): "
                  + failure.error().ename()
                  + ": "
                  + failure.error().evalue());
          belowTheErrorLine(failure.error()).forEach(err::println);
          err.println("wrote " + destination + " up to the failing cell");
          err.flush();
          return 1;
        }
        out.println(
            notebook + ": " + outcome.codeCellsRun() + " code cells ran; wrote " + destination);
        out.flush();
      }
      return 0;
    }
  }

  /**
   * The traceback below the {@code error:} line, which already says the exception and its message:
   * its first line when that says the same, as a runtime error's does.
   */
  static List<String> belowTheErrorLine(CellException error) {
    List<String> traceback = error.traceback();
    String said = error.evalue().isEmpty() ? error.ename() : error.ename() + ": " + error.evalue();
    return !traceback.isEmpty() && traceback.get(0).equals(said)
        ? traceback.subList(1, traceback.size())
        : traceback;
  }
}
