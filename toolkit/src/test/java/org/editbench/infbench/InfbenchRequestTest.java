package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfbenchRequestTest {
  @Test
  void twoTargetsOfOneFileAreNamed() {
    Path out = Path.of("out/x-task-instances_0.2.jsonl");
    List<InfbenchRequest.Target> targets =
        List.of(
            new InfbenchRequest.Target(RunId.parse("0.2"), out),
            new InfbenchRequest.Target(RunId.parse("0.20"), out));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new InfbenchRequest(
                    Path.of("bench.jsonl"), Path.of("histories"), targets, false, false, null));
    assertEquals(
        "run_ids 0.2 and 0.2 would both be written to "
            + out
            + " (one run_id spelt twice?); give each once",
        e.getMessage());
  }
}
