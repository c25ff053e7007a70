package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.editbench.inference.Provider;
import org.editbench.results.ResultsSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job end to end on a copy of the bundled sample, in a child JVM started in a
 * fresh folder (as a newcomer runs it), then summarize and score over what it left.
 */
class ResultsCommandsTest {
  @TempDir Path home;

  @Test
  void pipelineBuildsRunsMergesSummarizesAndDrawsThenSummarizeAndScoreReadItsResults()
      throws Exception {
    SampleData.copyTo(home);

    Result first = editbench("pipeline");
    assertEquals(0, first.code(), first.err());
    for (String runId : List.of("0.2", "0.4", "0.6", "0.8", "0.2_body_issue")) {
      assertTrue(
          Files.isRegularFile(
              home.resolve("crawled_data/infbench/all-task-instances_" + runId + ".jsonl")));
      assertEquals(
          7,
          Files.readAllLines(
                  home.resolve(
                      "experiment_results/gold/T=0/n=1/all-task-instances_" + runId + ".jsonl"))
              .size());
      // gold answers with the ground truth: every patch applies and is exact
      assertTrue(
          first
              .out()
              .lines()
              .anyMatch(
                  l ->
                      l.matches(
                          "gold +0 +1 +all +"
                              + runId.replace(".", "\\.")
                              + " +7 +7 +0 +0 +\\$0\\.0000 +100\\.0% +100\\.0%")),
          runId + " row missing:\n" + first.out());
    }
    Path charts = home.resolve("experiment_results/charts");
    assertTrue(Files.size(charts.resolve("applies-by-run-id.png")) > 1000);
    assertTrue(Files.size(charts.resolve("applies-by-info-ratio.png")) > 1000);

    Result again = editbench("pipeline");
    assertEquals(0, again.code(), again.err());
    // a second run resumes: nothing built or asked again, and it says so in a few lines
    List<String> lines = (again.err() + again.out()).lines().toList();
    assertTrue(lines.size() <= 15, lines.size() + " lines:\n" + String.join("\n", lines));
    assertTrue(
        lines.contains(
            "infbench: 2 bench files x 5 variants: 0 records written, 35 already present, 0 invalid "
                + "(crawled_data/infbench)"),
        again.err());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "inference: gold, 10 runs: 0 succeeded, 0 failed, "
                            + "0 over the token limit, 35 already done")),
        again.err());
    assertTrue(
        lines.contains(
            "charts: experiment_results/charts/applies-by-run-id.png, "
                + "experiment_results/charts/applies-by-info-ratio.png"),
        again.out());
    assertFitsTerminal(again.err() + again.out());

    Result text = editbench("summarize");
    assertEquals(0, text.code(), text.err());
    assertFitsTerminal(text.out());
    assertTrue(text.out().startsWith("model  T  n  dataset         run_id"), text.out());
    assertEquals(
        1 + 1 + 3 * 5,
        text.out().lines().count(),
        "header, rule, 3 datasets x 5 run_ids:\n" + text.out());
    Result wide = editbench("summarize", "--all-columns");
    assertTrue(
        wide.out().lines().findFirst().orElseThrow().contains("  harness_avg_codebleu"),
        wide.out());

    Result md =
        editbench(
            "summarize",
            "--format",
            "md",
            "--run-id",
            "0.4",
            "--out",
            "out/summary.md",
            "--charts",
            "out/charts",
            "--chart-metric",
            "exact");
    assertEquals(0, md.code(), md.err());
    assertTrue(md.err().contains("summary: out/summary.md (3 row(s), md)"), md.err());
    List<String> table = Files.readAllLines(home.resolve("out/summary.md"));
    assertEquals(5, table.size(), "header, rule, acme-inventory, acme-textkit, all:\n" + table);
    assertTrue(
        table.get(4).startsWith("| gold | 0 | 1 | all | 0.4 | 0.4 | 7 | 7 | 7 | 0 |"),
        table.get(4));
    assertTrue(Files.isRegularFile(home.resolve("out/charts/exact-by-info-ratio.png")));
    // Without --format, the file's extension names it.
    Result csv = editbench("summarize", "--run-id", "0.4", "--out", "out/summary.csv");
    assertTrue(csv.err().contains("summary: out/summary.csv (3 row(s), csv)"), csv.err());
    assertTrue(
        Files.readString(home.resolve("out/summary.csv")).startsWith("model,T,n,dataset,run_id,"),
        "CSV, not the text table");

    // Without --charts, a chart metric draws nothing: said.
    Result metricAlone = editbench("summarize", "--chart-metric", "exact");
    assertEquals(0, metricAlone.code(), metricAlone.err());
    assertTrue(
        metricAlone.err().contains("warning: --chart-metric has no effect without --charts DIR"),
        metricAlone.err());

    // Checked without --charts too, and a text column is no metric either.
    for (String metric : List.of("nope", ResultsSummary.MODEL)) {
      Result badMetric = editbench("summarize", "--chart-metric", metric);
      assertEquals(Main.EXIT_BAD_INPUT, badMetric.code(), badMetric.err());
      assertTrue(
          badMetric
              .err()
              .contains("--chart-metric " + metric + " is not a numeric summary column;"),
          badMetric.err());
      assertTrue(badMetric.err().contains("the charts can draw: "), badMetric.err());
      assertFalse(badMetric.err().contains("Exception"), badMetric.err());
    }

    // A model or run_id that has no files is a misspelling: exit 2, saying what there is.
    Result noModel = editbench("summarize", "--model", "nope");
    assertEquals(Main.EXIT_BAD_INPUT, noModel.code(), noModel.err());
    assertTrue(
        noModel.err().contains("error: no prediction files of model nope under ")
            && noModel.err().contains("(models there: gold)"),
        noModel.err());
    Result noRunId = editbench("score", "--model", "gold", "--run-id", "9");
    assertEquals(Main.EXIT_BAD_INPUT, noRunId.code(), noRunId.err());
    assertTrue(
        noRunId.err().contains("no prediction files of run_id 9 under ")
            && noRunId.err().contains("(run_ids there: 0.2, 0.2_body_issue, 0.4, 0.6, 0.8)"),
        noRunId.err());

    // A table never overwrites a .jsonl file: those are the predictions and datasets it reads.
    Path bench = home.resolve("crawled_data/bench/acme-inventory-task-instances.jsonl");
    byte[] benchBefore = Files.readAllBytes(bench);
    Result overInput = editbench("summarize", "--format", "csv", "--out", bench.toString());
    assertEquals(Main.EXIT_BAD_INPUT, overInput.code(), overInput.err());
    assertTrue(overInput.err().contains("names a .jsonl file"), overInput.err());
    assertArrayEquals(benchBefore, Files.readAllBytes(bench));

    // --out /dev/stdout appends to what the shell redirected it to (>> keeps what was there), and
    // a standard output that fails, the real one, is exit 1.
    Path log = Files.writeString(home.resolve("log.txt"), "before\n");
    ProcessBuilder toLog =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.editbench.cli.Main",
                "summarize",
                "--out",
                "/dev/stdout")
            .directory(home.toFile())
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    toLog.environment().remove("EDITBENCH_HOME");
    assertEquals(0, toLog.start().waitFor());
    String logged = Files.readString(log);
    assertTrue(logged.startsWith("before\nmodel  T  n  dataset"), logged);
    ProcessBuilder toFull =
        new ProcessBuilder(toLog.command().subList(0, 5))
            .directory(home.toFile())
            .redirectOutput(new java.io.File("/dev/full"))
            .redirectError(ProcessBuilder.Redirect.PIPE);
    toFull.environment().remove("EDITBENCH_HOME");
    Process full = toFull.start();
    String fullErr = new String(full.getErrorStream().readAllBytes());
    assertEquals(1, full.waitFor(), fullErr);
    assertTrue(fullErr.contains("cannot write the summary to standard output"), fullErr);

    // Standard output that fails (a full disk, a closed pipe) is an error, not a lost table.
    var cli = Main.newCommandLine();
    cli.setOut(
        new PrintWriter(
            new Writer() {
              @Override
              public void write(char[] text, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
              }

              @Override
              public void flush() {}

              @Override
              public void close() {}
            }));
    StringWriter failedErr = new StringWriter();
    cli.setErr(new PrintWriter(failedErr, true));
    int failedCode =
        cli.execute(
            "summarize",
            "--results-dir",
            home.resolve("experiment_results").toString(),
            "--infbench-dir",
            home.resolve("crawled_data/infbench").toString());
    assertEquals(1, failedCode, failedErr.toString());
    assertTrue(
        failedErr.toString().contains("error: cannot write the summary to standard output"),
        failedErr.toString());

    Result score = editbench("score", "--model", "gold", "--run-id", "0.8");
    assertEquals(0, score.code(), score.err());
    Path metrics =
        home.resolve("experiment_results/gold/T=0/n=1/metrics/all-task-instances_0.8.jsonl");
    assertEquals(
        7, Files.readAllLines(metrics).stream().filter(l -> l.contains("\"exact\": true")).count());
    int scored = Files.readAllLines(metrics).size();
    assertTrue(
        score
            .out()
            .contains(
                metrics
                    + ": "
                    + scored
                    + " of "
                    + scored
                    + " prediction(s) scored; applies 100.0%, exact "
                    + String.format(java.util.Locale.ROOT, "%.1f%%", 700.0 / scored)
                    + "\n"),
        score.out());
  }

  @Test
  void pipelineWithoutDataSaysWhereItLookedAndExitsWithTwo() throws Exception {
    Result nothing = editbench("pipeline");
    assertEquals(Main.EXIT_BAD_INPUT, nothing.code(), nothing.err());
    assertEquals("", nothing.out());
    assertTrue(
        nothing
            .err()
            .startsWith(
                "error: no bench folder: looked for crawled_data/bench in "
                    + home.toRealPath()
                    + " (the data folder: $EDITBENCH_HOME when it is set, else the working directory). Run from the folder"),
        nothing.err());
    assertTrue(nothing.err().contains("or set EDITBENCH_HOME to that folder."), nothing.err());
    // the other commands that read the bench folder by default say the same
    for (String command : List.of("prompt-builder", "merge-bench")) {
      Result same = editbench(command);
      assertEquals(Main.EXIT_BAD_INPUT, same.code(), same.err());
      assertTrue(
          same.err().startsWith("error: no bench folder: looked for crawled_data/bench in "),
          same.err());
    }
  }

  private static void assertFitsTerminal(String text) {
    text.lines()
        .forEach(line -> assertTrue(line.length() <= 120, line.length() + " columns: " + line));
  }

  private record Result(int code, String out, String err) {}

  @Test
  void aModelWithoutItsKeyStopsThePipelineBeforeAnythingIsBuilt() throws Exception {
    SampleData.copyTo(home);

    Result noKey = editbench("pipeline", "--model", "gpt-4.1");

    assertEquals(Main.EXIT_BAD_INPUT, noKey.code(), noKey.err());
    assertTrue(noKey.err().startsWith("error: no API key: set OPENAI_KEYS"), noKey.err());
    assertFalse(Files.exists(home.resolve("crawled_data/infbench")), "nothing was built");
  }

  private Result editbench(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                "org.editbench.cli.Main"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("EDITBENCH_HOME");
    // No keys or servers of the developer's own: a real model is then one that cannot be asked.
    for (Provider provider : Provider.values()) {
      builder.environment().remove(provider.keysVariable());
      builder.environment().remove(provider.keyVariable());
      builder.environment().remove(provider.baseUrlVariable());
    }
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("editbench " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
