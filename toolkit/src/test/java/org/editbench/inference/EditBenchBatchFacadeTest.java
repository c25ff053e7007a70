package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.editbench.EditBench;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch methods of the {@link EditBench} facade against the fake batch server. Each test hands
 * its method options that ask for the opposite of what the method is for (a direct run, and waiting
 * or not), so a method that set a flag wrongly or not at all fails here. The run's waits go through
 * a {@link Sleeper} the test controls, never the clock. In this package for {@link
 * FakeBatchServer}.
 */
class EditBenchBatchFacadeTest {
  private static final String KEY = "sk-facade-0123456789abcdef";
  private static final Duration AT_MOST = Duration.ofSeconds(10);

  @TempDir Path root;
  private MockWebServer server;
  private FakeBatchServer fake;
  private Path models;
  private final RecordingReporter reporter = new RecordingReporter();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    fake = new FakeBatchServer(server);
    models = Fixtures.modelsFile(root, "");
    Fixtures.infbench(
        root.resolve("crawled_data/infbench/all-task-instances_0.2.jsonl"), Fixtures.ids(3));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A direct run of test-chat: the facade method must turn batching on and choose to wait. */
  private RunApiOptions options(boolean waitForBatches, Sleeper sleeper) {
    return Fixtures.options(root, server.url("/v1").toString(), KEY)
        .models("test-chat")
        .modelsFile(models)
        .batch(false)
        .waitForBatches(waitForBatches)
        .pollInterval(Duration.ofSeconds(10), Duration.ofSeconds(60))
        .sleeper(sleeper)
        .build();
  }

  private Path results() {
    return root.resolve("experiment_results");
  }

  private Path output() {
    return results().resolve("test-chat/T=0/n=1/all-task-instances_0.2.jsonl");
  }

  private boolean noRecords() {
    return !Files.exists(output()) || Fixtures.lines(output()).isEmpty();
  }

  /** The batches as the last run recorded them, without asking the server. */
  private List<BatchInfo> recorded() {
    return EditBench.batchStatus(
        results(), new ApiEnvironment(List.of(KEY), server.url("/v1").toString()), false);
  }

  /** The fake's one batch; fails when there is another. */
  private FakeBatchServer.Batch onlyBatch() {
    assertEquals(1, fake.batches.size(), "one batch, never submitted again");
    return fake.batches.values().iterator().next();
  }

  /** What a run that collected the three answers returns and writes. */
  private void assertCollected(List<RunStats> stats) {
    assertEquals(1, stats.size());
    assertEquals(output(), stats.get(0).combination().output());
    assertEquals(3, stats.get(0).succeeded());
    assertEquals(0, stats.get(0).failed());
    assertEquals(1.5 * (100 * 1e-6 + 10 * 2e-6), stats.get(0).cost(), 1e-12, "at the batch price");
    Map<String, JsonNode> records = Fixtures.byInstance(output());
    assertEquals(Fixtures.ids(3), List.copyOf(records.keySet()));
    records.forEach((id, r) -> assertEquals("fix " + id, r.get("model_patch").asText()));
    assertEquals("completed", onlyBatch().phase());
    assertTrue(recorded().get(0).collected());
    assertEquals(0, fake.calls("POST", "/v1/chat/completions").size(), "nothing asked directly");
  }

  /** A sleeper that notes each wait of the run's thread and holds it until the gate lets it on. */
  private static Sleeper gated(BlockingQueue<Duration> waits, Semaphore gate) {
    Thread caller = Thread.currentThread();
    return duration -> {
      if (Thread.currentThread() == caller) {
        throw new AssertionError("the caller's thread waited for the batch");
      }
      waits.add(duration);
      gate.acquire();
    };
  }

