package org.editbench.notebook;

import java.util.Optional;
import java.util.UUID;

/**
 * What cell code calls to show things; statically imported in every cell, so a cell writes
 * {@code display(table)} or {@code clearOutput()}.
 *
 * <p>The active cell is an inheritable thread-local: the evaluator binds it on the thread that runs
 * the cell, the snippet threads it starts inherit it, and so do threads that cell code starts.
 */
public final class Display {
  private static final InheritableThreadLocal<ActiveCell> ACTIVE = new InheritableThreadLocal<>();

  private Display() {}

  record ActiveCell(CellOutput output, DisplayRenderers renderers) {}

  /** Shows {@code value} below the cell, rendered by type (a Table as HTML, an image as PNG, …). */
  public static void display(Object value) {
    ActiveCell cell = active();
    cell.output().display(cell.renderers().render(value));
  }

  /**
   * Shows {@code value} like {@link #display} and returns the display's id, which
   * {@link #updateDisplay} takes to redraw it in place. ({@code display} itself returns nothing, so
   * that {@code display(x);} at the end of a cell shows no id as the cell's value.)
   */
  public static String displayUpdatable(Object value) {
    ActiveCell cell = active();
    String id = UUID.randomUUID().toString();
    cell.output().display(cell.renderers().render(value), id);
    return id;
  }

  /** Replaces what the display {@code displayId} (from {@link #displayUpdatable}) shows with {@code value}. */
  public static void updateDisplay(String displayId, Object value) {
    ActiveCell cell = active();
    cell.output().updateDisplay(cell.renderers().render(value), displayId);
  }

  /** Clears what the cell has shown so far. */
  public static void clearOutput() {
    clearOutput(false);
  }

  /** Clears what the cell has shown; with {@code wait}, once the next output arrives (no flicker). */
  public static void clearOutput(boolean wait) {
    active().output().clearOutput(wait);
  }

  static ActiveCell bind(ActiveCell cell) {
    ActiveCell previous = ACTIVE.get();
    ACTIVE.set(cell);
    return previous;
  }

  static void restore(ActiveCell previous) {
    ACTIVE.set(previous);
  }

  /** Where the cell running on this thread shows its output; empty outside a cell. */
  static Optional<CellOutput> activeOutput() {
    return Optional.ofNullable(ACTIVE.get()).map(ActiveCell::output);
  }

  private static ActiveCell active() {
    ActiveCell cell = ACTIVE.get();
    if (cell == null) {
      throw new IllegalStateException("display() and clearOutput() work only inside a notebook cell");
    }
    return cell;
  }
}
