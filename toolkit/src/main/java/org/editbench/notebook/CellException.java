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
