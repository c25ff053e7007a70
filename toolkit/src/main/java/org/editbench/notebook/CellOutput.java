package org.editbench.notebook;

/**
 * Where a running cell's output goes, as it happens: the kernel turns each call into a Jupyter
 * message, the headless runner into an nbformat output.
 */
public interface CellOutput {
  void stdout(String text);

  void stderr(String text);

  void display(MimeBundle bundle);

  /**
   * Shows {@code bundle} as a display that {@link #updateDisplay} can later replace in place
   * (Jupyter's {@code display_id}); where nothing can be replaced, a plain display.
   */
  default void display(MimeBundle bundle, String displayId) {
    display(bundle);
  }

  /**
   * Replaces what the display {@code displayId} shows; where nothing can be replaced, nothing
   * happens.
   */
  default void updateDisplay(MimeBundle bundle, String displayId) {}

  /** Clears the cell's output; with {@code wait}, only once the next output arrives. */
  void clearOutput(boolean wait);

  /** Text for the frontend's pager (Jupyter's {@code page} payload), as {@code %doc} shows it. */
  void page(MimeBundle bundle);
}
