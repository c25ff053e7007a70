package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.editbench.core.Jsonl;
import org.editbench.core.RecordingReporter;
import org.editbench.infbench.Prompts;
import org.editbench.inference.PromptFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring while the infbench file is read gives what scoring against all of its records read first
 * gives: each prediction file's successful predictions that have a record, in the file's order,
 * against the first record of their instance, over more predictions than one batch.
 */
class ScoringTest {
  private static String patch(String file, String from, String to) {
    return "diff --git a/"
        + file
        + " b/"
        + file
        + "\n--- a/"
        + file
        + "\n+++ b/"
        + file
        + "\n@@ -1,2 +1,2 @@\n x = 1\n-"
        + from
        + "\n+"
        + to
        + "\n";
  }

  private static String record(String id, String content, String groundTruth) throws IOException {
    String prompt = Prompts.build("Fix it.", Map.of("m.py", content), List.of());
    return Jsonl.MAPPER.writeValueAsString(
        Map.of("instance_id", id, "prompt", prompt, "ground_truth", groundTruth));
  }

  @Test
  void scoringAsTheInfbenchFileIsReadEqualsScoringItsRecordsReadFirst(@TempDir Path dir)
      throws IOException {
    int instances = 80;
    List<String> infbench = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      infbench.add(record("i" + i, "x = 1\ny = " + i + "\n", patch("m.py", "y = " + i, "y = 0")));
    }
    infbench.add(record("i5", "a later record of i5 is not read\n", "")); // the first counts
    infbench.add(7, "{\"instance_id\": \"torn"); // reported and left out
    Path infbenchFile = dir.resolve("all-task-instances_0.2.jsonl");
    Files.write(infbenchFile, infbench);

    List<List<Prediction>> files = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      List<Prediction> predictions = new ArrayList<>();
      for (int i = instances + 3; i >= 0; i--) { // other order; three without a record
        String patch =
            i % 3 == f ? patch("m.py", "y = " + i, "y = 0") : patch("m.py", "y = " + i, "y = 1");
        predictions.add(
            i % 7 == 0
                ? new Prediction(
                    "i" + i,
                    5,
                    null,
                    0,
                    0,
                    "HTTP 500",
                    PromptFingerprint.NONE) // failed: not scored
                : new Prediction(
                    "i" + i, 5, i % 11 == 0 ? null : patch, 0, 0, null, PromptFingerprint.NONE));
      }
      files.add(predictions);
    }

    RecordingReporter streamed = new RecordingReporter();
    Scoring.Scored scored = Scoring.scoreAsRead(files, infbenchFile, streamed);
    RecordingReporter whole = new RecordingReporter();
    Map<String, Scoring.Target> targets = Scoring.readTargets(infbenchFile, whole);

    assertEquals(instances, scored.instances());
    assertEquals(whole.warnings, streamed.warnings);
    assertEquals(1, streamed.warnings.size());
    for (int f = 0; f < files.size(); f++) {
      List<String> expected = new ArrayList<>();
      for (Prediction p : files.get(f)) {
        Scoring.Target t = targets.get(p.instanceId());
        if (p.succeeded() && t != null) {
          expected.add(
              InstanceMetrics.score(
                      p.instanceId(), t.preEditFiles(), t.groundTruth(), p.modelPatch())
                  .toJsonLine());
        }
      }
      assertTrue(expected.size() > 2 * 32, "more than two batches");
      assertEquals(
          expected, scored.metrics().get(f).stream().map(InstanceMetrics::toJsonLine).toList());
    }
    // the exact ones are those the ground truth's own patch made, against the first record of i5
    assertEquals("y = 5", targets.get("i5").preEditFiles().get("m.py").lines().toList().get(1));
  }
}
