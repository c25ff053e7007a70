package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job end to end on a copy of the bundled sample, in a child JVM started in a
 * fresh folder (as a newcomer runs it), then summarize and score over what it left.
 */
class ResultsCommandsTest {
  @TempDir Path home;

  @Test
  void pipelineBuildsRunsMergesSummarizesAndDrawsThenSummarizeAndScoreReadItsResults() throws Exception {
    SampleData.copyTo(home);

    Result first = editbench("pipeline");
    assertEquals(0, first.code(), first.err());
    for (String runId : List.of("0.2", "0.4", "0.6", "0.8", "0.2_body_issue")) {
      assertTrue(Files.isRegularFile(home.resolve("crawled_data/infbench/all-task-instances_" + runId + ".jsonl")));
      assertEquals(7, Files.readAllLines(
          home.resolve("experiment_results/gold/T=0/n=1/all-task-instances_" + runId + ".jsonl")).size());
      // gold answers with the ground truth: every patch applies and is exact
      assertTrue(first.out().lines().anyMatch(l -> l.matches(
          "\\s*gold\\s*\\|\\s*0\\s*\\|\\s*1\\s*\\|\\s*all\\s*\\|\\s*" + runId.replace(".", "\\.")
              + "\\s*\\|\\s*7\\s*\\|\\s*7\\s*\\|\\s*0\\s*\\|\\s*0\\s*\\|\\s*0\\s*\\|\\s*1\\s*\\|\\s*1\\s*\\|\\s*1\\s*\\|\\s*0\\s*\\|\\s*1\\s*\\|")),
          runId + " row missing:\n" + first.out());
    }
    Path charts = home.resolve("experiment_results/charts");
    assertTrue(first.out().contains(charts.resolve("applies-by-run-id.png").toString()), first.out());
    assertTrue(Files.size(charts.resolve("applies-by-run-id.png")) > 1000);
    assertTrue(Files.size(charts.resolve("applies-by-info-ratio.png")) > 1000);

    Result again = editbench("pipeline");
    assertEquals(0, again.code(), again.err());
    // a second run resumes: 2 repositories x 5 run_ids, nothing asked again
    List<String> finished = again.out().lines().filter(l -> l.startsWith("finished gold")).toList();
    assertEquals(10, finished.size(), again.out());
    assertTrue(finished.stream().allMatch(l -> l.contains(": 0 succeeded, 0 failed")), again.out());

    Result md = editbench("summarize", "--format", "md", "--run-id", "0.4", "--out", "out/summary.md",
        "--charts", "out/charts", "--chart-metric", "exact");
    assertEquals(0, md.code(), md.err());
    List<String> table = Files.readAllLines(home.resolve("out/summary.md"));
    assertEquals(5, table.size(), "header, rule, acme-inventory, acme-textkit, all:\n" + table);
    assertTrue(table.get(4).startsWith("| gold | 0 | 1 | all | 0.4 | 0.4 | 7 | 7 | 7 | 0 |"), table.get(4));
    assertTrue(Files.isRegularFile(home.resolve("out/charts/exact-by-info-ratio.png")));

    Result badMetric = editbench("summarize", "--charts", "out/c", "--chart-metric", "nope");
    assertEquals(Main.EXIT_BAD_INPUT, badMetric.code());
    assertTrue(badMetric.err().contains("--chart-metric nope is not a summary column"), badMetric.err());

    Result score = editbench("score", "--model", "gold", "--run-id", "0.8");
    assertEquals(0, score.code(), score.err());
    Path metrics = home.resolve("experiment_results/gold/T=0/n=1/metrics/all-task-instances_0.8.jsonl");
    assertTrue(score.out().contains(metrics.toString()), score.out());
    assertEquals(7, Files.readAllLines(metrics).stream().filter(l -> l.contains("\"exact\": true")).count());
  }

  private record Result(int code, String out, String err) {}

  private Result editbench(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.editbench.cli.Main"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("EDITBENCH_HOME");
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("editbench " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
