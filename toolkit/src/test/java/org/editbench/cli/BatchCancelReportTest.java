package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.editbench.inference.BatchInfo;
import org.junit.jupiter.api.Test;

/** What batch cancel says: only the batches it reached count as cancelled. */
class BatchCancelReportTest {
  private static BatchInfo batch(String id, String elsewhere) {
    return new BatchInfo(
        Path.of("out.jsonl"), "m", "openai", id, "in_progress", 3, 1, 0, false, "t", elsewhere);
  }

  private static String said(List<BatchInfo> cancelled, int exitCode) {
    StringWriter err = new StringWriter();
    assertEquals(exitCode, BatchCommand.Cancel.report(cancelled, new PrintWriter(err, true)));
    return err.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void batchesAtAnotherServerAreNotCountedAsCancelledAndMakeItExitOne() {
    assertEquals(
        "cancel requested for 1 batch(es); run the run-api --batch command again to collect what"
            + " they answered\n"
            + "1 batch(es) not cancelled: submitted to another server than the one the base URL"
            + " names now (see above); set it to theirs to cancel them\n",
        said(List.of(batch("b1", null), batch("b2", "http://other/v1")), 1));
    assertEquals(
        "cancel requested for 2 batch(es); run the run-api --batch command again to collect what"
            + " they answered\n",
        said(List.of(batch("b1", null), batch("b2", null)), 0));
    assertEquals("no running batch to cancel\n", said(List.of(), 0));
  }
}
