package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.editbench.results.Scoring;
import org.junit.jupiter.api.Test;

/** What score says of each file: how many were scored, why the others were not, two rates. */
class ScoreCommandTest {
  private static final Path METRICS = Path.of("r/m/T=0/n=1/metrics/x-task-instances_0.2.jsonl");

  @Test
  void eachFileSaysWhatWasScoredAndWhyTheRestWasNot() {
    assertEquals(
        METRICS
            + ": 6 of 10 prediction(s) scored (3 failed, 1 without a prompt in the infbench file"
            + " (not there, or its prompt empty)); applies 83.3%, exact 50.0%",
        ScoreCommand.line(new Scoring.ScoredFile(METRICS, 10, 3, 6, 5.0 / 6, 0.5)));
    assertEquals(
        METRICS + ": 4 of 4 prediction(s) scored; applies 100.0%, exact 25.0%",
        ScoreCommand.line(new Scoring.ScoredFile(METRICS, 4, 0, 4, 1, 0.25)));
    assertEquals(
        METRICS + ": 0 of 2 prediction(s) scored (2 failed)",
        ScoreCommand.line(new Scoring.ScoredFile(METRICS, 2, 2, 0, Double.NaN, Double.NaN)));
  }
}
