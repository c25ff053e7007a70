package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.editbench.EditBench;
import org.editbench.core.DataPaths;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress and statistics as a person and a notebook see them. */
class RunObservationTest {
  private static final Combination COMBINATION =
      new Combination(
          "all",
          "0.2",
          Path.of("in/all-task-instances_0.2.jsonl"),
          ModelSpec.builder("m").build(),
          Path.of("out/all-task-instances_0.2.jsonl"));

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private ConsoleRunObserver console(boolean terminal) {
    return new ConsoleRunObserver(new PrintWriter(out, true), new PrintWriter(err, true), terminal);
  }

  private static Progress progress(int done, int total) {
    return new Progress(done, 0, total, done, 0, done * 0.001, 0, Duration.ofSeconds(done));
  }

  @Test
  void aResumedBatchRunsRateAndTimeLeftCountOnlyWhatItSawFinish() {
    // 30 of 40 found finished at the provider; 2 more in the 4 seconds since.
    Progress resumed = new Progress(32, 30, 40, 32, 0, 0.032, 0, Duration.ofSeconds(4));
    assertEquals(0.5, resumed.ratePerSecond());
    assertEquals(Duration.ofSeconds(16), resumed.eta());
    assertTrue(RunReport.progressLine(COMBINATION, resumed).contains("0.5/s, $0.0320, ETA 0:16"));

    // Found all done: nothing left, not an unknown time left.
    Progress allFound = new Progress(40, 40, 40, 40, 0, 0.04, 0, Duration.ofSeconds(1));
    assertTrue(RunReport.progressLine(COMBINATION, allFound).endsWith("0.0/s, $0.0400, ETA 0:00"));

    // A batch's failures counted at the first look and then asked again: fewer done than found.
    Progress requeued = new Progress(25, 30, 40, 25, 0, 0.025, 0, Duration.ofSeconds(5));
    assertEquals(0, requeued.ratePerSecond());
    assertEquals(null, requeued.eta());
  }

  @Test
  void withoutATerminalALinePerFivePercent() {
    ConsoleRunObserver console = console(false);
    for (int done = 1; done <= 40; done++) {
      console.progress(COMBINATION, progress(done, 40));
    }
    List<String> lines = err.toString().lines().toList();
    assertEquals(20, lines.size(), err.toString());
    assertEquals(
        "m · all-task-instances_0.2.jsonl: 2/40 (5%), 1.0/s, $0.0020, ETA 0:38", lines.get(0));
    assertEquals(
        "m · all-task-instances_0.2.jsonl: 40/40 (100%), 1.0/s, $0.0400, ETA 0:00", lines.get(19));
  }

  @Test
  void onATerminalOneBarRedrawnInPlaceAndMessagesOnTheirOwnLines() {
    ConsoleRunObserver console = console(true);
    console.progress(COMBINATION, progress(10, 40));
    console.warn("x failed");
    console.progress(COMBINATION, progress(40, 40));
    String text = err.toString();
    assertTrue(
        text.startsWith(
            "\rm · all-task-instances_0.2.jsonl [#######-----------------------] 10/40 (25%)"),
        text);
    assertTrue(text.contains("\nwarning: x failed\n\r"), text);
    assertTrue(text.contains("[##############################] 40/40 (100%)"), text);
  }

  @Test
  void countingPromptTokensIsALineASecondOrALineRedrawnOnATerminal() {
    ConsoleRunObserver lines = console(false);
    lines.counting(COMBINATION, 1200, 4000);
    lines.counting(COMBINATION, 2500, 4000);
    assertEquals(
        List.of(
            "m · all-task-instances_0.2.jsonl: counting prompt tokens, 1200/4000",
            "m · all-task-instances_0.2.jsonl: counting prompt tokens, 2500/4000"),
        err.toString().lines().toList());

    err.getBuffer().setLength(0);
    ConsoleRunObserver terminal = console(true);
    terminal.counting(COMBINATION, 1200, 4000);
    terminal.counting(COMBINATION, 2500, 4000);
    terminal.info("note");
    assertEquals(
        "\rm · all-task-instances_0.2.jsonl: counting prompt tokens, 1200/4000\u001b[K"
            + "\rm · all-task-instances_0.2.jsonl: counting prompt tokens, 2500/4000\u001b[K"
            + "\nnote\n",
        err.toString());
  }

  @Test
  void aRunHandlePassesEveryObserverCallOn() throws Exception {
    List<String> passedOn = new ArrayList<>();
    RunObserver tracking =
        new RunHandle.Tracking(
            new AtomicReference<>(), new AtomicReference<>(), recording(passedOn));
    List<String> called = callEveryMethod(tracking);
    assertEquals(called, passedOn);
    assertTrue(called.contains("counting"), called.toString());
  }

  @Test
  void allTellsEveryObserverEveryCallInOrder() throws Exception {
    List<String> passedOn = new ArrayList<>();
    RunObserver both = RunObserver.all(recording(passedOn), recording(passedOn), RunObserver.NONE);
    List<String> called = callEveryMethod(both);
    List<String> twice = new ArrayList<>();
    called.forEach(name -> twice.addAll(List.of(name, name)));
    assertEquals(twice, passedOn);
  }

