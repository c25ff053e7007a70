package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.editbench.notebook.CellException;
import org.editbench.notebook.EvaluatorConfig;
import org.editbench.notebook.JShellEvaluator;
import org.editbench.notebook.LogCellOutput;
import org.junit.jupiter.api.Test;

class KernelSessionTest {
  @Test
  void anInterruptWhileTheSessionStartsStopsTheCellWaitingForItAndNotTheNext() throws Exception {
    KernelSession session = new KernelSession(EvaluatorConfig.fromEnvironment(Map.of()));
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread cell =
        new Thread(
            () -> {
              try {
                outcome.set(session.awaitForCell());
              } catch (CellException e) {
                outcome.set(e);
              }
            });
    cell.start();
    // The cell waits for the start (JShell and its warm-up: a second or more), then ■ comes.
    while (cell.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    session.interrupt();
    cell.join();
    CellException stopped = assertInstanceOf(CellException.class, outcome.get());
    assertEquals("InterruptedException", stopped.ename());
    try (JShellEvaluator evaluator = session.awaitForCell()) {
      assertEquals(
          "2",
          evaluator
              .execute("In [2]", "1 + 1", new LogCellOutput(new PrintWriter(System.err, true)))
              .orElseThrow()
              .text());
    }
  }

  @Test
  void aStartupScriptThatFailsSaysThatNoCellRunsUntilARestart() {
    KernelSession session =
        new KernelSession(
            EvaluatorConfig.fromEnvironment(Map.of("IJAVA_STARTUP_SCRIPT", "int broken = \"s\";")));
    CellException failed = assertThrows(CellException.class, session::await);
    List<String> traceback = failed.traceback();
    assertTrue(traceback.get(0).startsWith("IJAVA_STARTUP_SCRIPT line 1: "), traceback.get(0));
    assertEquals(KernelSession.STARTUP_FAILED, traceback.get(traceback.size() - 1));
    assertEquals(
        traceback, assertThrows(CellException.class, session::await).traceback(), "every cell");
  }
}
