package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import jdk.jshell.spi.ExecutionControl;
import org.junit.jupiter.api.Test;

class CellExecutionControlTest {
  static String answer() {
    return "42";
  }

  @Test
  void aStopThatComesBeforeTheSnippetStartsStillStopsIt() throws Exception {
    CellExecutionControl control = new CellExecutionControl(0);
    Method doit = CellExecutionControlTest.class.getDeclaredMethod("answer");
    control.beginCell();
    control.stop(); // while the cell's next snippet is still compiling
    assertThrows(ExecutionControl.StoppedException.class, () -> control.invoke(doit));

    control.beginCell();
    assertEquals("", control.invoke(doit), "no toString() of a value the cell may not show");
    assertEquals("42", control.takeLastValue());
  }
}
