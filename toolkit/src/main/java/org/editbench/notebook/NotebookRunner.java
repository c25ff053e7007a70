package org.editbench.notebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** The cell under way in this JVM, for {@link #saveStopped}; null between cells and runs. */
  private static volatile Running running;

  /**
   * Held while a notebook's outputs are set or written, by the run or by {@link #saveStopped}: the
   * cells' thread goes on while the JVM ends, and the two must not write one notebook at once.
   */
  private static final Object WRITING = new Object();

  /** Set by {@link #saveStopped}: the run writes nothing after it. Guarded by {@link #WRITING}. */
  private static boolean stopped;

  private record Running(
      NotebookDocument document,
      Path destination,
      NotebookDocument.Cell cell,
      int executionCount,
      NotebookCellOutput output) {}

  /**
   * When the JVM ends while a cell runs — {@code System.exit} in the cell, or a signal (Ctrl-C,
   * kill) — writes the notebook up to that cell, with what it printed and an error saying {@code
   * why}, so that the run's outputs are not lost; says which cell it was. For a shutdown hook: the
   * cell's thread may still be writing, so what it printed is taken as far as it can be.
   *
   * @return the notebook's file, the cell and its execution count; empty when no cell was running
   */
  public static Optional<String> saveStopped(String why) {
    synchronized (WRITING) {
      Running cell = running;
      if (cell == null || stopped) {
        return Optional.empty();
      }
      stopped = true;
      List<ObjectNode> outputs = new ArrayList<>();
      try {
        outputs.addAll(cell.output().outputs());
      } catch (RuntimeException e) {
        // the cell's thread was adding one: the error below still says what happened
      }
      NotebookCellOutput error = new NotebookCellOutput();
      error.error(new CellException("Stopped", why, List.of("Stopped: " + why)));
      outputs.addAll(error.outputs());
      cell.cell().setResult(cell.executionCount(), outputs);
      cell.document().write(cell.destination());
      return Optional.of(
          cell.destination()
              + " cell "
              + cell.cell().number()
              + " (In ["
              + cell.executionCount()
              + "])");
    }
  }

  /** Sets a cell's outputs, then writes the notebook when {@code write}; nothing once stopped. */
  private static void record(
      NotebookDocument document,
      Path destination,
      NotebookDocument.Cell cell,
      int executionCount,
      List<ObjectNode> outputs,
      boolean write) {
    synchronized (WRITING) {
      running = null;
      if (stopped) {
        return;
      }
      cell.setResult(executionCount, outputs);
      if (write) {
        document.write(destination);
      }
    }
  }

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
        running = new Running(document, destination, cell, executionCount, output);
        try {
          Optional<MimeBundle> value =
              evaluator.execute("cell " + cell.number(), cell.source(), output);
          int count = executionCount;
          value.ifPresent(bundle -> output.executeResult(count, bundle));
        } catch (CellException e) {
          output.error(e);
          record(document, destination, cell, executionCount, output.outputs(), true);
          return new Outcome(executionCount, Optional.of(new Failure(cell.number(), e)));
        }
        record(document, destination, cell, executionCount, output.outputs(), false);
      }
      synchronized (WRITING) {
        if (!stopped) {
          document.write(destination);
        }
      }
      return new Outcome(executionCount, Optional.empty());
    } finally {
      running = null;
    }
  }
}
