package org.editbench.notebook;

import java.util.Optional;
import java.util.UUID;

/**
 * What cell code calls to show things; statically imported in every cell, so a cell writes {@code
 * display(table)} or {@code clearOutput()}.
 *
 * <p>The active cell is an inheritable thread-local: the evaluator binds it on the thread that runs
 * the cell, the snippet threads it starts inherit it, and so do threads that cell code starts.
 */
public final class Display {
  private static final InheritableThreadLocal<ActiveCell> ACTIVE = new InheritableThreadLocal<>();

  private Display() {}

  record ActiveCell(CellOutput output, DisplayRenderers renderers, Magics magics) {}

  /** Shows {@code value} below the cell, rendered by type (a Table as HTML, an image as PNG, …). */
  public static void display(Object value) {
    ActiveCell cell = active();
    cell.output().display(cell.renderers().render(value));
  }

  /**
   * Shows {@code value} like {@link #display} and returns the display's id, which {@link
   * #updateDisplay} takes to redraw it in place. ({@code display} itself returns nothing, so that
   * {@code display(x);} at the end of a cell shows no id as the cell's value.)
   */
  public static String displayUpdatable(Object value) {
    ActiveCell cell = active();
    String id = UUID.randomUUID().toString();
    cell.output().display(cell.renderers().render(value), id);
    return id;
  }

  /**
   * Replaces what the display {@code displayId} (from {@link #displayUpdatable}) shows with {@code
   * value}.
   */
  public static void updateDisplay(String displayId, Object value) {
    ActiveCell cell = active();
    cell.output().updateDisplay(cell.renderers().render(value), displayId);
  }

  /** Clears what the cell has shown so far. */
  public static void clearOutput() {
    clearOutput(false);
  }

  /**
   * Clears what the cell has shown; with {@code wait}, once the next output arrives (no flicker).
   */
  public static void clearOutput(boolean wait) {
    active().output().clearOutput(wait);
  }

  /**
   * Makes {@code %name} a line magic of this session, e.g. {@code registerMagic("hello", (args,
   * context) -> System.out.println("hello " + args));}.
   */
  public static void registerMagic(String name, Magics.LineMagic magic) {
    active().magics().register(name, magic);
  }

  /**
   * Makes {@code %%name} a cell magic of this session: it gets the first line's arguments and the
   * rest of the cell, and what it returns is the cell's value.
   */
  public static void registerCellMagic(String name, Magics.CellMagic magic) {
    active().magics().registerCell(name, magic);
  }

  /**
   * Registers the magics of every {@link Magics.Provider} in the jars the session has (the kernel
   * calls this on its own when a cell names an unknown magic after jars were added).
   */
  public static int addMagicProviders() {
    return active().magics().addProviders(Thread.currentThread().getContextClassLoader());
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
      throw new IllegalStateException(
          "display(), clearOutput() and the magic registry work only inside a notebook cell");
    }
    return cell;
  }
}
