package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How prediction records are read: what counts as a patch, and what is warned of. */
class PredictionTest {
  @TempDir Path dir;

  @Test
  void aPatchThatIsNoStringIsWarnedOfWithItsLineAndScoredAsEmpty() throws IOException {
    Path file = dir.resolve("all-task-instances_0.2.jsonl");
    Files.writeString(
        file,
        "{\"instance_id\": \"a\", \"model_patch\": \"diff\"}\n"
            + "{\"instance_id\": \"b\", \"model_patch\": null}\n"
            + "{\"instance_id\": \"c\", \"model_patch\": 5}\n");
    RecordingReporter reporter = new RecordingReporter();
    List<Prediction> read = Prediction.read(file, reporter);
    assertEquals("diff", read.get(0).modelPatch());
    assertNull(read.get(1).modelPatch(), "null: how other tools say there is no patch");
    assertNull(read.get(2).modelPatch());
    assertEquals(
        List.of(file + ":3: model_patch is number, not a string; scored as an empty patch"),
        reporter.warnings);
  }
}
