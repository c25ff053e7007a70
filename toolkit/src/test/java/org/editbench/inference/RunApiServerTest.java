package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.editbench.EditBench;
import org.editbench.core.JsonText;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * run-api against a local fake OpenAI server: request shapes, every failure class, resume. No
 * network.
 */
class RunApiServerTest {
  private static final String KEY = "sk-test-0123456789abcdef";

  @TempDir Path root;
  private MockWebServer server;
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final RecordingReporter reporter = new RecordingReporter();
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private Path models;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    models =
        Fixtures.modelsFile(
            root,
            "\"claude-test\": {\"api\": \"chat\", \"temperature\": 0, \"top_p\": 0.95,"
                + " \"context_limit\": 100000, \"cost_per_input_token\": 0, \"cost_per_output_token\": 0}");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private String baseUrl() {
    return server.url("/v1").toString();
  }

  /** Answers each request with {@code answer}, recording it. */
  private void serve(Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            return answer.apply(request);
          }
        });
  }

  /** Answers the n-th request (from 0) with {@code script[n]}, later ones with the last entry. */
  private void script(MockResponse... script) {
    serve(request -> script[Math.min(requests.size() - 1, script.length - 1)]);
  }

  private Path infbench(int count) {
    return Fixtures.infbench(
        root.resolve("crawled_data/infbench/all-task-instances_0.2.jsonl"), Fixtures.ids(count));
  }

  private RunApiOptions.Builder options(String model, String... keys) {
    return Fixtures.options(root, baseUrl(), keys.length == 0 ? new String[] {KEY} : keys)
        .models(model)
        .modelsFile(models)
        .sleeper(sleeps::add);
  }

  private RunStats run(RunApiOptions.Builder options) {
    List<RunStats> stats = EditBench.runApi(options.build(), reporter, RunObserver.NONE);
    assertEquals(1, stats.size());
    return stats.get(0);
  }

  private Path output(String model, String temperature) {
    return root.resolve("experiment_results")
        .resolve(model)
        .resolve("T=" + temperature)
        .resolve("n=1/all-task-instances_0.2.jsonl");
  }

  @Test
  void chatRequestCarriesSystemAndUserMessagesSamplingAndKey() throws Exception {
    infbench(1);
    serve(
        request ->
            Fixtures.json(200, Fixtures.chatAnswer("Sure:\n<patch>\nthe fix\n</patch>", 100, 10)));
    RunStats stats = run(options("test-chat"));

    RecordedRequest request = requests.get(0);
    assertEquals("POST", request.getMethod());
    assertEquals("/v1/chat/completions", request.getUrl().encodedPath());
    assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
    JsonNode body = Fixtures.body(request);
    assertEquals("test-chat", body.get("model").asText());
    assertEquals("system", body.at("/messages/0/role").asText());
    assertEquals(Fixtures.SYSTEM_LINE, body.at("/messages/0/content").asText());
    String prompt = Fixtures.prompt("o__r-pull-1", "a.py", "b.py");
    assertEquals(
        prompt.substring(prompt.indexOf('\n') + 1), body.at("/messages/1/content").asText());
    assertTrue(body.get("temperature").isInt(), "the table's int stays an int");
    assertEquals(0.95, body.get("top_p").asDouble());
    assertFalse(body.has("n"));

    List<String> lines = Fixtures.lines(output("test-chat", "0"));
    assertEquals(1, lines.size());
    String line = lines.get(0);
    assertTrue(
        line.startsWith(
            "{\"instance_id\": \"o__r-pull-1\", \"model_name\": \"test-chat\", \"temperature\": 0,"
                + " \"top_p\": 0.95, \"n\": 1, \"prompt\": "),
        line);
    JsonNode record = Fixtures.records(output("test-chat", "0")).get(0);
    assertEquals(prompt, record.get("prompt").asText());
    assertEquals("\nthe fix\n", record.get("model_patch").asText());
    assertEquals(100 * 1e-6 + 10 * 2e-6, record.get("cost").asDouble(), 1e-12);
    assertTrue(record.get("response_time").isDouble());
    assertEquals(1, stats.succeeded());
    assertEquals(record.get("cost").asDouble(), stats.cost(), 1e-12);
  }

  @Test
  void responsesRequestHasInstructionsInputAndNoSamplingForGpt5Codex() throws Exception {
    infbench(1);
    serve(request -> Fixtures.json(200, Fixtures.responsesAnswer("<patch>p</patch>", 1000, 100)));
    run(options("gpt-5-codex"));

    RecordedRequest request = requests.get(0);
    assertEquals("/v1/responses", request.getUrl().encodedPath());
    JsonNode body = Fixtures.body(request);
    assertEquals(Fixtures.SYSTEM_LINE, body.get("instructions").asText());
    assertTrue(body.get("input").asText().startsWith("Task for o__r-pull-1\n<code>"));
    assertFalse(body.get("store").asBoolean());
    assertFalse(body.has("temperature") || body.has("top_p"), body.toString());
    JsonNode record = Fixtures.records(output("gpt-5-codex", "1")).get(0);
    assertEquals("p", record.get("model_patch").asText());
    assertEquals(1000 * 1.25e-6 + 100 * 1.0e-5, record.get("cost").asDouble(), 1e-12);
    assertEquals(1, record.get("temperature").asInt());
  }

  @Test
  void aModelGetsOnlyTheSamplingParametersItsEntryAccepts() throws Exception {
    infbench(1);
    serve(request -> Fixtures.json(200, Fixtures.chatAnswer("x", 1, 1)));
    Fixtures.modelsFile(
        root,
        "\"temperature-only\": {\"api\": \"chat\", \"temperature\": 0, \"top_p\": 0.95,"
            + " \"sampling_params\": [\"temperature\"], \"context_limit\": 100000, \"cost_per_input_token\": 0,"
            + " \"cost_per_output_token\": 0, \"encoding\": \"cl100k_base\"}");
    run(options("temperature-only"));
    JsonNode body = Fixtures.body(requests.get(0));
    assertTrue(body.has("temperature"));
    assertFalse(body.has("top_p"), body.toString());
    assertEquals(
        0.95,
        Fixtures.records(output("temperature-only", "0")).get(0).get("top_p").asDouble(),
        "the record still shows the configured top_p");
    assertEquals(List.of(), reporter.warnings, "the entry says everything: nothing is guessed");
  }

  @Test
  void aClaudeNameDeclaredAsChatIsAskedAsChatWithWhatItsEntrySays() throws Exception {
    infbench(1);
    serve(request -> Fixtures.json(200, Fixtures.chatAnswer("x", 1, 1)));
    run(options("claude-test"));
    RecordedRequest request = requests.get(0);
    assertEquals("/v1/chat/completions", request.getUrl().encodedPath());
    assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
    JsonNode body = Fixtures.body(request);
    assertEquals(0, body.get("temperature").asInt());
    assertEquals(
        0.95, body.get("top_p").asDouble(), "no rule keyed on 'claude' in the name: " + body);
    assertEquals(2, reporter.warnings.size(), reporter.warnings.toString());
    assertTrue(
        reporter
            .warnings
            .get(0)
            .contains("model 'claude-test' (" + models + ") gives no \"encoding\""),
        reporter.warnings.get(0));
    assertTrue(
        reporter
            .warnings
            .get(1)
            .contains(
                "gives no \"sampling_params\": its requests carry temperature" + " and top_p"),
        reporter.warnings.get(1));
  }

  @Test
  void aGptNameDeclaredAsAnthropicIsAskedThroughTheMessagesApi() throws Exception {
    infbench(1);
    serve(request -> Fixtures.json(200, anthropicAnswer("<patch>ok</patch>", 1, 1)));
    Fixtures.modelsFile(
        root,
        "\"gpt-4.1-via-anthropic\": {\"api\": \"anthropic\", \"temperature\": 0,"
            + " \"context_limit\": 100000, \"cost_per_input_token\": 0, \"cost_per_output_token\": 0}");
    run(
        Fixtures.options(root, null)
            .models("gpt-4.1-via-anthropic")
            .modelsFile(models)
            .sleeper(sleeps::add)
            .environment(
                new ApiEnvironment(List.of(), null, List.of(KEY), server.url("/").toString())));
    assertEquals("/v1/messages", requests.get(0).getUrl().encodedPath());
    assertEquals(KEY, requests.get(0).getHeaders().get("x-api-key"));
  }

  @Test
  void promptTokensAreCountedWithTheEntrysEncodingNotTheNames() {
    String id = "o__r-заказ-наряд-1"; // Cyrillic: o200k_base needs fewer tokens than cl100k_base
    String prompt = Fixtures.prompt(id, "a.py", "b.py");
    int cl100k = TokenCounter.forEncoding("cl100k_base").count(prompt);
    int o200k = TokenCounter.forEncoding("o200k_base").count(prompt);
    assertTrue(cl100k != o200k, "the prompt tells the two encodings apart: " + cl100k);
    Fixtures.infbench(
        root.resolve("crawled_data/infbench/all-task-instances_0.2.jsonl"), List.of(id));
    serve(request -> Fixtures.json(200, Fixtures.chatAnswer("x", 1, 1)));
    // tiktoken's name rules would give gpt-4o o200k_base
    Fixtures.modelsFile(
        root,
        "\"gpt-4o\": {\"api\": \"chat\", \"encoding\": \"cl100k_base\","
            + " \"context_limit\": 100000, \"cost_per_input_token\": 0, \"cost_per_output_token\": 0}");
    assertEquals(cl100k, run(options("gpt-4o")).filter().tokenMax());
  }

  @Test
  void aServerThatClosesEachConnectionAfterItsAnswerCostsNoFailureAndNoRetry() {
    // As an HTTP/1.0 server does, or one whose keep-alive ran out: the pooled connection is dead.
    infbench(6);
    serve(
        request ->
            Fixtures.patchFor(request)
                .newBuilder()
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
    RunStats stats = run(options("test-chat").maxWorkers(1).maxRetries(0));
    assertEquals(6, requests.size(), "one request per instance: " + reporter.warnings);
    assertEquals(List.of(), reporter.warnings);
    assertEquals(List.of(), sleeps, "no back-off");
    assertEquals(6, stats.succeeded());
  }

  @Test
  void requestIUsesKeyIModK() {
    infbench(7);
    serve(Fixtures::patchFor);
    String[] keys = {"sk-key-zero-000000", "sk-key-one-1111111", "sk-key-two-2222222"};
    run(options("test-chat", keys).maxWorkers(3));
    Map<String, String> keyOf = new ConcurrentHashMap<>();
    requests.forEach(r -> keyOf.put(Fixtures.instanceOf(r), r.getHeaders().get("Authorization")));
    for (int i = 0; i < 7; i++) {
      assertEquals(
          "Bearer " + keys[i % 3], keyOf.get("o__r-pull-" + (i + 1)), "instance " + (i + 1));
    }
  }

  /** An Anthropic Messages answer. */
  static String anthropicAnswer(String text, int inputTokens, int outputTokens) {
    return "{\"id\": \"msg_1\", \"type\": \"message\", \"role\": \"assistant\", \"content\": [{\"type\": \"text\","
        + " \"text\": "
        + quoted(text)
        + "}], \"stop_reason\": \"end_turn\", \"usage\": {\"input_tokens\": "
        + inputTokens
        + ", \"output_tokens\": "
        + outputTokens
        + "}}";
  }

  private RunApiOptions.Builder anthropicOptions() {
    Fixtures.modelsFile(
        root,
        "\"claude-native\": {\"api\": \"anthropic\", \"temperature\": 0, \"top_p\": 0.95,"
            + " \"context_limit\": 100000, \"cost_per_input_token\": 3e-6, \"cost_per_output_token\": 1.5e-5,"
            + " \"max_tokens\": 4000}");
    return Fixtures.options(root, null)
        .models("claude-native")
        .modelsFile(models)
        .sleeper(sleeps::add)
        .environment(new ApiEnvironment(List.of(), null, List.of(KEY), server.url("/").toString()));
  }

  @Test
  void anthropicModelsUseTheNativeMessagesApi() throws Exception {
    infbench(1);
    serve(
        request ->
            Fixtures.json(200, anthropicAnswer("Here:\n<patch>\nthe fix\n</patch>", 200, 20)));
    RunStats stats = run(anthropicOptions());

    RecordedRequest request = requests.get(0);
    assertEquals("/v1/messages", request.getUrl().encodedPath());
    assertEquals(KEY, request.getHeaders().get("x-api-key"));
    assertEquals("2023-06-01", request.getHeaders().get("anthropic-version"));
    assertEquals(null, request.getHeaders().get("Authorization"), "the key goes in x-api-key only");
    JsonNode body = Fixtures.body(request);
    assertEquals("claude-native", body.get("model").asText());
    assertEquals(4000, body.get("max_tokens").asInt());
    assertEquals(Fixtures.SYSTEM_LINE, body.get("system").asText());
    assertEquals("user", body.at("/messages/0/role").asText());
    assertTrue(body.at("/messages/0/content").asText().startsWith("Task for o__r-pull-1\n<code>"));
    assertEquals(1, body.get("messages").size());
    assertTrue(body.has("temperature"));
    assertFalse(body.has("top_p"), "Claude takes temperature or top_p, not both: " + body);

    JsonNode record = Fixtures.records(output("claude-native", "0")).get(0);
    assertEquals("\nthe fix\n", record.get("model_patch").asText());
    assertEquals("Here:\n<patch>\nthe fix\n</patch>", record.get("full_output").asText());
    assertEquals(200 * 3e-6 + 20 * 1.5e-5, record.get("cost").asDouble(), 1e-12);
    assertEquals(1, stats.succeeded());
  }

  /**
   * Answers that stop at the output token limit are kept (the patch may still apply) and counted,
   * in the shape each API says so.
   */
  @Test
  void answersCutOffAtTheOutputTokenLimitAreCountedInEachApisShape() {
    infbench(3);
    String chat = Fixtures.chatAnswer("<patch>p</patch>", 1, 1);
    assertOneOfThreeCutOff(
        options("claude-test"),
        chat,
        chat.replace("{\"message\"", "{\"finish_reason\":\"length\",\"message\""));
    String responses = Fixtures.responsesAnswer("<patch>p</patch>", 1, 1);
    assertOneOfThreeCutOff(
        options("gpt-5-codex"),
        responses,
        responses.replace(
            "{\"error\":null",
            "{\"error\":null,\"status\":\"incomplete\",\"incomplete_details\":"
                + "{\"reason\":\"max_output_tokens\"}"));
    String anthropic = anthropicAnswer("<patch>p</patch>", 1, 1);
    assertOneOfThreeCutOff(
        anthropicOptions(), anthropic, anthropic.replace("\"end_turn\"", "\"max_tokens\""));
  }

  /**
   * Runs three instances, the second answered with {@code cutOff}, the others with {@code ended}.
   */
  private void assertOneOfThreeCutOff(RunApiOptions.Builder options, String ended, String cutOff) {
    requests.clear();
    script(Fixtures.json(200, ended), Fixtures.json(200, cutOff), Fixtures.json(200, ended));
    RunStats stats = run(options);
    assertEquals(3, stats.succeeded());
    assertEquals(1, stats.cutOff(), cutOff);
  }

  @Test
  void anthropicPromptTooLongTrimsAndOverloadedIsRetried() {
    infbench(1);
    script(
        Fixtures.json(
            400,
            "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\","
                + " \"message\": \"prompt is too long: 210000 tokens > 200000 maximum\"}}"),
        Fixtures.json(
            529,
            "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}"),
        Fixtures.json(200, anthropicAnswer("<patch>ok</patch>", 1, 1)));
    RunStats stats = run(anthropicOptions());
    assertEquals(3, requests.size());
    assertFalse(
        Fixtures.body(requests.get(1)).toString().contains("b.py"),
        "trimmed after 'prompt is too long'");
    assertEquals(1, stats.retries());
    assertEquals(
        "ok", Fixtures.records(output("claude-native", "0")).get(0).get("model_patch").asText());
  }

  @Test
  void anthropicModelsNeedAnAnthropicKey() {
    infbench(1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(anthropicOptions().environment(new ApiEnvironment(List.of(KEY), null))));
    assertTrue(
        e.getMessage()
            .startsWith("no API key: set ANTHROPIC_KEYS (comma-separated) or ANTHROPIC_API_KEY"),
        e.getMessage());
  }

  static Stream<Arguments> retriedFailures() {
    String big = "{\"choices\": [{\"message\": {\"content\": \"" + "x".repeat(200_000) + "\"}}]}";
    return Stream.of(
        Arguments.of(
            "429 rate limit", Fixtures.json(429, "{\"error\": {\"message\": \"slow down\"}}")),
        Arguments.of("500 server error", Fixtures.json(500, "oops")),
        Arguments.of(
            "503 unavailable", Fixtures.json(503, "{\"error\": {\"message\": \"overloaded\"}}")),
        Arguments.of(
            "disconnect mid-body",
            new MockResponse.Builder()
                .body(big)
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
                .build()),
        Arguments.of("garbage JSON", Fixtures.json(200, "{\"choices\": [")),
        Arguments.of("no choices", Fixtures.json(200, "{\"object\": \"chat.completion\"}")),
        Arguments.of(
            "slow body, timeout",
            new MockResponse.Builder()
                .body(Fixtures.chatAnswer("late", 1, 1))
                .throttleBody(1, 1, TimeUnit.SECONDS)
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retriedFailures")
  void failuresWorthRetryingAreRetriedWithBackOff(String name, MockResponse fault) {
    infbench(1);
    script(fault, Fixtures.json(200, Fixtures.chatAnswer("<patch>ok</patch>", 1, 1)));
    RunStats stats = run(options("test-chat").timeout(Duration.ofMillis(700)));
    assertEquals(2, requests.size(), name);
    assertEquals(1, stats.retries());
    assertEquals(1, stats.succeeded());
    assertEquals(1, sleeps.size());
    assertTrue(
        sleeps.get(0).toNanos() <= Duration.ofMillis(1).toNanos(),
        "first back-off: " + sleeps.get(0));
    assertEquals(
        "ok", Fixtures.records(output("test-chat", "0")).get(0).get("model_patch").asText());
  }

  static Stream<Arguments> failuresInWords() {
    String big = "{\"choices\": [{\"message\": {\"content\": \"" + "x".repeat(200_000) + "\"}}]}";
    return Stream.of(
        Arguments.of(
            new MockResponse.Builder()
                .body(big)
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
                .build(),
            "connection failed (the connection closed before the answer's end)"),
        Arguments.of(
            Fixtures.json(200, "<html>proxy error</html>"),
            "unparseable answer: not valid JSON (unexpected '<' where a value should be, at"
                + " column 1)"),
        Arguments.of(
            new MockResponse.Builder()
                .body(Fixtures.chatAnswer("late", 1, 1))
                .throttleBody(1, 1, TimeUnit.SECONDS)
                .build(),
            "timeout (no answer within 700 ms, --timeout)"));
  }

  /** What a user reads in the warning and the record's error: words, not Java exceptions. */
  @ParameterizedTest
  @MethodSource("failuresInWords")
  void aFailureIsSaidInWordsNotAsAJavaException(MockResponse fault, String reason) {
    infbench(1);
    script(fault);
    run(options("test-chat").timeout(Duration.ofMillis(700)).maxRetries(0));
    String error = Fixtures.records(output("test-chat", "0")).get(0).get("error").asText();
    assertEquals("Max retries (0) exceeded: " + reason, error);
  }

  @Test
  void retryAfterIsHonoured() {
    infbench(1);
    script(
        new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("{}").build(),
        Fixtures.json(200, Fixtures.chatAnswer("ok", 1, 1)));
    run(options("test-chat"));
    assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    assertEquals(List.of(), reporter.warnings, "a short wait passes unremarked");
  }

  @Test
  void aLongWaitBeforeARetryIsSaidOnceNotEveryTime() {
    infbench(3);
    // Exactly three 429s, counted as they are answered: the list's size, read after another
    // thread's add, could pass a first request over when a quick retry arrived before it.
    AtomicInteger answered = new AtomicInteger();
    serve(
        request ->
            answered.incrementAndGet() <= 3
                ? new MockResponse.Builder()
                    .code(429)
                    .addHeader("Retry-After", "20")
                    .body("{\"error\": {\"message\": \"slow down, " + KEY + "\"}}")
                    .build()
                : Fixtures.patchFor(request));
    RunStats stats = run(options("test-chat").maxWorkers(3));
    assertEquals(3, stats.retries());
    assertEquals(1, reporter.warnings.size(), reporter.warnings.toString());
    assertTrue(
        reporter
            .warnings
            .get(0)
            .matches(
                "o__r-pull-[123] waits 20 s before retry 1 of 5 \\(HTTP 429: slow down,"
                    + " sk-\\*\\*\\*def\\); [123] retries in this run so far"),
        reporter.warnings.get(0));
  }

  @Test
  void whenRetriesRunOutTheFailureIsRecordedAndLeftForTheNextRun() {
    infbench(1);
    script(Fixtures.json(503, "{\"error\": {\"message\": \"overloaded\"}}"));
    RunStats stats = run(options("test-chat").maxRetries(2));
    assertEquals(3, requests.size());
    assertEquals(1, stats.failed());
    JsonNode record = Fixtures.records(output("test-chat", "0")).get(0);
    assertEquals("failed", record.get("status").asText());
    assertEquals("Max retries (2) exceeded: HTTP 503: overloaded", record.get("error").asText());
    assertTrue(
        record.get("full_output").isNull() && record.get("model_patch").isNull(),
        record.toString());
    assertTrue(
        reporter.warnings.get(0).contains("o__r-pull-1 failed: Max retries (2) exceeded"),
        reporter.warnings.toString());
  }

  @Test
  void anAnswerLargerThanTheLimitIsNotReadAndIsAskedAgain() {
    infbench(1);
    String huge = Fixtures.chatAnswer("x".repeat((int) HttpBackend.MAX_ANSWER_BYTES), 100, 10);
    script(
        Fixtures.json(200, huge),
        Fixtures.json(200, Fixtures.chatAnswer("<patch>small</patch>", 100, 10)));
    RunStats stats = run(options("test-chat").maxRetries(0));
    assertEquals(1, stats.failed());
    assertEquals(
        "Max retries (0) exceeded: the answer is larger than 16 MiB and was not read (a runaway"
            + " generation, or not the API's answer)",
        Fixtures.records(output("test-chat", "0")).get(0).get("error").asText());

    assertEquals(1, run(options("test-chat")).succeeded(), "asked again by the next run");
  }

  @Test
  void anAnswerIsReadAsOkHttpReadsOneWithItsCharsetAndWithoutAByteOrderMark() {
    infbench(1);
    script(Fixtures.json(200, "\uFEFF" + Fixtures.chatAnswer("<patch>bom</patch>", 1, 1)));
    assertEquals(1, run(options("test-chat").maxRetries(0)).succeeded());
    // An error answer too large to read is still classified by its status: not asked again.
    requests.clear();
    infbench(2);
    script(
        Fixtures.json(
            400,
            "{\"error\": {\"message\": \""
                + "x".repeat((int) HttpBackend.MAX_ANSWER_BYTES)
                + "\"}}"));
    RunStats stats = run(options("test-chat").maxRetries(3));
    assertEquals(1, requests.size(), "a 400 is final, whatever its size");
    assertEquals(1, stats.failed());
  }

  @Test
  void answersWithoutAMessageOrNotFinishedAreFailuresAskedAgainNotEmptyAnswers()
      throws IOException {
    infbench(1);
    Map<String, String> chat =
        Map.of("{\"choices\": [{\"finish_reason\": \"stop\"}]}", "choices[0] has no message");
    Map<String, String> responses =
        Map.of(
            "{\"status\": \"in_progress\", \"output\": []}",
            "the answer is not finished (status \"in_progress\")",
            "{\"status\": \"failed\", \"output\": []}",
            "the answer is not finished (status \"failed\")",
            "{\"output\": []}",
            "the answer has no output");
    for (Map.Entry<String, Map<String, String>> api :
        Map.of("test-chat", chat, "gpt-5-codex", responses).entrySet()) {
      String model = api.getKey();
      for (Map.Entry<String, String> answer : api.getValue().entrySet()) {
        script(Fixtures.json(200, answer.getKey()));
        assertEquals(1, run(options(model).maxRetries(0)).failed(), answer.getKey());
        Path file = output(model, model.equals("gpt-5-codex") ? "1" : "0");
        JsonNode record = Fixtures.records(file).get(0);
        assertEquals("failed", record.get("status").asText());
        assertEquals(
            "Max retries (0) exceeded: unusable answer (" + answer.getValue() + ")",
            record.get("error").asText());
        Files.delete(file);
      }
    }
  }

  @Test
  void contextExceededDropsTheLastFileAndAsksAgain() {
    infbench(1);
    script(
        Fixtures.json(
            400, "{\"error\": {\"code\": \"context_length_exceeded\", \"message\": \"too long\"}}"),
        Fixtures.json(200, Fixtures.chatAnswer("<patch>ok</patch>", 1, 1)));
    RunStats stats = run(options("test-chat").maxRetries(0));
    assertEquals(2, requests.size());
    assertTrue(Fixtures.body(requests.get(0)).toString().contains("b.py"));
    assertFalse(Fixtures.body(requests.get(1)).toString().contains("b.py"));
    String trimmed = PromptTrimmer.dropLastFile(Fixtures.prompt("o__r-pull-1", "a.py", "b.py"));
    assertEquals(
        trimmed,
        Fixtures.records(output("test-chat", "0")).get(0).get("prompt").asText(),
        "the record has the prompt actually sent");
    assertEquals(1, stats.succeeded());
  }

  @Test
  void aResponsesAnswerThatReportsContextLengthExceededIsTrimmedToo() {
    infbench(1);
    script(
        Fixtures.json(
            200, "{\"error\": {\"code\": \"context_length_exceeded\", \"message\": \"too long\"}}"),
        Fixtures.json(200, Fixtures.responsesAnswer("<patch>ok</patch>", 1, 1)));
    RunStats stats = run(options("gpt-5-codex"));
    assertEquals(2, requests.size());
    assertFalse(Fixtures.body(requests.get(1)).get("input").asText().contains("b.py"));
    assertEquals(1, stats.succeeded());
  }

  @Test
  void theBaseUrlMayEndWithASlashOrHaveAQueryAndMustBeAnHttpUrl() {
    assertEquals(
        "http://127.0.0.1:8000/v1/chat/completions",
        HttpBackend.endpoint("http://127.0.0.1:8000/v1/", "/chat/completions", Provider.OPENAI)
            .toString());
    assertEquals(
        "http://127.0.0.1:8000/chat/completions",
        HttpBackend.endpoint("http://127.0.0.1:8000", "/chat/completions", Provider.OPENAI)
            .toString());
    assertEquals(
        "https://x.openai.azure.com/openai/v1/chat/completions?api-version=preview",
        HttpBackend.endpoint(
                "https://x.openai.azure.com/openai/v1/?api-version=preview",
                "/chat/completions",
                Provider.OPENAI)
            .toString(),
        "the path before the base's query (it went into the query)");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HttpBackend.endpoint("127.0.0.1:8000", "/responses", Provider.OPENAI));
    assertTrue(
        e.getMessage().startsWith("BASE_URL '127.0.0.1:8000' is not an http(s) URL"),
        e.getMessage());
    IllegalArgumentException anthropic =
        assertThrows(
            IllegalArgumentException.class,
            () -> HttpBackend.endpoint("team:s3cr3t@proxy:8000", "/messages", Provider.ANTHROPIC));
    assertEquals(
        "ANTHROPIC_BASE_URL '***@proxy:8000' is not an http(s) URL; set it to the API's base such"
            + " as https://api.anthropic.com or http://127.0.0.1:8000/v1",
        anthropic.getMessage());
  }

  @Test
  void aBaseUrlThatIsNoUrlStopsTheRunBeforeAnyOutputIsMade() throws IOException {
    infbench(1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                run(options("test-chat").environment(new ApiEnvironment(List.of(KEY), "notaurl"))));
    assertTrue(
        e.getMessage().startsWith("BASE_URL 'notaurl' is not an http(s) URL"), e.getMessage());
    assertFalse(
        Files.exists(root.resolve("experiment_results")),
        "no prediction file, no lock: a summary would show an empty file as a run");
    assertEquals(0, requests.size());
  }

  @Test
  void contextExceededWithNothingLeftToDropIsAFinalFailure() {
    infbench(1);
    script(
        Fixtures.json(
            400,
            "{\"error\": {\"message\": \"This model's maximum context length is 8 tokens\"}}"));
    run(options("test-chat"));
    assertEquals(2, requests.size(), "two files, then one, then nothing left to drop");
    JsonNode record = Fixtures.records(output("test-chat", "0")).get(0);
    assertEquals("input context exceeded", record.get("error").asText());
    assertFalse(record.get("prompt").asText().contains("b.py"));
  }

  @Test
  void otherClientErrorsAreRecordedWithoutRetry() {
    infbench(1);
    script(Fixtures.json(400, "{\"error\": {\"message\": \"Invalid value for temperature\"}}"));
    RunStats stats = run(options("test-chat"));
    assertEquals(1, requests.size());
    assertEquals(0, stats.retries());
    assertEquals(
        "HTTP 400: Invalid value for temperature",
        Fixtures.records(output("test-chat", "0")).get(0).get("error").asText());
  }

  @Test
  void aKeyRefusedForEveryRequestStopsTheRunInsteadOfSendingTheWholeDataset() {
    infbench(100);
    serve(request -> Fixtures.json(401, "{\"error\": {\"message\": \"bad key " + KEY + "\"}}"));
    List<Integer> failedShown = Collections.synchronizedList(new ArrayList<>());
    RunObserver display =
        new RunObserver() {
          @Override
          public void progress(Combination combination, Progress progress) {
            failedShown.add(progress.failed());
          }
        };
    IllegalStateException stopped =
        assertThrows(
            IllegalStateException.class,
            () -> EditBench.runApi(options("test-chat").maxWorkers(2).build(), reporter, display));
    assertEquals(
        List.of(1, 2, 3),
        failedShown,
        "the progress display counts the failure that stops the run, as the message does");
    assertTrue(
        stopped
            .getMessage()
            .startsWith(
                "test-chat: stopped after 3 requests refused (the last: HTTP 401: bad key sk-***def)"
                    + " with none accepted: check the key (sk-***def, from OPENAI_KEYS or OPENAI_KEY"
                    + " or, in a notebook, the ApiEnvironment given), the"
                    + " base URL ("
                    + baseUrl()
                    + ") and the model name."),
        stopped.getMessage());
    assertFalse(stopped.getMessage().contains(KEY), "the key is masked");
    // The workers may finish a few more while the run stops; far from the whole dataset.
    assertTrue(requests.size() < 50, requests.size() + " requests of 100 sent");
    int recorded = Fixtures.records(output("test-chat", "0")).size();
    assertTrue(recorded >= 3 && recorded < 50, recorded + " records");
  }

  @Test
  void aServerThatCannotBeReachedStopsTheRunInsteadOfRetryingTheWholeDataset() {
    infbench(100);
    String deadUrl = baseUrl();
    server.close(); // nothing listens on its port now: every connection is refused
    IllegalStateException stopped =
        assertThrows(
            IllegalStateException.class,
            () ->
                run(
                    Fixtures.options(root, deadUrl, KEY)
                        .models("test-chat")
                        .modelsFile(models)
                        .maxWorkers(2)));
    assertTrue(
        stopped
            .getMessage()
            .startsWith(
                "test-chat: stopped after 3 requests could not connect to the server (the last:"
                    + " Max retries (5) exceeded: cannot connect (connection refused: "),
        stopped.getMessage());
    assertTrue(
        stopped
            .getMessage()
            .endsWith(
                " with none answered: check that the server is running and that BASE_URL ("
                    + deadUrl
                    + ") names it. The failed requests are recorded and asked again by the next"
                    + " run; the others were not sent."),
        stopped.getMessage());
    List<JsonNode> records = Fixtures.records(output("test-chat", "0"));
    assertTrue(records.size() >= 3 && records.size() < 50, records.size() + " records");
    records.forEach(
        record ->
            assertTrue(
                record.get("error").asText().startsWith("Max retries (5) exceeded: cannot connect"),
                record.toString()));
  }

  @Test
  void aServerThatGoesAwayAfterAnsweringDoesNotStopTheRun() {
    infbench(10);
    serve(Fixtures::patchFor);
    // Gone once the first answer is recorded: every later connection is refused.
    RunObserver closeAfterFirst =
        new RunObserver() {
          @Override
          public void progress(Combination combination, Progress progress) {
            server.close();
          }
        };
    List<RunStats> runs = EditBench.runApi(options("test-chat").build(), reporter, closeAfterFirst);
    RunStats stats = runs.get(0);
    assertTrue(stats.succeeded() >= 1, "the first request was answered");
    assertEquals(10, stats.succeeded() + stats.failed(), "every instance asked");
    assertEquals(10, Fixtures.records(output("test-chat", "0")).size());
  }

  @Test
  void oneRefusedKeyAmongGoodOnesDoesNotStopTheRun() {
    infbench(12);
    String bad = "sk-key-bad-000000000";
    serve(
        request ->
            ("Bearer " + bad).equals(request.getHeaders().get("Authorization"))
                ? Fixtures.json(401, "{\"error\": {\"message\": \"bad key\"}}")
                : Fixtures.patchFor(request));
    RunStats stats = run(options("test-chat", bad, KEY).maxWorkers(2));
    assertEquals(6, stats.failed(), "every second request, with the refused key");
    assertEquals(6, stats.succeeded());
    // The key is named once, masked, so that the user can take it out.
    assertEquals(
        List.of(
            "the key sk-***000 was refused (HTTP 401: bad key): every request sent with it fails;"
                + " take it out of the keys variable and run again to ask them with the others"),
        reporter.warnings.stream().filter(w -> w.startsWith("the key")).toList());
    reporter.warnings.forEach(w -> assertFalse(w.contains(bad), w));
  }

  @Test
  void onResumeTransientFailuresAreAskedAgainAndFinalOnesAreNot() {
    infbench(4);
    serve(
        request ->
            switch (Fixtures.instanceOf(request)) {
              case "o__r-pull-1" ->
                  Fixtures.json(503, "{\"error\": {\"message\": \"overloaded\"}}");
              case "o__r-pull-2" ->
                  Fixtures.json(400, "{\"error\": {\"message\": \"content policy\"}}");
              case "o__r-pull-3" ->
                  Fixtures.json(401, "{\"error\": {\"message\": \"bad key " + KEY + "\"}}");
              default -> Fixtures.patchFor(request);
            });
    RunStats first = run(options("test-chat").maxRetries(1));
    assertEquals(1, first.succeeded());
    assertEquals(3, first.failed());

    requests.clear();
    serve(Fixtures::patchFor);
    RunStats second = run(options("test-chat"));
    assertEquals(
        List.of("o__r-pull-1", "o__r-pull-3"),
        requests.stream().map(Fixtures::instanceOf).sorted().toList(),
        "the retries-exhausted and the key failure are asked again; the content refusal is final");
    assertEquals(2, second.filter().alreadyDone());
    assertEquals(2, second.filter().retryRecordsRemoved());
    List<JsonNode> records = Fixtures.records(output("test-chat", "0"));
    assertEquals(4, records.size(), "one record per instance");
    assertEquals(
        List.of("o__r-pull-1", "o__r-pull-2", "o__r-pull-3", "o__r-pull-4"),
        records.stream().map(r -> r.get("instance_id").asText()).sorted().toList());
    records.stream()
        .filter(r -> !r.get("instance_id").asText().equals("o__r-pull-2"))
        .forEach(r -> assertFalse(r.has("status"), r.toString()));
  }

  /**
   * A resumed run whose infbench file was rebuilt since: a finished instance asked with another
   * prompt is named in a warning, kept and not asked again; one whose prompt was only shortened to
   * fit is not named. The first run's retryable failure comes first in the file, so its compaction
   * moves the finished records that are compared.
   */
  @Test
  void finishedInstancesAskedWithAnotherPromptAreWarnedOfKeptAndNotAskedAgain() throws IOException {
    Path infbench = infbench(3);
    serve(
        request ->
            switch (Fixtures.instanceOf(request)) {
              case "o__r-pull-1" -> Fixtures.json(503, "{\"error\": {\"message\": \"busy\"}}");
              case "o__r-pull-3" ->
                  Fixtures.body(request).toString().contains("b.py")
                      ? Fixtures.json(
                          400,
                          "{\"error\": {\"code\": \"context_length_exceeded\", \"message\":"
                              + " \"too long\"}}")
                      : Fixtures.patchFor(request);
              default -> Fixtures.patchFor(request);
            });
    RunStats first = run(options("test-chat").maxRetries(0).maxWorkers(1));
    assertEquals(2, first.succeeded());
    assertEquals(
        "o__r-pull-1",
        Fixtures.records(output("test-chat", "0")).get(0).get("instance_id").asText());

    Files.writeString(
        infbench,
        Files.readString(infbench)
            .replace("Task for o__r-pull-2", "Task for o__r-pull-2, reworded"));
    requests.clear();
    reporter.warnings.clear();
    serve(Fixtures::patchFor);
    RunStats second = run(options("test-chat"));
    assertEquals(
        List.of("o__r-pull-1"),
        requests.stream().map(Fixtures::instanceOf).toList(),
        "only the retryable failure is asked again");
    assertEquals(2, second.filter().alreadyDone());
    Path output = output("test-chat", "0");
    String asked =
        " asked with prompts other than theirs in "
            + infbench
            + " now (they differ outside the code block, which is only shortened to fit a model).";
    assertEquals(
        List.of(
            output
                + ": 1 of 2 finished instance(s) were"
                + asked
                + " Was the infbench file rebuilt after they were asked? Their answers are kept and"
                + " not asked again, and score leaves them out; to ask them anew, remove their"
                + " records from "
                + output
                + " and run again: o__r-pull-2"),
        reporter.warnings.stream().filter(w -> w.contains("other than")).toList());

    // Every prompt another: the output belongs to another infbench file.
    Files.writeString(infbench, Files.readString(infbench).replace("Task for", "Job for"));
    reporter.warnings.clear();
    assertEquals(3, run(options("test-chat")).filter().alreadyDone());
    assertEquals(
        List.of(
            output
                + ": all 3 finished instance(s) were"
                + asked
                + " It was made from another infbench file, or that file was rebuilt since. Their"
                + " answers are kept and not asked again, and score leaves them out; to ask them"
                + " anew, move "
                + output
                + " aside (or pass another --results-dir) and run again."),
        reporter.warnings.stream().filter(w -> w.contains("other than")).toList());
  }

  @Test
  void promptsOverTheTokenLimitAreTrimmedBeforeSendingOrSkipped() {
    Path file = root.resolve("crawled_data/infbench/all-task-instances_0.2.jsonl");
    String big = "[start of big.py]\n" + "1 word ".repeat(400) + "\n[end of big.py]";
    Fixtures.write(
        file,
        "{\"instance_id\": \"o__r-pull-1\", \"prompt\": "
            + quoted(Fixtures.prompt("o__r-pull-1", "a.py", "b.py"))
            + "}\n"
            + "{\"instance_id\": \"o__r-pull-2\", \"prompt\": "
            + quoted("s\nTask for o__r-pull-2\n<code>" + big + "</code>")
            + "}\n");
    TokenCounter counter = TokenCounter.forEncoding("cl100k_base");
    int oneFile =
        counter.count(PromptTrimmer.dropLastFile(Fixtures.prompt("o__r-pull-1", "a.py", "b.py")));
    Fixtures.modelsFile(
        root,
        "\"tiny\": {\"api\": \"chat\", \"context_limit\": "
            + oneFile
            + ", \"cost_per_input_token\": 0, \"cost_per_output_token\": 0}");
    serve(Fixtures::patchFor);
    RunStats stats = run(options("tiny"));

    assertEquals(1, requests.size(), "the instance that cannot fit is not sent");
    assertFalse(
        Fixtures.body(requests.get(0)).toString().contains("b.py"), "trimmed before sending");
    FilterStats f = stats.filter();
    assertEquals(2, f.total());
    assertEquals(2, f.overLimit());
    assertEquals(1, f.trimmedToFit());
    assertEquals(1, f.filesRemoved());
    assertEquals(1, f.skippedOverLimit().size());
    assertEquals("o__r-pull-2", f.skippedOverLimit().get(0).instanceId());
    assertTrue(f.skippedOverLimit().get(0).reason().startsWith("token length exceeds limit"));
    assertEquals(1, stats.skipped());
    assertEquals(
        1, Fixtures.lines(output("tiny", "0")).size(), "a skipped instance gets no record");
  }

  @Test
  void theTokenizerFollowsTheModelTable() {
    String text = "def f(x):\n    return x  # ünïcode ✓";
    assertTrue(
        TokenCounter.forEncoding("o200k_base").count(text)
            != TokenCounter.forEncoding("cl100k_base").count(text));
    assertTrue(
        TokenCounter.forEncoding("cl100k_base").count("<|endoftext|>") > 1,
        "a special token's spelling in a prompt is counted as plain text, not refused");
  }

  @Test
  void sampledIdsRestrictTheRunAndMissingOnesAreListed() {
    infbench(5);
    serve(Fixtures::patchFor);
    Path sample = root.resolve("sample.json");
    Fixtures.write(sample, "{\"sampled_instance_ids\": [\"o__r-pull-4\", \"o__r-pull-2\"]}");
    RunStats stats = run(options("test-chat").sampledIdsFile(sample));
    assertEquals(2, stats.filter().total());
    assertEquals(
        List.of("o__r-pull-2", "o__r-pull-4"),
        requests.stream().map(Fixtures::instanceOf).sorted().toList());

    Fixtures.write(
        sample, "{\"sampled_instance_ids\": [\"o__r-pull-4\", \"x__y-pull-9\", \"x__y-pull-8\"]}");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> run(options("test-chat").sampledIdsFile(sample)));
    assertTrue(
        e.getMessage().contains("2 sampled instance id(s) are not in")
            && e.getMessage().contains("x__y-pull-9, x__y-pull-8"),
        e.getMessage());
  }

  @Test
  void withoutKeyTheOpenAiApiIsNotCalled() {
    infbench(1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EditBench.runApi(
                    Fixtures.options(root, null).models("test-chat").modelsFile(models).build(),
                    reporter,
                    RunObserver.NONE));
    assertTrue(e.getMessage().startsWith("no API key: set OPENAI_KEYS"), e.getMessage());
  }

  private static String quoted(String s) {
    return new JsonText().quoted(s).toString();
  }
}
