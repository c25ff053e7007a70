package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-run filter: which instances are asked, and what a person sees while it counts. */
class PrefilterTest {
  private static final ModelSpec MODEL = ModelSpec.builder("m").contextLimit(1_000).build();

  @TempDir Path dir;

  /** Instances i0…i{n-1}; the prompt of each is {@code i} words. */
  private List<BenchInstance> instances(int n) throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < n; i++) {
      jsonl
          .append("{\"instance_id\": \"i")
          .append(i)
          .append("\", \"prompt\": \"")
          .append("w ".repeat(i + 1).strip())
          .append("\"}\n");
    }
    Path file = Files.writeString(dir.resolve("in.jsonl"), jsonl);
    return BenchReader.read(file, new RecordingReporter());
  }

  private static int words(String prompt) {
    return prompt.split(" ").length;
  }

  @Test
  void aLongCountingIsReportedOnTheFilteringThreadAndTheFitsKeepTheirOrder() throws Exception {
    List<BenchInstance> instances = instances(40);
    CountDownLatch reported = new CountDownLatch(1);
    List<int[]> reports = new ArrayList<>();
    List<Thread> reportingThreads = new ArrayList<>();
    Prefilter.Result result =
        Prefilter.apply(
            instances,
            Set.of("i0"),
            0,
            MODEL,
            prompt -> {
              // The last prompt is counted only once the counting has been reported: the filter
              // cannot end in silence, however fast the machine.
              if (words(prompt) == 40) {
                await(reported);
              }
              return words(prompt);
            },
            Duration.ofMillis(5),
            (counted, total) -> {
              reports.add(new int[] {counted, total});
              reportingThreads.add(Thread.currentThread());
              reported.countDown();
            });

    assertTrue(!reports.isEmpty());
    for (int[] report : reports) {
      assertTrue(report[0] < 39, "counted " + report[0] + " before the last was done");
      assertEquals(39, report[1]);
    }
    reportingThreads.forEach(thread -> assertSame(Thread.currentThread(), thread));
    assertEquals(
        IntStream.range(1, 40).mapToObj(i -> "i" + i).toList(),
        result.toRun().stream().map(p -> p.instance().instanceId()).toList());
    assertEquals(
        IntStream.rangeClosed(2, 40).boxed().toList(),
        result.toRun().stream().map(p -> p.fit().originalTokens()).toList());
    assertEquals(1, result.stats().alreadyDone());
  }

  @Test
  void aQuickCountingIsNotReported() throws Exception {
    List<int[]> reports = new ArrayList<>();
    Prefilter.Result result =
        Prefilter.apply(
            instances(5),
            Set.of(),
            0,
            MODEL,
            PrefilterTest::words,
            Duration.ofMinutes(1),
            (counted, total) -> reports.add(new int[] {counted, total}));
    assertEquals(5, result.toRun().size());
    assertEquals(0, reports.size());
  }

  @Test
  void aCounterThatFailsEndsTheFilterWithItsError() throws Exception {
    List<BenchInstance> instances = instances(8);
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Prefilter.apply(
                    instances,
                    Set.of(),
                    0,
                    MODEL,
                    prompt -> {
                      if (words(prompt) == 3) {
                        throw new IllegalStateException("no encoding");
                      }
                      return words(prompt);
                    },
                    Duration.ofMinutes(1),
                    (counted, total) -> {}));
    assertEquals("no encoding", thrown.getMessage());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the counting was never reported");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Comparing finished records' prompts only advises: a file cut short under the open output is
   * said and the run goes on; an interrupted run stops as it does while counting tokens.
   */
  @Test
  void aCheckThatCannotReadTheOutputIsSaidAndAnInterruptionStopsTheRun() throws IOException {
    List<BenchInstance> instances = instances(3);
    Path output = dir.resolve("out/all-task-instances_0.2.jsonl");
    Files.createDirectories(output.getParent());
    StringBuilder records = new StringBuilder();
    for (BenchInstance in : instances) {
      records
          .append(
              ResultRecord.success(
                      in.instanceId(),
                      MODEL,
                      in.prompt(),
                      new Completion("<patch>x</patch>", UsageCost.FREE, Duration.ZERO))
                  .toJsonLine())
          .append('\n');
    }
    Files.writeString(output, records);
    Combination combination = new Combination("all", "0.2", dir.resolve("in.jsonl"), MODEL, output);
    RecordingReporter reporter = new RecordingReporter();
    try (ResultFile out = ResultFile.open(output, Duration.ZERO, reporter)) {
      try (FileChannel cut = FileChannel.open(output, StandardOpenOption.WRITE)) {
        cut.truncate(10);
      }
      Prefilter.Result result =
          Prefilter.forRun(instances, out, combination, RunObserver.NONE, reporter);
      assertEquals(3, result.stats().alreadyDone());
      assertEquals(1, reporter.warnings.size(), reporter.warnings.toString());
      assertTrue(
          reporter.warnings.get(0).startsWith(output + ": could not compare the prompts"),
          reporter.warnings.get(0));
      assertTrue(reporter.warnings.get(0).endsWith("; the run goes on"), reporter.warnings.get(0));

      Thread.currentThread().interrupt();
      try {
        assertThrows(
            CancellationException.class,
            () -> Prefilter.forRun(instances, out, combination, RunObserver.NONE, reporter));
      } finally {
        Thread.interrupted();
      }
    }
  }
}
