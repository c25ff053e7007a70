package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.editbench.core.DataFormatException;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A harness report's figures, and what is not one. */
class HarnessReportTest {
  @TempDir Path dir;

  @Test
  void aReportAboveSeveralTemperatureFoldersJoinsNoneOfTheirRows() throws IOException {
    Path results = dir.resolve("results");
    String line = "{\"instance_id\": \"a__a-pull-1\", \"model_patch\": \"\"}\n";
    Path t0 = results.resolve("m/T=0/n=1/all-task-instances_0.2.jsonl");
    Files.createDirectories(t0.getParent());
    Files.writeString(t0, line);
    Files.writeString(results.resolve("m/all-0.2-output.json"), "{\"%resolved\": 50}");
    List<PredictionFile> one = PredictionFile.find(results, List.of(), List.of(), Reporter.SILENT);
    assertEquals(50.0, HarnessReport.find(one.get(0), results).orElseThrow().pctResolved());

    Path t07 = results.resolve("m/T=0.7/n=1/all-task-instances_0.2.jsonl");
    Files.createDirectories(t07.getParent());
    Files.writeString(t07, line);
    Files.writeString(t07.resolveSibling("all-0.2-output.json"), "{\"%resolved\": 25}");
    List<PredictionFile> two = PredictionFile.find(results, List.of(), List.of(), Reporter.SILENT);
    assertEquals(List.of("0", "0.7"), two.stream().map(PredictionFile::temperature).toList());
    assertTrue(HarnessReport.find(two.get(0), results).isEmpty(), "which T it scored is unknown");
    assertEquals(25.0, HarnessReport.find(two.get(1), results).orElseThrow().pctResolved());
  }

  @Test
  void figuresAreReadAndAMissingOneIsNaN() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("all-0.2-output.json"), "{\"%resolved\": 50, \"avg_CodeBLEU\": 0.41}");
    HarnessReport report = HarnessReport.read(file);
    assertEquals(50, report.pctResolved());
    assertTrue(Double.isNaN(report.pctApplied()));
    assertEquals(0.41, report.avgCodeBleu());
  }

  @Test
  void whatIsNotAReportOrNotAFigureIsSaid() throws IOException {
    Map<String, String> said =
        Map.of(
            "", "not a harness report: the file is empty, where the harness writes an object",
            "[1, 2]", "not a harness report: a list, where the harness writes an object",
            "{\"%resolved\": \"50\"}", "%resolved is a string, not a number",
            "{\"%resolved\": 5000}", "%resolved is 5000, not a percentage (0 to 100)",
            "{\"%applied\": -3}", "%applied is -3, not a percentage (0 to 100)",
            "{\"avg_CodeBLEU\": -0.5}", "avg_CodeBLEU is -0.5, below 0",
            "{\"%resolved\": 50} trailing", "not valid JSON");
    for (Map.Entry<String, String> content : said.entrySet()) {
      Path file = Files.writeString(dir.resolve("r-0.2-output.json"), content.getKey());
      DataFormatException e =
          assertThrows(DataFormatException.class, () -> HarnessReport.read(file));
      assertTrue(e.getMessage().contains(content.getValue()), e.getMessage());
    }
  }
}