  @Test
  void submitBatchesReturnsWhileTheBatchRunsAndCollectsItWhenCalledAgainAfterItEnded() {
    fake.openAiPhases = List.of("validating", "completed");
    fake.frozen = true;
    Sleeper neverWaits =
        duration -> {
          throw new AssertionError("submitBatches waited " + duration + " for the batch");
        };

    List<RunStats> submitted =
        EditBench.submitBatches(options(true, neverWaits), reporter, RunObserver.NONE);
    assertEquals(1, submitted.size());
    assertEquals(0, submitted.get(0).succeeded());
    FakeBatchServer.Batch batch = onlyBatch();
    assertEquals("validating", batch.phase(), "still running at the server");
    assertEquals(3, batch.requests.size());
    assertTrue(noRecords(), "nothing collected yet");
    List<BatchInfo> recorded = recorded();
    assertEquals(1, recorded.size());
    assertEquals(batch.id, recorded.get(0).id());
    assertEquals(output(), recorded.get(0).output());
    assertEquals(3, recorded.get(0).total());
    assertFalse(recorded.get(0).collected());

    fake.frozen = false; // its next status read ends it
    List<RunStats> collected =
        EditBench.submitBatches(options(true, neverWaits), reporter, RunObserver.NONE);
    assertCollected(collected);
  }

  @Test
  void collectBatchesWaitsUntilTheBatchEndsAndWritesEveryRecord() {
    List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    List<RunStats> stats =
        EditBench.collectBatches(options(false, waits::add), reporter, RunObserver.NONE);
    assertEquals(
        3, waits.size(), "a wait between looks: validating, in_progress, finalizing, completed");
    assertCollected(stats);
  }

  @Test
  void watchBatchesReturnsAHandleAtOnceWhoseProgressFollowsTheBatchAndWhoseAwaitCollectsIt()
      throws Exception {
    fake.openAiPhases = List.of("validating", "in_progress", "completed");
    BlockingQueue<Duration> waits = new LinkedBlockingQueue<>();
    Semaphore gate = new Semaphore(0);
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    RunObserver observer =
        new RunObserver() {
          @Override
          public void progress(Combination combination, Progress progress) {
            seen.add(progress.done());
          }
        };

    RunHandle handle =
        EditBench.watchBatches(options(false, gated(waits, gate)), reporter, observer);
    assertNotNull(waits.poll(AT_MOST.toSeconds(), TimeUnit.SECONDS), "waits for the batch");
    assertFalse(handle.isDone());
    assertEquals("validating", onlyBatch().phase());
    assertTrue(noRecords());
    assertEquals(output(), handle.currentCombination().output());
    assertEquals(0, handle.latestProgress().done());
    assertEquals(3, handle.latestProgress().total());

    gate.release();
    assertNotNull(waits.poll(AT_MOST.toSeconds(), TimeUnit.SECONDS), "waits again");
    assertFalse(handle.isDone());
    assertEquals("in_progress", onlyBatch().phase());
    assertEquals(1, handle.latestProgress().done(), "the server's count of the running batch");
    assertTrue(noRecords());

    gate.release();
    assertCollected(assertTimeoutPreemptively(AT_MOST, handle::await));
    assertEquals(3, handle.latestProgress().done());
    assertEquals(List.of(0, 1, 3), seen);
    assertTrue(waits.isEmpty(), "no wait after the batch ended");
  }

  @Test
  void aCancelledWatchLeavesTheBatchRecordedForTheNextRunToCollect() throws Exception {
    BlockingQueue<Duration> waits = new LinkedBlockingQueue<>();
    RunHandle handle =
        EditBench.watchBatches(
            options(false, gated(waits, new Semaphore(0))), reporter, RunObserver.NONE);
    assertNotNull(waits.poll(AT_MOST.toSeconds(), TimeUnit.SECONDS), "waits for the batch");

    handle.cancel();
    CancellationException stopped =
        assertThrows(
            CancellationException.class, () -> assertTimeoutPreemptively(AT_MOST, handle::await));
    assertTrue(stopped.getMessage().contains("running the same command again collects them"));
    assertTrue(noRecords());
    assertFalse(recorded().get(0).collected());

    assertCollected(EditBench.collectBatches(options(false, d -> {}), reporter, RunObserver.NONE));
  }
}
