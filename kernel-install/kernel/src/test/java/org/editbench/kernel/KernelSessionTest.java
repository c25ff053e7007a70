package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.editbench.notebook.CellException;
import org.editbench.notebook.EvaluatorConfig;
import org.junit.jupiter.api.Test;

class KernelSessionTest {
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
