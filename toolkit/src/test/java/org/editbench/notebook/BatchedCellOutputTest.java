package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchedCellOutputTest {
  /** An interval no test lasts: only size, other output and the end send text. */
  private static final long NEVER = 3_600_000;

  @Test
  void textIsGatheredAndKeepsItsPlaceAmongTheStreamsAndDisplays() {
    RecordingOutput output = new RecordingOutput();
    try (BatchedCellOutput batched = new BatchedCellOutput(output, NEVER)) {
      batched.stdout("a\n");
      batched.stdout("b\n");
      batched.stderr("warn\n");
      batched.stdout("c");
      batched.display(MimeBundle.text("shown"));
      batched.stdout("d");
      batched.clearOutput(true);
      batched.stdout("e");
    }
    assertEquals(
        List.of(
            "stdout:a\nb\n",
            "stderr:warn\n",
            "stdout:c",
            "display:shown",
            "stdout:d",
            "clear:true",
            "stdout:e"),
        output.events);
  }

  @Test
  void textIsSentAfterTheIntervalWithoutWaitingForTheCellsEnd() throws InterruptedException {
    RecordingOutput output = new RecordingOutput();
    BatchedCellOutput batched = new BatchedCellOutput(output);
    batched.stdout("progress 1\n");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (output.stdoutText().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("progress 1\n", output.stdoutText(), "sent while the cell still runs");
    batched.close();
    assertEquals(1, output.events.size());
  }

  @Test
  void aLongTextIsSentInPiecesOfAtMostTheLimit() {
    RecordingOutput output = new RecordingOutput();
    String line = "x".repeat(999) + "\n";
    try (BatchedCellOutput batched = new BatchedCellOutput(output, NEVER)) {
      for (int i = 0; i < 200; i++) {
        batched.stdout(line);
      }
    }
    assertEquals(line.repeat(200), output.stdoutText());
    assertEquals(
        200_000 / BatchedCellOutput.MAX_CHARS + 1,
        output.events.size(),
        "a message at each " + BatchedCellOutput.MAX_CHARS + " characters, the rest at the end");
  }
}
