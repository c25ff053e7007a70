package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.editbench.EditBench;
import org.editbench.core.Jsonl;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-api --batch against local fakes of OpenAI's Batch API and Anthropic's Message Batches. No
 * network.
 */
class BatchRunTest {
  private static final String KEY = "sk-batch-0123456789abcdef";

  @TempDir Path root;
  private MockWebServer server;
  private FakeBatchServer fake;
  private final RecordingReporter reporter = new RecordingReporter();
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private Path models;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    fake = new FakeBatchServer(server);
    models =
        Fixtures.modelsFile(
            root,
            "\"claude-native\": {\"api\": \"anthropic\", \"temperature\": 0,"
                + " \"context_limit\": 100000, \"cost_per_input_token\": 3e-6, \"cost_per_output_token\": 1.5e-5}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void infbench(List<String> ids) {
    Fixtures.infbench(root.resolve("crawled_data/infbench/all-task-instances_0.2.jsonl"), ids);
  }

  private RunApiOptions.Builder options(String model) {
    return Fixtures.options(root, server.url("/v1").toString(), KEY)
        .models(model)
        .modelsFile(models)
        .environment(environment())
        .batch(true)
        .pollInterval(Duration.ofSeconds(10), Duration.ofSeconds(60))
        .sleeper(sleeps::add);
  }

  private RunStats run(RunApiOptions.Builder options) {
    return run(options, RunObserver.NONE);
  }

  private RunStats run(RunApiOptions.Builder options, RunObserver observer) {
    List<RunStats> stats = EditBench.runApi(options.build(), reporter, observer);
    assertEquals(1, stats.size());
    return stats.get(0);
  }

  private Path output(String model, String temperature) {
    return root.resolve("experiment_results")
        .resolve(model)
        .resolve("T=" + temperature)
        .resolve("n=1/all-task-instances_0.2.jsonl");
  }

  /** The fake's {@code index}-th batch (from 0), in creation order. */
  private FakeBatchServer.Batch batch(int index) {
    return new ArrayList<>(fake.batches.values()).get(index);
  }

  /** The test's keys, with OpenAI's requests going to {@code baseUrl}. */
  private ApiEnvironment environmentAt(String baseUrl) {
    return new ApiEnvironment(List.of(KEY), baseUrl, List.of(KEY), server.url("/").toString());
  }

  private ApiEnvironment environment() {
    return new ApiEnvironment(
        List.of(KEY), server.url("/v1").toString(), List.of(KEY), server.url("/").toString());
  }

  private static JsonNode json(String text) throws IOException {
    return Jsonl.MAPPER.readTree(text);
  }

