package org.editbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.editbench.core.AtomicFiles;
import org.editbench.core.SafePaths;
import org.editbench.notebook.CellException;
import org.editbench.notebook.EvaluatorConfig;
import org.editbench.notebook.NotebookDocument;
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
public final class NotebookCommand extends CommandGroup {

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      footer = {
        "",
        "Exit codes: 0 every cell ran; 1 a cell failed or called System.exit, or an I/O error; 2 a"
            + " notebook that cannot be read, or a bad option; 130 or 143 stopped by Ctrl-C or kill."
      },
      description = {
        "Run the code cells of each notebook in order, in a fresh Java session per notebook.",
        "Each notebook is written back with its outputs (nbformat 4), or to --out. A failing cell stops the "
            + "run: the notebook is written up to that cell's error, and the command exits 1 (so it does when "
            + "a cell calls System.exit; Ctrl-C or kill during a cell also writes the notebook up to it). IJAVA_* "
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
      // Every notebook read and every destination checked before the first cell runs: a problem
      // found after a run would cost its outputs, or the notebooks after it.
      Map<Path, Path> destinations = new LinkedHashMap<>();
      for (Path notebook : notebooks) {
        Path destination = outDir == null ? notebook : outDir.resolve(notebook.getFileName());
        SafePaths.requireNotDirectory(destination);
        Path before = destinations.put(destination.toAbsolutePath().normalize(), notebook);
        if (before != null && !before.equals(notebook)) {
          throw new IllegalArgumentException(
              before
                  + " and "
                  + notebook
                  + " would both be written to "
                  + destination
                  + "; run them into different --out folders");
        }
      }
      List<NotebookDocument> documents = notebooks.stream().map(NotebookDocument::read).toList();
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
      for (int i = 0; i < notebooks.size(); i++) {
        Path notebook = notebooks.get(i);
        Path destination = outDir == null ? notebook : outDir.resolve(notebook.getFileName());
        List<Path> notRun = notebooks.subList(i + 1, notebooks.size());
        NotebookRunner.Outcome outcome;
        try {
          outcome = NotebookRunner.run(documents.get(i), destination, config, err);
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
          sayNotRun(notRun, err);
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
          sayNotRun(notRun, err);
          return 1;
        }
        out.println(
            notebook + ": " + outcome.codeCellsRun() + " code cells ran; wrote " + destination);
        out.flush();
      }
      return 0;
    }
  }

  /** Names the notebooks a failure kept from running, so that nobody takes them for run. */
  private static void sayNotRun(List<Path> notRun, PrintWriter err) {
    if (!notRun.isEmpty()) {
      err.println(
          "not run: "
              + String.join(", ", notRun.stream().map(Path::toString).toList())
              + " (run them again once the failing cell is fixed)");
    }
    err.flush();
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
