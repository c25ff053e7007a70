package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.editbench.cli.SampleData;
import org.editbench.inference.Fixtures;
import org.editbench.progress.ProgressSnapshot;
import org.editbench.progress.ProgressSnapshot.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * prompt-builder and run-api started from a cell: one display, updated in place, that ends as the
 * run ends.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProgressInCellsTest {
  @RegisterExtension static final EvaluatorSession session = new EvaluatorSession();

  private static String quoted(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\") + "\"";
  }

  /** The HTML of the display's last state: its first showing or its latest update. */
  private static String lastHtml(RecordingOutput output) {
    MimeBundle last =
        output.updates.isEmpty()
            ? output.displayed.get(0)
            : output.updates.get(output.updates.size() - 1).getValue();
    return (String) last.data().get(MimeBundle.HTML);
  }

  /**
   * The cell showed one display of {@code task}, drawn first at 0 of {@code total} (before the
   * first unit was done, not once it was) and ending finished with all of them.
   */
  private static void assertOneDisplayFinishedAfterZero(
      RecordingOutput output, String task, int total) {
    assertEquals(1, output.displayIds.size(), output.events.toString());
    String last = lastHtml(output);
    assertTrue(
        last.contains(task)
            && last.contains("data-state=\"finished\"")
            && last.contains("value=\"" + total + "\" max=\"" + total + "\""),
        last);
    assertTrue(firstDrawn(output).contains(": 0/" + total + " (0%)"), output.events.toString());
  }

  /** The text of the display as first drawn. */
  private static String firstDrawn(RecordingOutput output) {
    return output.events.stream().filter(e -> e.startsWith("display:")).findFirst().orElseThrow();
  }

  @Test
  void promptBuilderAndRunApiEachShowOneDisplayThatEndsFinished(@TempDir Path root)
      throws Exception {
    SampleData.copyTo(root);
    RecordingOutput build = new RecordingOutput();
    session
        .evaluator()
        .execute(
            "In [1]",
            "var eb = EditBench.open("
                + quoted(root)
                + ");\n"
                + "eb.buildInfbench(List.of(\"0.2\", \"0.4\"));",
            build);
    assertTrue(
        build.stdoutText().contains("EditBench data folder: " + root), build.events.toString());
    assertEquals(1, build.displayIds.size(), "one display: " + build.events);
    assertTrue(
        build.events.stream()
            .filter(e -> e.startsWith("display:"))
            .findFirst()
            .orElseThrow()
            .contains(": 0/7 (0%)"),
        "drawn first with the whole total, not the first repository's: " + build.events);
    assertTrue(build.updates.stream().allMatch(u -> u.getKey().equals(build.displayIds.get(0))));
    String built = lastHtml(build);
    assertTrue(
        built.contains("data-state=\"finished\"")
            && built.contains("<progress")
            && built.contains("value=\"7\" max=\"7\"")
            && built.contains("7/7 (100%)")
            && !built.contains("failed"),
        built);

    RecordingOutput merge = new RecordingOutput();
    session.evaluator().execute("In [2]", "eb.mergeAllInfbench();", merge);
    assertOneDisplayFinishedAfterZero(merge, "merge-all-infbench", 2); // a merged file per run_id

    RecordingOutput rebuild = new RecordingOutput();
    session.evaluator().execute("In [1]", "eb.buildInfbench(List.of(\"0.2\", \"0.4\"));", rebuild);
    String rebuilt = lastHtml(rebuild);
    assertTrue(
        rebuilt.contains("7/7 (100%) · took 0:0") && !rebuilt.matches("(?s).*\\d/s.*"),
        "every record found kept: no rate, which would be the speed of finding them: " + rebuilt);

    RecordingOutput run = new RecordingOutput();
    session.evaluator().execute("In [2]", "eb.runApi(\"gold\", List.of(\"0.2\", \"0.4\"));", run);
    assertEquals(1, run.displayIds.size(), run.events.toString());
    String ran = lastHtml(run);
    assertTrue(
        ran.contains("data-state=\"finished\"")
            && ran.contains("value=\"14\" max=\"14\"")
            && !ran.contains("$")
            && ran.contains("took 0:0"),
        ran);
    String text = run.updates.get(run.updates.size() - 1).getValue().text();
    assertTrue(text.startsWith("run-api gold") && text.contains("14/14 (100%)"), text);

    RecordingOutput again = new RecordingOutput();
    session.evaluator().execute("In [3]", "eb.runApi(\"gold\", List.of(\"0.2\"));", again);
    String resumed = lastHtml(again);
    assertTrue(
        resumed.contains("nothing left to do") && resumed.contains("value=\"1\" max=\"1\""),
        "nothing left to do is a full bar: " + resumed);
    assertTrue(
        resumed.contains(
            "run-api gold · 2 model × run_id × dataset combination(s) · 7 answered before"),
        "a resumed run says what it found answered: " + resumed);
    assertFalse(ran.contains("answered before"), ran);
  }

  @Test
  void scoringForASummaryOrAPredictionTableShowsADisplayOnlyWhenScoresAreComputed(
      @TempDir Path root) throws Exception {
    SampleData.copyTo(root);
    session
        .evaluator()
        .execute(
            "In [1]",
            "var eb = EditBench.open("
                + quoted(root)
                + ");\n"
                + "eb.buildInfbench(List.of(\"0.2\"));\n"
                + "eb.mergeAllInfbench();\n"
                + "eb.runApi(\"gold\", List.of(\"0.2\"));\n"
                + "eb.mergeResults(\"gold\");",
            new RecordingOutput());

    RecordingOutput first = new RecordingOutput();
    session.evaluator().execute("In [2]", "eb.summarize(null, null);", first);
    // The gold model's three prediction files (two repositories and all).
    assertOneDisplayFinishedAfterZero(first, "summarize · scoring prediction files", 3);

    RecordingOutput again = new RecordingOutput();
    session.evaluator().execute("In [3]", "eb.summarize(null, null);", again);
    assertEquals(List.of(), again.displayed, "every score reused: no display " + again.events);

    RecordingOutput table = new RecordingOutput();
    session.evaluator().execute("In [4]", "eb.predictions(null, \"0.2\");", table);
    assertOneDisplayFinishedAfterZero(table, "predictions 0.2 · scoring prediction files", 1);
  }

  @Test
  void interruptingTheKernelStopsRunApiAfterWholeLinesAndTheNextRunResumes(@TempDir Path root)
      throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              Thread.sleep(150);
              return Fixtures.patchFor(request);
            }
          });
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      Path infbench = Fixtures.infbench(root.resolve("infbench.jsonl"), Fixtures.ids(30));
      Path models = Fixtures.modelsFile(root, "");
      Path output = root.resolve("experiment_results/test-chat/T=0/n=1/infbench.jsonl");
      String cell =
          "var eb = EditBench.open("
              + quoted(root)
              + ");\n"
              + "eb.runApi(org.editbench.inference.RunApiOptions.builder()"
              + ".dataPaths(eb.paths()).datasetNames("
              + quoted(infbench)
              + ").models(\"test-chat\")"
              + ".modelsFile(Path.of("
              + quoted(models)
              + "))"
              + ".environment(new org.editbench.inference.ApiEnvironment(List.of(\"sk-test-0123456789\"), \""
              + server.url("/v1")
              + "\")).maxWorkers(2));";

      RecordingOutput interrupted = new RecordingOutput();
      CompletableFuture<Void> running =
          CompletableFuture.runAsync(
              () -> {
                CellException e =
                    assertThrows(
                        CellException.class,
                        () -> session.evaluator().execute("In [1]", cell, interrupted));
                assertEquals("InterruptedException", e.ename());
              });
      while (!Files.exists(output) || Fixtures.lines(output).size() < 4) {
        Thread.sleep(20);
      }
      session.evaluator().interrupt();
      running.get(30, TimeUnit.SECONDS);

      String stopped = lastHtml(interrupted);
      assertTrue(
          stopped.contains("data-state=\"interrupted\"")
              && stopped.contains("run the cell again to resume"),
          stopped);
      List<JsonNode> kept = Fixtures.records(output); // every line is whole JSON
      assertTrue(kept.size() >= 4 && kept.size() < 30, kept.size() + " records");

      RecordingOutput resumed = new RecordingOutput();
      session.evaluator().execute("In [2]", cell, resumed);
      assertTrue(lastHtml(resumed).contains("data-state=\"finished\""), lastHtml(resumed));
      Map<String, Long> perInstance =
          Fixtures.records(output).stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.path("instance_id").asText(), Collectors.counting()));
      assertEquals(30, perInstance.size(), "the second run asked for the rest");
      assertTrue(perInstance.values().stream().allMatch(n -> n == 1), perInstance.toString());
    }
  }

  @Test
  void theTextFormShowsRateFailuresCostAndEta() {
    ProgressSnapshot running =
        new ProgressSnapshot(
            "run-api m", 1234, 0, 5000, 3, 12.5, Duration.ofSeconds(100), State.RUNNING, "");
    assertEquals(
        "run-api m: 1,234/5,000 (25%) · 12.3/s · 3 failed · $12.50 · ETA 5:05 (1:40 so far)",
        ProgressDisplay.text(running));
    String html = ProgressDisplay.html(running);
    assertTrue(
        html.contains(
            "<progress style=\"width: 22em; vertical-align: middle\" value=\"1234\" max=\"5000\">"),
        html);
    assertEquals("1:01:01", ProgressDisplay.clock(Duration.ofSeconds(3661)));
  }

  @Test
  void savedNotebooksKeepTheFinalStateOnly() {
    NotebookCellOutput saved = new NotebookCellOutput();
    ProgressDisplay display = new ProgressDisplay(saved);
    display.update(new ProgressSnapshot("t", 0, 0, 2, 0, 0, Duration.ZERO, State.RUNNING, ""));
    saved.stdout("printed meanwhile\n");
    display.update(
        new ProgressSnapshot("t", 2, 0, 2, 0, 0, Duration.ofSeconds(1), State.FINISHED, ""));
    assertEquals(2, saved.outputs().size());
    assertTrue(
        saved.outputs().get(0).toString().contains("data-state=\\\"finished\\\""),
        saved.outputs().toString());
  }
}
