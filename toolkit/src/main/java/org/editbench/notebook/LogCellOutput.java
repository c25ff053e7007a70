package org.editbench.notebook;

import java.io.PrintWriter;

/**
 * Output that belongs to no cell — what startup scripts print — written to a log for the person who
 * runs the session (the kernel's stderr, {@code notebook run}'s standard error): text as it comes,
 * displays as their plain text.
 */
public record LogCellOutput(PrintWriter log) implements CellOutput {
  @Override
  public void stdout(String text) {
    log.print(text);
    log.flush();
  }

  @Override
  public void stderr(String text) {
    stdout(text);
  }

  @Override
  public void display(MimeBundle bundle) {
    stdout(bundle.text() == null ? "" : bundle.text() + "\n");
  }

  @Override
  public void clearOutput(boolean wait) {}

  @Override
  public void page(MimeBundle bundle) {
    display(bundle);
  }
}