  /** An observer that records the name of every method called on it. */
  private static RunObserver recording(List<String> names) {
    return (RunObserver)
        Proxy.newProxyInstance(
            RunObserver.class.getClassLoader(),
            new Class<?>[] {RunObserver.class},
            (proxy, method, args) -> {
              names.add(method.getName());
              return null;
            });
  }

  /** Calls every method of {@link RunObserver} on {@code observer}; returns their names. */
  private static List<String> callEveryMethod(RunObserver observer) throws Exception {
    List<String> called = new ArrayList<>();
    for (Method method : RunObserver.class.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Object[] args =
          Arrays.stream(method.getParameterTypes())
              .map(type -> type == int.class ? (Object) 0 : null)
              .toArray();
      method.invoke(observer, args);
      called.add(method.getName());
    }
    return called;
  }

  @Test
  void statisticsBeforeAndSummaryAfter() {
    FilterStats stats =
        new FilterStats(
            10,
            3,
            List.of("a", "b", "c"),
            1,
            6,
            2,
            1,
            2,
            List.of(
                new FilterStats.SkippedInstance(
                    "z",
                    "token length exceeds limit (9 > 5), removed 1 files still cannot satisfy")),
            100,
            250.5,
            900,
            5);
    List<String> lines = RunReport.filterLines(COMBINATION, stats);
    assertTrue(lines.contains("  total instances:  10"), lines.toString());
    assertTrue(lines.contains("  to run:           6"));
    assertTrue(lines.contains("  already done:     3 (e.g. a, b, c)"));
    assertTrue(lines.contains("  retryable failures removed, asked again: 1"));
    assertTrue(
        lines.contains(
            "  over the token limit (5): 2 before removing files; 1 fit after removing 2 file(s); 1 skipped"));
    assertTrue(
        lines.contains(
            "    skipped z: token length exceeds limit (9 > 5), removed 1 files still cannot satisfy"));
    assertTrue(
        lines.contains("  prompt tokens (instances not done): min 100, mean 250.5, max 900"));
    RunStats run = new RunStats(COMBINATION, stats, 5, 0, 1, 0.25, 3, Duration.ofSeconds(75));
    assertEquals(
        List.of(
            "finished m · all-task-instances_0.2.jsonl: 5 succeeded, 1 failed, 1 skipped (over the token limit),"
                + " 3 already done",
            "  total cost: $0.2500; retries: 3; time: 1:15",
            "  output: out/all-task-instances_0.2.jsonl"),
        RunReport.summaryLines(run));
    RunStats cutOff = new RunStats(COMBINATION, stats, 5, 2, 1, 0.25, 3, Duration.ofSeconds(75));
    assertEquals(
        "  cut off: 2 of the answers stopped at the output token limit, not where the model ended"
            + " them: their patches may be incomplete (for anthropic models, max_tokens in the model"
            + " table sets the limit)",
        RunReport.summaryLines(cutOff).get(1));
  }

  @Test
  void aNotebookStartsARunWatchesItAndGetsTheCountsBack() throws Exception {
    Path data = Fixtures.infbench(dir.resolve("mine.jsonl"), Fixtures.ids(30));
    List<Progress> seen = Collections.synchronizedList(new ArrayList<>());
    List<String> planned = Collections.synchronizedList(new ArrayList<>());
    RunApiOptions options =
        RunApiOptions.builder()
            .dataPaths(new DataPaths(dir))
            .datasetNames(data.toString())
            .models("gold")
            .environment(new ApiEnvironment(List.of(), null))
            .maxWorkers(4)
            .build();
    List<Long> reported = Collections.synchronizedList(new ArrayList<>());
    RecordingReporter reporter =
        new RecordingReporter() {
          @Override
          public void progress(String task, long done, long total) {
            reported.add(done);
          }
        };
    RunHandle handle =
        EditBench.startRunApi(
            options,
            reporter,
            new RunObserver() {
              @Override
              public void planned(List<Combination> combinations, int instances) {
                planned.add(combinations.size() + " combination(s), " + instances + " instances");
              }

              @Override
              public void progress(Combination combination, Progress progress) {
                seen.add(progress);
              }
            });
    List<RunStats> stats = handle.await();
    assertEquals(List.of("1 combination(s), 30 instances"), planned);
    assertTrue(handle.isDone());
    assertEquals(1, stats.size());
    assertEquals(30, stats.get(0).succeeded());
    assertEquals(0.0, stats.get(0).cost());
    assertEquals(
        dir.resolve("experiment_results/gold/T=0/n=1/mine.jsonl"),
        stats.get(0).combination().output());
    assertEquals(30, seen.size());
    assertNotNull(handle.currentCombination());
    assertEquals(30, handle.latestProgress().done());
    assertEquals(30, reported.size(), "a plain Reporter sees the progress too");
  }
}