  @Test
  void aDamagedStateFileIsListedWithWhatToDoAndTheOthersAreStillServed() throws IOException {
    infbench(Fixtures.ids(2));
    fake.openAiPhases = List.of("in_progress", "completed");
    run(options("test-chat").waitForBatches(false)); // one running batch, in a good state file
    Path results = root.resolve("experiment_results");
    Path state = results.resolve("other-model/T=0/n=1/.all-task-instances_0.2.jsonl.batches.json");
    Files.createDirectories(state.getParent());
    for (String damaged :
        List.of(
            "[]",
            "{not json",
            "{\"header\": {\"format\": 1, \"provider\": \"opneai\"}, \"batches\": []}")) {
      Files.writeString(state, damaged);
      int asked = fake.calls("GET", "/v1/batches/").size();
      List<BatchInfo> status = EditBench.batchStatus(results, environment());
      assertEquals(2, status.size(), status.toString());
      BatchInfo unreadable = status.get(0);
      assertEquals(state.resolveSibling("all-task-instances_0.2.jsonl"), unreadable.output());
      String why = unreadable.unreadable();
      assertTrue(why.startsWith(state + ":"), why);
      assertTrue(
          why.contains("not a batch state file (")
              || why.contains("its provider 'opneai' is none of [openai, anthropic]"),
          why);
      assertTrue(why.contains("Restore it if you can") && why.contains("move it aside"), why);
      assertFalse(why.contains("org.editbench"), why);
      assertEquals(output("test-chat", "0"), status.get(1).output(), "the good file's batch");
      assertNull(status.get(1).unreadable());
      assertEquals(asked + 1, fake.calls("GET", "/v1/batches/").size(), "asked at the provider");
      assertEquals(
          List.of("  " + why),
          BatchAdmin.lines(status).stream().filter(l -> l.startsWith("  ")).toList());
    }
    // An id found in no readable file says that some files could not be read.
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> EditBench.cancelBatches(results, environment(), List.of("batch_nope")));
    assertTrue(
        unknown
            .getMessage()
            .contains("in the state files that could be read (1 could not: 'editbench batch"),
        unknown.getMessage());
    // Cancelling all cancels the readable files' batches.
    List<BatchInfo> cancelled = EditBench.cancelBatches(results, environment(), List.of());
    assertEquals(
        List.of("unreadable", "cancelling"), cancelled.stream().map(BatchInfo::phase).toList());
    assertEquals(1, fake.calls("POST", "/v1/batches/").size(), "the good file's batch cancelled");
  }

  @Test
  void openAiBatchUploadsCreatesPollsAndWritesWhatADirectRunWrites() throws Exception {
    infbench(Fixtures.ids(3));
    RunStats stats = run(options("test-chat"));

    RecordedRequest upload = fake.calls("POST", "/v1/files").get(0);
    assertEquals("Bearer " + KEY, upload.getHeaders().get("Authorization"));
    List<String> lines = fake.files.get("file-in-1");
    assertEquals(3, lines.size());
    JsonNode line = json(lines.get(0));
    assertEquals(
        "o__r-pull-1", line.get("custom_id").asText(), "a safe instance id is its own custom_id");
    assertEquals("POST", line.get("method").asText());
    assertEquals("/v1/chat/completions", line.get("url").asText());
    assertEquals("test-chat", line.at("/body/model").asText());
    assertEquals(Fixtures.SYSTEM_LINE, line.at("/body/messages/0/content").asText());

    JsonNode create = json(fake.calls("POST", "/v1/batches").get(0).getBody().utf8());
    assertEquals("file-in-1", create.get("input_file_id").asText());
    assertEquals("/v1/chat/completions", create.get("endpoint").asText());
    assertEquals("24h", create.get("completion_window").asText());
    assertEquals(1, fake.batches.size(), "one batch");
    assertTrue(
        reporter.infos.stream().anyMatch(m -> m.contains("in_progress")),
        reporter.infos.toString());
    assertTrue(
        reporter.infos.stream().anyMatch(m -> m.contains("finalizing")), reporter.infos.toString());
    assertTrue(
        reporter.infos.stream().anyMatch(m -> m.contains("completed, 3/3 done")),
        reporter.infos.toString());
    assertEquals(
        3,
        fake.calls("GET", "/v1/batches/").size(),
        "validating -> in_progress -> finalizing -> completed");
    assertEquals(
        List.of(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10)),
        sleeps,
        "each look saw a change: the interval stays at its start");

    Map<String, JsonNode> records = Fixtures.byInstance(output("test-chat", "0"));
    assertEquals(3, records.size());
    JsonNode first = records.get("o__r-pull-1");
    assertEquals(
        List.of(
            "instance_id",
            "model_name",
            "temperature",
            "top_p",
            "n",
            "prompt",
            "full_output",
            "model_patch",
            "cost",
            "response_time"),
        fieldNames(first),
        "the fields of a direct run, in its order");
    assertEquals("fix o__r-pull-1", first.get("model_patch").asText());
    assertEquals(Fixtures.prompt("o__r-pull-1", "a.py", "b.py"), first.get("prompt").asText());
    assertEquals(0.5 * (100 * 1e-6 + 10 * 2e-6), first.get("cost").asDouble(), 1e-12, "half price");
    assertEquals(
        90.0, first.get("response_time").asDouble(), "the batch's time from creation to its end");
    assertEquals(3, stats.succeeded());
    assertEquals(1.5 * (100 * 1e-6 + 10 * 2e-6), stats.cost(), 1e-12);

    JsonNode state = json(Files.readString(BatchState.fileFor(output("test-chat", "0"))));
    assertEquals("batch_2", state.at("/batches/0/id").asText());
    assertTrue(state.at("/batches/0/collected").asBoolean());
    assertEquals("test-chat", state.at("/header/model").asText());

    // the same command again: nothing to submit, nothing written twice
    int callsBefore = fake.requests.size();
    RunStats again = run(options("test-chat"));
    assertEquals(callsBefore, fake.requests.size(), "no call at all: everything is answered");
    assertEquals(3, again.filter().alreadyDone());
    assertEquals(3, Fixtures.lines(output("test-chat", "0")).size());
  }

  private static List<String> fieldNames(JsonNode record) {
    List<String> names = new ArrayList<>();
    record.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void batchRecordsMatchADirectRunsFieldForField() {
    infbench(Fixtures.ids(2));
    run(options("test-chat"));
    Map<String, JsonNode> batch = Fixtures.byInstance(output("test-chat", "0"));

    Path directRoot = root.resolve("direct");
    Fixtures.infbench(
        directRoot.resolve("crawled_data/infbench/all-task-instances_0.2.jsonl"), Fixtures.ids(2));
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public mockwebserver3.MockResponse dispatch(RecordedRequest request) {
            return Fixtures.patchFor(request);
          }
        });
    EditBench.runApi(
        Fixtures.options(directRoot, server.url("/v1").toString(), KEY)
            .models("test-chat")
            .modelsFile(models)
            .build(),
        reporter,
        RunObserver.NONE);
    Map<String, JsonNode> direct =
        Fixtures.byInstance(
            directRoot.resolve(
                "experiment_results/test-chat/T=0/n=1/" + "all-task-instances_0.2.jsonl"));
    assertEquals(direct.keySet(), batch.keySet());
    direct.forEach(
        (id, d) -> {
          JsonNode b = batch.get(id);
          assertEquals(fieldNames(d), fieldNames(b));
          for (String field :
              List.of(
                  "instance_id",
                  "model_name",
                  "temperature",
                  "top_p",
                  "n",
                  "prompt",
                  "full_output",
                  "model_patch")) {
            assertEquals(d.get(field), b.get(field), field);
          }
          assertEquals(d.get("cost").asDouble() * 0.5, b.get("cost").asDouble(), 1e-15);
        });
  }

  @Test
  void responsesModelsBatchAgainstTheResponsesEndpoint() throws Exception {
    infbench(Fixtures.ids(1));
    run(options("gpt-5-codex"));
    assertEquals(
        "/v1/responses",
        json(fake.calls("POST", "/v1/batches").get(0).getBody().utf8()).get("endpoint").asText());
    JsonNode line = json(fake.files.get("file-in-1").get(0));
    assertEquals("/v1/responses", line.get("url").asText());
    assertEquals(Fixtures.SYSTEM_LINE, line.at("/body/instructions").asText());
    JsonNode record = Fixtures.records(output("gpt-5-codex", "1")).get(0);
    assertEquals(0.5 * (100 * 1.25e-6 + 10 * 1.0e-5), record.get("cost").asDouble(), 1e-12);
  }

  @Test
  void answersCutOffAtTheTokenLimitAreCountedAsInADirectRun() throws Exception {
    infbench(Fixtures.ids(4));
    fake.answer =
        (customId, body) ->
            new FakeBatchServer.Ok("<patch>fix</patch>", 1, 1, customId.equals("o__r-pull-2"));
    RunStats stats = run(options("test-chat"));
    assertEquals(4, stats.succeeded());
    assertEquals(1, stats.cutOff());
  }

  @Test
  void partialFailuresAreRecordedRetriedOrTrimmedAsInADirectRun() throws Exception {
    infbench(Fixtures.ids(5));
    fake.answer =
        (customId, body) -> {
          boolean retried = fake.batches.size() > 1;
          return switch (customId) {
            case "o__r-pull-1" ->
                new FakeBatchServer.Error(400, "{\"error\": {\"message\": \"content policy\"}}");
            case "o__r-pull-2" ->
                retried
                    ? new FakeBatchServer.Ok("<patch>second try</patch>", 1, 1)
                    : new FakeBatchServer.Error(
                        500, "{\"error\": {\"message\": \"server error\"}}");
            case "o__r-pull-3" ->
                body.toString().contains("b.py")
                    ? new FakeBatchServer.Error(
                        400,
                        "{\"error\": {\"code\": \"context_length_exceeded\", \"message\": \"long\"}}")
                    : new FakeBatchServer.Ok("<patch>short</patch>", 1, 1);
            case "o__r-pull-4" ->
                retried
                    ? new FakeBatchServer.Ok("<patch>later</patch>", 1, 1)
                    : new FakeBatchServer.NoResponse("batch_expired", "not executed in time");
            default -> new FakeBatchServer.Ok("<patch>fix</patch>", 1, 1);
          };
        };
    RunStats stats = run(options("test-chat"));

    assertEquals(2, fake.batches.size(), "the failures worth retrying went into a second batch");
    List<String> retried =
        batch(1).requests.stream().map(r -> r.get("custom_id").asText()).sorted().toList();
    assertEquals(List.of("o__r-pull-2", "o__r-pull-3", "o__r-pull-4"), retried);
    Map<String, JsonNode> records = Fixtures.byInstance(output("test-chat", "0"));
    assertEquals(5, records.size());
    assertEquals(
        "HTTP 400: content policy",
        records.get("o__r-pull-1").get("error").asText(),
        "final, not retried");
    assertEquals("second try", records.get("o__r-pull-2").get("model_patch").asText());
    assertEquals("short", records.get("o__r-pull-3").get("model_patch").asText());
    assertFalse(
        records.get("o__r-pull-3").get("prompt").asText().contains("b.py"),
        "the prompt as sent, trimmed");
    assertEquals("later", records.get("o__r-pull-4").get("model_patch").asText());
    assertEquals(4, stats.succeeded());
    assertEquals(1, stats.failed());
    assertEquals(2, stats.retries(), "two instances asked again for transient failures");
    JsonNode state = json(Files.readString(BatchState.fileFor(output("test-chat", "0"))));
    assertEquals(
        0, state.at("/batches/1/requests").size(), "collected batches keep no request list");
    assertEquals(0, state.get("retries").size());
  }

  @Test
  void retriesAreBoundedThenRecordedAsGivenUpForTheNextRun() {
    infbench(Fixtures.ids(1));
    fake.answer =
        (customId, body) ->
            new FakeBatchServer.Error(503, "{\"error\": {\"message\": \"overloaded\"}}");
    RunStats stats = run(options("test-chat").maxRetries(2));
    assertEquals(3, fake.batches.size(), "the first attempt and two retries");
    JsonNode record = Fixtures.records(output("test-chat", "0")).get(0);
    assertEquals("Max retries (2) exceeded: HTTP 503: overloaded", record.get("error").asText());
    assertEquals(1, stats.failed());

    fake.answer = (customId, body) -> new FakeBatchServer.Ok("<patch>ok</patch>", 1, 1);
    run(options("test-chat").maxRetries(2));
    assertEquals(4, fake.batches.size(), "the next run asks again, as after a direct run");
    assertEquals(
        "ok", Fixtures.records(output("test-chat", "0")).get(0).get("model_patch").asText());
  }

  @Test
  void aResultsLineThatIsNotJsonIsSkippedAndItsRequestAskedAgainTheRestCollected() {
    for (String model : List.of("test-chat", "claude-native")) {
      infbench(Fixtures.ids(3));
      int before = fake.batches.size();
      fake.tornOnce.add("o__r-pull-2");
      reporter.warnings.clear();
      RunStats stats = run(options(model).maxRetries(1));
      assertEquals(3, stats.succeeded(), model);
      assertEquals(2, fake.batches.size() - before, model + ": the torn answer's request again");
      assertEquals(1, batch(before + 1).requests.size(), model);
      assertEquals(3, Fixtures.byInstance(output(model, "0")).size(), model);
      assertTrue(
          reporter.warnings.stream()
              .anyMatch(
                  w ->
                      w.contains(", line ")
                          && w.contains(": not valid JSON (it ends")
                          && w.endsWith("; skipped, its request is asked again")),
          model + ": " + reporter.warnings);
      assertTrue(
          reporter.infos.stream()
              .anyMatch(i -> i.endsWith(", 1 line(s) that could not be read skipped")),
          model + ": " + reporter.infos);
    }
  }

  @Test
  void aFailedBatchIsSubmittedAgain() {
    infbench(Fixtures.ids(2));
    fake.openAiPhases = List.of("validating", "failed");
    run(options("test-chat").maxRetries(1).waitForBatches(false));
    run(options("test-chat").maxRetries(1).waitForBatches(false));
    assertEquals(2, fake.batches.size());
    assertTrue(
        reporter.infos.stream().anyMatch(m -> m.contains("batch_2: failed")),
        reporter.infos.toString());
    fake.openAiPhases = List.of("validating", "completed");
    run(options("test-chat").maxRetries(1));
    Map<String, JsonNode> records = Fixtures.byInstance(output("test-chat", "0"));
    assertEquals(2, records.size());
    records
        .values()
        .forEach(
            r ->
                assertTrue(
                    r.get("error")
                            .asText()
                            .startsWith("Max retries (1) exceeded: no answer:" + " batch batch_")
                        && r.get("error")
                            .asText()
                            .contains("invalid_model: model not supported for batch"),
                    r.toString()));
  }

  @Test
  void expiredAndCancelledBatchesKeepTheirAnswersAndAskAgainForTheRest() {
    infbench(Fixtures.ids(4));
    fake.openAiPhases = List.of("in_progress", "expired");
    run(options("test-chat").waitForBatches(false));
    run(
        options("test-chat")
            .waitForBatches(false)); // collects the expired batch, submits the two unanswered
    assertEquals(2, Fixtures.lines(output("test-chat", "0")).size());
    assertEquals(2, batch(1).requests.size());

    fake.openAiPhases = List.of("in_progress", "completed");
    List<BatchInfo> cancelled =
        EditBench.cancelBatches(root.resolve("experiment_results"), environment(), List.of());
    assertEquals(1, cancelled.size());
    assertEquals("cancelling", cancelled.get(0).phase());
    run(options("test-chat"));
    Map<String, JsonNode> records = Fixtures.byInstance(output("test-chat", "0"));
    assertEquals(
        4, records.size(), "answers of the cancelled batch kept, the rest asked in a third batch");
    assertEquals(3, fake.batches.size());
    records.values().forEach(r -> assertTrue(r.has("model_patch"), r.toString()));
  }

  @Test
  void batchesAreSplitByRequestCountAndSize() {
    infbench(Fixtures.ids(5));
    run(options("test-chat").batchLimits(2, Long.MAX_VALUE));
    assertEquals(
        List.of(2, 2, 1), fake.batches.values().stream().map(b -> b.requests.size()).toList());

    String lineLength = fake.files.get("file-in-1").get(0);
    Path other = root.resolve("other.jsonl");
    Fixtures.infbench(other, Fixtures.ids(3));
    fake.batches.clear();
    run(
        options("test-chat")
            .datasetNames(other.toString())
            .batchLimits(100, 2L * lineLength.length() + 10));
    assertEquals(
        List.of(2, 1), fake.batches.values().stream().map(b -> b.requests.size()).toList());
    assertEquals(50_000, Provider.OPENAI.maxBatchRequests());
    assertEquals(200_000_000L, Provider.OPENAI.maxBatchBytes());
    assertEquals(100_000, Provider.ANTHROPIC.maxBatchRequests());
    assertEquals(256_000_000L, Provider.ANTHROPIC.maxBatchBytes());
  }

  @Test
  void pollingBacksOffWhileNothingChanges() {
    infbench(Fixtures.ids(1));
    fake.openAiPhases =
        List.of(
            "validating",
            "in_progress",
            "in_progress",
            "in_progress",
            "in_progress",
            "in_progress",
            "in_progress",
            "completed");
    run(options("test-chat").pollInterval(Duration.ofSeconds(10), Duration.ofSeconds(30)));
    assertEquals(
        List.of(10, 10, 15, 22, 30, 30, 30),
        sleeps.stream().map(d -> (int) d.toSeconds()).toList());
  }

  @Test
  void killedBetweenSubmitAndCollectTheNextRunCollectsWithoutSubmittingAgain() {
    infbench(Fixtures.ids(3));
    RunStats submitted = run(options("test-chat").waitForBatches(false));
    assertEquals(0, submitted.succeeded());
    assertEquals(1, fake.calls("POST", "/v1/batches").size());
    assertTrue(
        reporter.infos.stream().anyMatch(m -> m.contains("run the same command again")),
        reporter.infos.toString());
    assertFalse(
        Files.exists(output("test-chat", "0"))
            && !Fixtures.lines(output("test-chat", "0")).isEmpty());

    List<Progress> seen = new ArrayList<>();
    RunStats collected =
        run(
            options("test-chat"),
            new RunObserver() {
              @Override
              public void progress(Combination combination, Progress progress) {
                seen.add(progress);
              }
            });
    // What the provider had done before this process looked is found done, not done at some
    // rate now; what it does after counts.
    Progress first = seen.get(0);
    assertTrue(first.done() > 0, first.toString());
    assertEquals(first.done(), first.foundDone());
    assertEquals(0, first.ratePerSecond());
    Progress last = seen.get(seen.size() - 1);
    assertEquals(3, last.done());
    assertEquals(first.foundDone(), last.foundDone());
    assertEquals(1, fake.calls("POST", "/v1/batches").size(), "no second submission");
    assertEquals(1, fake.calls("POST", "/v1/files").size(), "no second upload");
    assertEquals(3, collected.succeeded());
    assertEquals(3, Fixtures.byInstance(output("test-chat", "0")).size());
  }

  @Test
  void aCreateWhoseAnswerWasLostIsFoundByItsInputFileInsteadOfCreatedTwice() {
    infbench(Fixtures.ids(2));
    fake.dropNextCreateAnswer = true;
    assertThrows(IllegalStateException.class, () -> run(options("test-chat").maxRetries(0)));
    BatchState.Stored state = BatchState.read(BatchState.fileFor(output("test-chat", "0")));
    assertNull(state.batches().get(0).id(), "the run stopped before it heard the batch's id");
    assertEquals("file-in-1", state.batches().get(0).staged());
    assertEquals(1, fake.batches.size(), "the server made the batch; the client never heard");

    RunStats resumed = run(options("test-chat"));
    assertEquals(
        1, fake.calls("POST", "/v1/batches").size(), "found by its input file, not created again");
    assertEquals(2, resumed.succeeded());
    assertTrue(
        reporter.infos.stream()
            .anyMatch(m -> m.contains("found, created before the last run stopped")),
        reporter.infos.toString());
  }

  @Test
  void aCreateRetriedAfterItsAnswerWasLostTakesTheBatchItMadeInsteadOfASecond() {
    infbench(Fixtures.ids(2));
    fake.dropNextCreateAnswer = true;
    RunStats stats = run(options("test-chat"));
    assertEquals(1, fake.batches.size(), "one batch made and paid for");
    assertEquals(1, fake.calls("POST", "/v1/batches").size(), "looked for, not sent again");
    assertEquals(2, stats.succeeded());
  }

  @Test
  void anthropicMessageBatchesCarryParamsAndResultsComeFromTheResultsUrl() throws Exception {
    infbench(Fixtures.ids(4));
    fake.answer =
        (customId, body) ->
            switch (customId) {
              case "o__r-pull-2" ->
                  new FakeBatchServer.Error(
                      0,
                      "{\"type\": \"error\", \"error\": {\"type\":"
                          + " \"invalid_request_error\", \"message\": \"max_tokens: too large\"}}");
              case "o__r-pull-3" ->
                  fake.batches.size() > 1
                      ? new FakeBatchServer.Ok("<patch>again</patch>", 5, 5)
                      : new FakeBatchServer.Error(
                          0,
                          "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\","
                              + " \"message\": \"Overloaded\"}}");
              default ->
                  new FakeBatchServer.Ok(
                      "<patch>fix " + FakeBatchServer.instanceIn(body) + "</patch>", 200, 20);
            };
    RunStats stats = run(options("claude-native"));

    RecordedRequest create = fake.calls("POST", "/v1/messages/batches").get(0);
    assertEquals(KEY, create.getHeaders().get("x-api-key"));
    assertEquals("2023-06-01", create.getHeaders().get("anthropic-version"));
    JsonNode request = json(create.getBody().utf8()).at("/requests/0");
    assertEquals("o__r-pull-1", request.get("custom_id").asText());
    assertEquals("claude-native", request.at("/params/model").asText());
    assertEquals(8192, request.at("/params/max_tokens").asInt());
    assertEquals(Fixtures.SYSTEM_LINE, request.at("/params/system").asText());
    assertTrue(fake.calls("GET", "/v1/messages/batches/msgbatch_1/results").size() == 1);
    assertEquals(
        2,
        fake.calls("POST", "/v1/messages/batches").size(),
        "the overloaded request in a second batch");

    Map<String, JsonNode> records = Fixtures.byInstance(output("claude-native", "0"));
    assertEquals(
        0.5 * (200 * 3e-6 + 20 * 1.5e-5), records.get("o__r-pull-1").get("cost").asDouble(), 1e-12);
    assertEquals(120.0, records.get("o__r-pull-1").get("response_time").asDouble());
    assertEquals(
        "HTTP 400: max_tokens: too large", records.get("o__r-pull-2").get("error").asText());
    assertEquals("again", records.get("o__r-pull-3").get("model_patch").asText());
    assertEquals(3, stats.succeeded());
  }

  @Test
  void anthropicCanceledAndExpiredRequestsAreAskedAgain() {
    infbench(Fixtures.ids(4));
    run(options("claude-native").waitForBatches(false));
    EditBench.cancelBatches(root.resolve("experiment_results"), environment(), List.of());
    run(options("claude-native"));
    assertEquals(4, Fixtures.byInstance(output("claude-native", "0")).size());
    assertEquals(2, fake.batches.size());
    assertEquals(2, batch(1).requests.size(), "the two canceled requests");
  }

  @Test
  void instanceIdsAnthropicWouldRefuseAsCustomIdsRoundTripThroughAHash() {
    infbench(List.of("o.x__r-pull-1", "a".repeat(70) + "-pull-2"));
    run(options("claude-native"));
    List<String> customIds =
        fake.batches.get("msgbatch_1").requests.stream()
            .map(r -> r.get("custom_id").asText())
            .toList();
    customIds.forEach(id -> assertTrue(id.matches("[A-Za-z0-9_-]{1,64}"), id));
    assertEquals(2, Fixtures.byInstance(output("claude-native", "0")).size());
    assertEquals(
        "fix o.x__r-pull-1",
        Fixtures.byInstance(output("claude-native", "0"))
            .get("o.x__r-pull-1")
            .get("model_patch")
            .asText());
  }

  @Test
  void aChangedPromptDoesNotTakeTheAnswerToTheOldOne() {
    infbench(Fixtures.ids(2));
    run(options("test-chat").waitForBatches(false));
    Path file = root.resolve("crawled_data/infbench/all-task-instances_0.2.jsonl");
    List<String> lines = Fixtures.lines(file);
    Fixtures.write(
        file,
        lines.get(0).replace("1 line of a.py", "1 line of a.py, edited")
            + "\n"
            + lines.get(1)
            + "\n");
    run(options("test-chat"));
    Map<String, JsonNode> records = Fixtures.byInstance(output("test-chat", "0"));
    assertEquals(2, records.size());
    assertTrue(records.get("o__r-pull-1").get("prompt").asText().contains("edited"));
    assertEquals(2, fake.batches.size(), "the changed instance was asked again");
    assertEquals(1, batch(1).requests.size());
  }

  @Test
  void keysAreNeverWrittenToAnyFile() throws IOException {
    infbench(Fixtures.ids(2));
    fake.answer =
        (customId, body) ->
            new FakeBatchServer.Error(401, "{\"error\": {\"message\": \"bad key " + KEY + "\"}}");
    run(options("test-chat"));
    run(options("claude-native").waitForBatches(false));
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(KEY),
            file.toString());
      }
    }
    assertTrue(Fixtures.lines(output("test-chat", "0")).get(0).contains("bad key sk-***def"));
    Stream.concat(reporter.infos.stream(), reporter.warnings.stream())
        .forEach(m -> assertFalse(m.contains(KEY), m));
  }

  @Test
  void credentialsInTheBaseUrlAreNeverWrittenToAnyFile() throws IOException {
    infbench(Fixtures.ids(2));
    fake.answer = (customId, body) -> new FakeBatchServer.Ok("<patch>fix</patch>", 1, 1);
    String withCredentials =
        server.url("/v1").newBuilder().username("team").password("s3cr3t-pass").build().toString();
    RunStats stats =
        run(
            options("test-chat")
                .environment(
                    new ApiEnvironment(
                        List.of(KEY), withCredentials, List.of(KEY), server.url("/").toString())));
    assertEquals(2, stats.succeeded());
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(file).contains("s3cr3t-pass"), file.toString());
      }
    }
  }

  @Test
  void theGoldModelHasNoBatchApi() {
    infbench(Fixtures.ids(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> run(options("gold")));
    assertTrue(
        e.getMessage().startsWith("--batch needs a model served over an API"), e.getMessage());
    assertNotNull(e);
  }

  @Test
  void aDirectRunIsRefusedWhileBatchesForItsOutputAreUncollected() {
    infbench(Fixtures.ids(2));
    fake.frozen = true;
    run(options("test-chat").waitForBatches(false));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> run(options("test-chat").batch(false)));
    assertTrue(
        e.getMessage().contains("has 1 batch(es) submitted with --batch and not collected yet"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("(in a notebook, batch(true))")
            && e.getMessage().contains("in a notebook, EditBench.cancelBatches"),
        "what a notebook calls, beside the CLI's options: " + e.getMessage());
    assertEquals(0, fake.calls("POST", "/v1/chat/completions").size(), "nothing asked directly");
  }

  @Test
  void batchesAreCollectedOnlyAtTheServerTheyWereSubmittedTo() {
    infbench(Fixtures.ids(2));
    Fixtures.infbench(
        root.resolve("crawled_data/infbench/all-task-instances_0.4.jsonl"), Fixtures.ids(2));
    run(options("test-chat").runIds("0.4").waitForBatches(false));
    ApiEnvironment elsewhere = environmentAt(server.url("/proxy/v1").toString());
    Path results = root.resolve("experiment_results");

    // A run over 0.2 and 0.4 stops before submitting 0.2's batch (0.4's are elsewhere).
    IllegalArgumentException collect =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EditBench.runApi(
                    options("test-chat").runIds("0.2", "0.4").environment(elsewhere).build(),
                    reporter,
                    RunObserver.NONE));
    assertTrue(
        collect
            .getMessage()
            .contains(
                " records batches submitted to "
                    + server.url("/v1")
                    + ", but BASE_URL now sends requests to "
                    + server.url("/proxy/v1")
                    + ": a batch can only be collected or cancelled where it was submitted. Set"
                    + " BASE_URL back to collect them"),
        collect.getMessage());
    assertEquals(1, fake.batches.size(), "nothing submitted for 0.2");

    // status and cancel serve the other files, and list these as last seen.
    List<BatchInfo> status = EditBench.batchStatus(results, elsewhere);
    assertEquals(1, status.size());
    assertEquals(server.url("/v1").toString(), status.get(0).elsewhere());
    assertTrue(
        BatchAdmin.lines(status)
            .get(1)
            .endsWith(
                "(submitted to "
                    + server.url("/v1")
                    + ": not"
                    + " reached from here, as last seen)"),
        BatchAdmin.lines(status).toString());
    assertEquals(
        server.url("/v1").toString(),
        EditBench.cancelBatches(results, elsewhere, List.of()).get(0).elsewhere());
    String id = status.get(0).id();
    IllegalArgumentException cancel =
        assertThrows(
            IllegalArgumentException.class,
            () -> EditBench.cancelBatches(results, elsewhere, List.of(id)));
    assertTrue(
        cancel.getMessage().startsWith("batch " + id + " was submitted to " + server.url("/v1")),
        cancel.getMessage());
    // Ids are checked before any batch is cancelled: an unknown one cancels none.
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> EditBench.cancelBatches(results, environment(), List.of(id, "batch_nope")));
    assertTrue(
        unknown.getMessage().startsWith("no running batch batch_nope under ")
            && unknown.getMessage().endsWith("(nothing was cancelled)"),
        unknown.getMessage());
    assertTrue(fake.calls("POST", "/v1/batches/" + id + "/cancel").isEmpty(), "none cancelled");
    assertTrue(
        fake.calls("GET", "/proxy").isEmpty() && fake.calls("POST", "/proxy").isEmpty(),
        "nothing asked at the other server");

    // A trailing slash goes to the same server.
    ApiEnvironment slash = environmentAt(server.url("/v1") + "/");
    assertEquals(
        2,
        run(options("test-chat").runIds("0.4").environment(slash)).succeeded(),
        "collected where it was submitted");
    // Collected: the next runs may go to another server.
    assertEquals(0, run(options("test-chat").runIds("0.4").environment(elsewhere)).succeeded());
  }

  @Test
  void aRunChecksEveryOutputsRecordedBatchesBeforeSubmittingAny() throws IOException {
    infbench(Fixtures.ids(2));
    Path second = root.resolve("crawled_data/infbench/all-task-instances_0.4.jsonl");
    Fixtures.infbench(second, Fixtures.ids(2));
    run(options("test-chat").runIds("0.4").waitForBatches(false));
    // As if the model table had changed since: 0.4's batches are another model's.
    Path state =
        BatchState.fileFor(output("test-chat", "0").resolveSibling("all-task-instances_0.4.jsonl"));
    Files.writeString(
        state,
        Files.readString(state)
            .replaceFirst("\"model\"\\s*:\\s*\"test-chat\"", "\"model\": \"other\""));

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EditBench.runApi(
                    options("test-chat").runIds("0.2", "0.4").build(), reporter, RunObserver.NONE));
    assertTrue(
        refused.getMessage().contains(" records batches of other at openai, not of test-chat"),
        refused.getMessage());
    assertEquals(1, fake.batches.size(), "nothing submitted for 0.2");
  }

  @Test
  void aStateFileThatKeptTheBaseUrlWholeIsCollectedAndNeverPrintsItsCredentials()
      throws IOException {
    infbench(Fixtures.ids(2));
    String withCredentials =
        server.url("/v1").newBuilder().username("team").password("s3cr3t-pass").build().toString();
    ApiEnvironment credentials = environmentAt(withCredentials);
    run(options("test-chat").environment(credentials).waitForBatches(false));
    // As a version before base URLs were masked wrote it.
    Path state = BatchState.fileFor(output("test-chat", "0"));
    String masked = KeyMask.maskUrl(withCredentials);
    Files.writeString(state, Files.readString(state).replace(masked, withCredentials));
    assertTrue(Files.readString(state).contains("s3cr3t-pass"));

    ApiEnvironment elsewhere = environmentAt(server.url("/proxy/v1").toString());
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> run(options("test-chat").environment(elsewhere)));
    assertFalse(refused.getMessage().contains("s3cr3t-pass"), refused.getMessage());
    assertTrue(refused.getMessage().contains(masked), refused.getMessage());
    assertEquals(2, run(options("test-chat").environment(credentials)).succeeded());
  }

  @Test
  void aBatchOfALargerSelectionIsNotCollectedByASmallerOneWhichWouldDropItsAnswers() {
    infbench(Fixtures.ids(3));
    Path all = root.resolve("all.json");
    Path one = root.resolve("one.json");
    Fixtures.write(
        all, "{\"sampled_instance_ids\": [\"o__r-pull-1\", \"o__r-pull-2\", \"o__r-pull-3\"]}");
    Fixtures.write(one, "{\"sampled_instance_ids\": [\"o__r-pull-1\"]}");
    run(options("test-chat").sampledIdsFile(all).waitForBatches(false));

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> run(options("test-chat").sampledIdsFile(one)));
    assertTrue(
        refused.getMessage().contains("holds answers for 2 instance(s) this run does not cover"),
        refused.getMessage());
    RunStats collected = run(options("test-chat").sampledIdsFile(all));
    assertEquals(3, collected.succeeded(), "every paid answer written");
    assertEquals(1, fake.batches.size(), "nothing submitted again");
  }

  @Test
  void anOfflineModelAmongOthersIsRefusedBeforeAnyBatchIsSubmitted() {
    infbench(Fixtures.ids(1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(options("test-chat").models("test-chat", "gold")));
    assertTrue(e.getMessage().contains("gold is answered offline"), e.getMessage());
    assertEquals(0, fake.batches.size(), "nothing submitted for test-chat first");
    assertEquals(0, fake.calls("POST", "/v1/files").size());
  }
}
