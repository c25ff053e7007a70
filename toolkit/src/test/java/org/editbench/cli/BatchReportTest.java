package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.editbench.inference.BatchInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What batch status and cancel say: only the batches cancel reached count as cancelled, and a state
 * file that cannot be read is listed and makes them exit 2.
 */
class BatchReportTest {
  private static BatchInfo batch(String id, String elsewhere) {
    return new BatchInfo(
        Path.of("out.jsonl"),
        "m",
        "openai",
        id,
        "in_progress",
        3,
        1,
        0,
        false,
        "t",
        elsewhere,
        null);
  }

  private static String said(List<BatchInfo> cancelled, int exitCode) {
    StringWriter err = new StringWriter();
    assertEquals(
        exitCode, BatchCommand.Cancel.report(cancelled, false, new PrintWriter(err, true)));
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

  @Test
  void anUnreadableStateFileIsNotCountedAsCancelledAndMakesItExitTwo() {
    BatchInfo unreadable = BatchInfo.unreadable(Path.of("other.jsonl"), "damaged");
    assertEquals(
        "cancel requested for 1 batch(es); run the run-api --batch command again to collect what"
            + " they answered\n"
            + "1 state file(s) could not be read (see above): their batches are not listed, nor"
            + " cancelled\n",
        said(List.of(unreadable, batch("b1", null)), 2));
    assertEquals(
        "no running batch to cancel\n"
            + "1 state file(s) could not be read (see above): their batches are not listed, nor"
            + " cancelled\n",
        said(List.of(unreadable), 2));
    // Ids given were all found elsewhere: the unreadable file is said, but kept nothing asked for.
    StringWriter err = new StringWriter();
    assertEquals(
        0,
        BatchCommand.Cancel.report(
            List.of(unreadable, batch("b1", null)), true, new PrintWriter(err, true)));
  }

  @Test
  void statusListsAnUnreadableStateFileAndExitsTwo(@TempDir Path results) throws IOException {
    Path state = results.resolve("m/T=0/n=1/.all-task-instances_0.2.jsonl.batches.json");
    Files.createDirectories(state.getParent());
    Files.writeString(state, "{x");
    CliRunner.Result status =
        CliRunner.run("batch", "status", "--offline", "--results-dir", results.toString());
    assertEquals(2, status.exitCode(), status.err());
    assertTrue(status.out().contains(state + ":1: not a batch state file"), status.out());
    assertTrue(status.err().startsWith("1 state file(s) could not be read (see above)"));
  }

  @Test
  void cancellingWithNoBatchesSaysSoOnce(@TempDir Path results) {
    CliRunner.Result cancel = CliRunner.run("batch", "cancel", "--results-dir", results.toString());
    assertEquals(0, cancel.exitCode(), cancel.err());
    assertEquals("", cancel.out());
    assertEquals("no running batch to cancel\n", cancel.err());
  }
}
