package org.editbench.notebook;

/**
 * Where a running cell's output goes, as it happens: the kernel turns each call into a Jupyter
 * message, the headless runner into an nbformat output.
 */
public interface CellOutput {
  void stdout(String text);

  void stderr(String text);

  void display(MimeBundle bundle);

  /** Clears the cell's output; with {@code wait}, only once the next output arrives. */
  void clearOutput(boolean wait);

  /** Text for the frontend's pager (Jupyter's {@code page} payload), as {@code %doc} shows it. */
  void page(MimeBundle bundle);
}
