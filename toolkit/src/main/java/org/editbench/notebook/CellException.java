package org.editbench.notebook;

import java.util.List;

/**
 * A cell that failed, in the shape of Jupyter's error output: the error's name, its message and the
 * traceback lines (compiler diagnostics with the offending line, or a stack trimmed to user code).
 */
public final class CellException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String ename;
  private final String evalue;
  private final List<String> traceback;

  public CellException(String ename, String evalue, List<String> traceback) {
    super(ename + ": " + evalue);
    this.ename = ename;
    this.evalue = evalue;
    this.traceback = List.copyOf(traceback);
  }

  /**
   * A cell stopped by an interrupt: by the evaluator while it ran, or by a kernel before it began.
   */
  public static CellException interrupted() {
    return new CellException(
        "InterruptedException",
        "the cell was interrupted",
        List.of("Interrupted: the cell was stopped; its later statements did not run."));
  }

  public String ename() {
    return ename;
  }

  public String evalue() {
    return evalue;
  }

  public List<String> traceback() {
    return traceback;
  }
}
