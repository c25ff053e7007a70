package org.editbench.notebook;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs a notebook's code cells in order in one fresh {@link JShellEvaluator} — what the kernel runs
 * them with — and writes the notebook with their outputs as nbformat 4. A failing cell stops the
 * run: the notebook is written with that cell's error, later cells keep what they had.
 */
public final class NotebookRunner {
  private NotebookRunner() {}

  /** A cell that failed: its 1-based position among all cells, and the error. */
  public record Failure(int cellNumber, CellException error) {}

  public record Outcome(int codeCellsRun, Optional<Failure> failure) {}

  /**
   * @param notebook a notebook as {@link NotebookDocument#read} read it; its cells get the outputs
   * @param destination where the executed notebook is written (may be the file it was read from)
   * @param log where startup output (from IJava startup scripts) goes
   * @throws CellException when the session cannot start (a startup script failed)
   */
  public static Outcome run(
      NotebookDocument document, Path destination, EvaluatorConfig config, PrintWriter log)
      throws CellException {
    try (JShellEvaluator evaluator = JShellEvaluator.start(config, new LogCellOutput(log))) {
      int executionCount = 0;
      for (NotebookDocument.Cell cell : document.cells()) {
        if (!cell.isCode()) {
          continue;
        }
        executionCount++;
        NotebookCellOutput output = new NotebookCellOutput();
        try {
          Optional<MimeBundle> value =
              evaluator.execute("cell " + cell.number(), cell.source(), output);
          int count = executionCount;
          value.ifPresent(bundle -> output.executeResult(count, bundle));
        } catch (CellException e) {
          output.error(e);
          cell.setResult(executionCount, output.outputs());
          document.write(destination);
          return new Outcome(executionCount, Optional.of(new Failure(cell.number(), e)));
        }
        cell.setResult(executionCount, output.outputs());
      }
      document.write(destination);
      return new Outcome(executionCount, Optional.empty());
    }
  }
}
