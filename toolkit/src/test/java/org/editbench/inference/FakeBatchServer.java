package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.editbench.core.Jsonl;

/**
 * A local fake of OpenAI's Files + Batch API and Anthropic's Message Batches, on one MockWebServer:
 * batches step through a status sequence, one step per status read, and end with answers made by
 * {@link #answer} from each request's custom_id and body. Records every request.
 */
final class FakeBatchServer extends Dispatcher {
  /** What one request of a batch comes to. */
  sealed interface Answer {}

  /**
   * A 2xx answer with this text and usage, ended by the model or (for chat requests) cut off at the
   * token limit.
   */
  record Ok(String text, int inputTokens, int outputTokens, boolean cutOff) implements Answer {
    Ok(String text, int inputTokens, int outputTokens) {
      this(text, inputTokens, outputTokens, false);
    }
  }

  /** An HTTP error answer with this status and error body. */
  record Error(int status, String body) implements Answer {}

  /**
   * No response at all: OpenAI's {@code error} line (e.g. {@code batch_expired}), Anthropic's
   * {@code expired}.
   */
  record NoResponse(String code, String message) implements Answer {}

  /** Not in any output: the batch ended before getting to it. */
  record Missing() implements Answer {}

  final class Batch {
    final String id;
    final boolean anthropic;
    final List<JsonNode> requests;
    final String inputFileId;
    List<String> phases;
    int step;
    boolean cancelled;
    String outputFileId;
    String errorFileId;

    Batch(
        String id,
        boolean anthropic,
        List<JsonNode> requests,
        String inputFileId,
        List<String> phases) {
      this.id = id;
      this.anthropic = anthropic;
      this.requests = requests;
      this.inputFileId = inputFileId;
      this.phases = phases;
    }

    String phase() {
      return phases.get(Math.min(step, phases.size() - 1));
    }
  }

  final MockWebServer server;
  final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  final Map<String, List<String>> files = Collections.synchronizedMap(new LinkedHashMap<>());
  final Map<String, Batch> batches = Collections.synchronizedMap(new LinkedHashMap<>());
  private final AtomicInteger ids = new AtomicInteger();

  /** Answers each request from its custom_id and body; by default a patch naming the instance. */
  volatile BiFunction<String, JsonNode, Answer> answer =
      (customId, body) -> new Ok("<patch>fix " + instanceIn(body) + "</patch>", 100, 10);

  volatile List<String> openAiPhases =
      List.of("validating", "in_progress", "finalizing", "completed");
  volatile List<String> anthropicPhases = List.of("in_progress", "in_progress", "ended");

  /**
   * Set to make the next create call succeed on the server but lose its answer (a crash's view).
   */
  volatile boolean dropNextCreateAnswer;

  /** Answers whose results line is cut in half (not JSON), once each: by custom_id. */
  final Set<String> tornOnce = ConcurrentHashMap.newKeySet();

  /** Set to hold every batch in its current phase (a child process can be killed meanwhile). */
  volatile boolean frozen;

  FakeBatchServer(MockWebServer server) {
    this.server = server;
    server.setDispatcher(this);
  }

  /** The instance id a request body's prompt names (see {@link Fixtures#prompt}). */
  static String instanceIn(JsonNode body) {
    String text = body.toString();
    int at = text.indexOf("Task for ");
    return at < 0 ? "?" : text.substring(at + "Task for ".length(), text.indexOf("\\n", at));
  }

  List<RecordedRequest> calls(String method, String pathPrefix) {
    synchronized (requests) {
      return requests.stream()
          .filter(
              r -> r.getMethod().equals(method) && r.getUrl().encodedPath().startsWith(pathPrefix))
          .toList();
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    try {
      if (path.startsWith("/v1/messages/batches")) {
        return anthropic(method, path, request);
      }
      if (method.equals("POST") && path.equals("/v1/files")) {
        return upload(request);
      }
      if (method.equals("GET") && path.startsWith("/v1/files/") && path.endsWith("/content")) {
        String id = path.substring("/v1/files/".length(), path.length() - "/content".length());
        List<String> lines = files.get(id);
        return lines == null
            ? Fixtures.json(404, "{\"error\": {\"message\": \"no file " + id + "\"}}")
            : new MockResponse.Builder()
                .body(String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"))
                .build();
      }
      if (method.equals("POST") && path.equals("/v1/batches")) {
        return createOpenAi(request);
      }
      if (method.equals("GET") && path.equals("/v1/batches")) {
        ObjectNode list = Jsonl.MAPPER.createObjectNode();
        synchronized (batches) {
          List<Batch> newestFirst =
              new ArrayList<>(batches.values().stream().filter(b -> !b.anthropic).toList());
          Collections.reverse(newestFirst);
          newestFirst.forEach(b -> list.withArray("data").add(openAiBatch(b)));
        }
        return Fixtures.json(200, list.toString());
      }
      if (path.startsWith("/v1/batches/")) {
        String rest = path.substring("/v1/batches/".length());
        boolean cancel = rest.endsWith("/cancel");
        Batch batch =
            batches.get(cancel ? rest.substring(0, rest.length() - "/cancel".length()) : rest);
        if (batch == null) {
          return Fixtures.json(404, "{\"error\": {\"message\": \"No batch found\"}}");
        }
        if (cancel) {
          cancel(batch, List.of("cancelling", "cancelled"));
        } else {
          advance(batch);
        }
        return Fixtures.json(200, openAiBatch(batch).toString());
      }
      return Fixtures.json(
          404, "{\"error\": {\"message\": \"not faked: " + method + " " + path + "\"}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse upload(RecordedRequest request) {
    String contentType = request.getHeaders().get("Content-Type");
    String boundary =
        "--" + contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    String body = request.getBody().utf8();
    String purpose = null;
    String content = null;
    for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
      int headerEnd = part.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        continue;
      }
      String headers = part.substring(0, headerEnd);
      String value = part.substring(headerEnd + 4, part.length() - 2);
      if (headers.contains("name=\"purpose\"")) {
        purpose = value;
      } else if (headers.contains("name=\"file\"")) {
        content = value;
      }
    }
    if (!"batch".equals(purpose) || content == null) {
      return Fixtures.json(
          400, "{\"error\": {\"message\": \"purpose batch and a file are required\"}}");
    }
    String id = "file-in-" + ids.incrementAndGet();
    files.put(id, List.of(content.split("\n")));
    return Fixtures.json(
        200,
        "{\"id\": \""
            + id
            + "\", \"object\": \"file\", \"purpose\": \"batch\", \"bytes\": "
            + content.length()
            + "}");
  }

  private MockResponse createOpenAi(RecordedRequest request) throws IOException {
    JsonNode body = Jsonl.MAPPER.readTree(request.getBody().utf8());
    List<String> lines = files.get(body.path("input_file_id").asText());
    if (lines == null || !"24h".equals(body.path("completion_window").asText())) {
      return Fixtures.json(400, "{\"error\": {\"message\": \"bad batch request\"}}");
    }
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = Jsonl.MAPPER.readTree(line);
      if (!node.path("url").asText().equals(body.path("endpoint").asText())) {
        return Fixtures.json(
            400, "{\"error\": {\"message\": \"line url differs from the endpoint\"}}");
      }
      parsed.add(node);
    }
    Batch batch =
        new Batch(
            "batch_" + ids.incrementAndGet(),
            false,
            parsed,
            body.path("input_file_id").asText(),
            openAiPhases);
    batches.put(batch.id, batch);
    return created(openAiBatch(batch));
  }

  private MockResponse created(JsonNode batch) {
    if (dropNextCreateAnswer) {
      dropNextCreateAnswer = false;
      return new MockResponse.Builder()
          .body(batch.toString())
          .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
          .build();
    }
    return Fixtures.json(200, batch.toString());
  }

  private void advance(Batch batch) {
    if (!frozen && batch.step < batch.phases.size() - 1) {
      batch.step++;
    }
    if (isEnded(batch)
        && (batch.anthropic
            ? batch.outputFileId == null
            : batch.outputFileId == null && batch.errorFileId == null)) {
      finish(batch);
    }
  }

  private void cancel(Batch batch, List<String> phases) {
    batch.cancelled = true;
    batch.phases = phases;
    batch.step = 0;
  }

  private boolean isEnded(Batch batch) {
    return List.of("completed", "expired", "cancelled", "failed", "ended").contains(batch.phase());
  }

  /** Makes the answers: all of them for a completed batch, half for an expired or cancelled one. */
  private void finish(Batch batch) {
    List<String> output = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    boolean partial = batch.cancelled || batch.phase().equals("expired");
    for (int i = 0; i < batch.requests.size(); i++) {
      JsonNode request = batch.requests.get(i);
      String customId = request.path("custom_id").asText();
      JsonNode body = batch.anthropic ? request.get("params") : request.get("body");
      Answer answer =
          batch.phase().equals("failed")
              ? new Missing()
              : partial && i % 2 == 1
                  ? new NoResponse(
                      batch.anthropic
                          ? (batch.cancelled ? "canceled" : "expired")
                          : "batch_expired",
                      "This request could not be executed before the completion window expired.")
                  : this.answer.apply(customId, body);
      String line =
          batch.anthropic ? anthropicLine(customId, answer) : openAiLine(customId, body, answer);
      if (line != null && tornOnce.remove(customId)) {
        line = line.substring(0, line.length() / 2);
      }
      if (line != null) {
        (answer instanceof Ok || batch.anthropic ? output : errors).add(line);
      }
    }
    if (batch.anthropic) {
      batch.outputFileId = "results";
      files.put(batch.id + "-results", output);
    } else {
      if (!output.isEmpty()) {
        batch.outputFileId = "file-out-" + ids.incrementAndGet();
        files.put(batch.outputFileId, output);
      }
      if (!errors.isEmpty()) {
        batch.errorFileId = "file-err-" + ids.incrementAndGet();
        files.put(batch.errorFileId, errors);
      }
      if (output.isEmpty() && errors.isEmpty()) {
        batch.outputFileId = "";
      }
    }
  }

  private static String openAiLine(String customId, JsonNode body, Answer answer) {
    ObjectNode line = Jsonl.MAPPER.createObjectNode();
    line.put("id", "batch_req_" + customId).put("custom_id", customId);
    if (answer instanceof Ok ok) {
      ObjectNode response =
          line.putObject("response").put("status_code", 200).put("request_id", "req_1");
      ObjectNode answerBody =
          (ObjectNode)
              (body.has("input")
                  ? read(Fixtures.responsesAnswer(ok.text(), ok.inputTokens(), ok.outputTokens()))
                  : read(Fixtures.chatAnswer(ok.text(), ok.inputTokens(), ok.outputTokens())));
      if (ok.cutOff() && !body.has("input")) {
        ((ObjectNode) answerBody.path("choices").path(0)).put("finish_reason", "length");
      }
      response.set("body", answerBody);
      line.putNull("error");
    } else if (answer instanceof Error error) {
      line.putObject("response")
          .put("status_code", error.status())
          .put("request_id", "req_1")
          .set("body", read(error.body()));
      line.putNull("error");
    } else if (answer instanceof NoResponse none) {
      line.putNull("response");
      line.putObject("error").put("code", none.code()).put("message", none.message());
    } else {
      return null;
    }
    return line.toString();
  }

  private static String anthropicLine(String customId, Answer answer) {
    ObjectNode line = Jsonl.MAPPER.createObjectNode();
    line.put("custom_id", customId);
    ObjectNode result = line.putObject("result");
    if (answer instanceof Ok ok) {
      result
          .put("type", "succeeded")
          .set(
              "message",
              read(
                  RunApiServerTest.anthropicAnswer(
                      ok.text(), ok.inputTokens(), ok.outputTokens())));
    } else if (answer instanceof Error error) {
      result.put("type", "errored").set("error", read(error.body()));
    } else if (answer instanceof NoResponse none) {
      result.put("type", none.code());
    } else {
      return null;
    }
    return line.toString();
  }

  private ObjectNode openAiBatch(Batch batch) {
    ObjectNode o = Jsonl.MAPPER.createObjectNode();
    o.put("id", batch.id)
        .put("object", "batch")
        .put("endpoint", "/v1/x")
        .put("input_file_id", batch.inputFileId)
        .put("completion_window", "24h")
        .put("status", batch.phase())
        .put("created_at", 1_700_000_000L);
    if (isEnded(batch)) {
      o.put(batch.phase() + "_at", 1_700_000_090L);
    }
    if (batch.phase().equals("failed")) {
      o.putObject("errors")
          .putArray("data")
          .addObject()
          .put("code", "invalid_model")
          .put("message", "model not supported for batch");
    }
    putNullable(o, "output_file_id", batch.outputFileId);
    putNullable(o, "error_file_id", batch.errorFileId);
    int total = batch.requests.size();
    int done = isEnded(batch) ? total : batch.phase().equals("in_progress") ? total / 2 : 0;
    o.putObject("request_counts").put("total", total).put("completed", done).put("failed", 0);
    return o;
  }

  private static void putNullable(ObjectNode o, String field, String value) {
    if (value == null || value.isEmpty()) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  private MockResponse anthropic(String method, String path, RecordedRequest request)
      throws IOException {
    String rest = path.substring("/v1/messages/batches".length());
    if (method.equals("POST") && rest.isEmpty()) {
      JsonNode body = Jsonl.MAPPER.readTree(request.getBody().utf8());
      List<JsonNode> parsed = new ArrayList<>();
      body.path("requests").forEach(parsed::add);
      if (parsed.isEmpty() || request.getHeaders().get("anthropic-version") == null) {
        return Fixtures.json(
            400,
            "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\","
                + " \"message\": \"bad batch\"}}");
      }
      Batch batch =
          new Batch("msgbatch_" + ids.incrementAndGet(), true, parsed, null, anthropicPhases);
      batches.put(batch.id, batch);
      return created(anthropicBatch(batch));
    }
    String[] parts = rest.substring(1).split("/");
    Batch batch = batches.get(parts[0]);
    if (batch == null) {
      return Fixtures.json(
          404,
          "{\"type\": \"error\", \"error\": {\"type\": \"not_found_error\", \"message\": \"no\"}}");
    }
    if (parts.length == 2 && parts[1].equals("results")) {
      return new MockResponse.Builder()
          .body(String.join("\n", files.get(batch.id + "-results")))
          .build();
    }
    if (parts.length == 2 && parts[1].equals("cancel")) {
      cancel(batch, List.of("canceling", "ended"));
    } else {
      advance(batch);
    }
    return Fixtures.json(200, anthropicBatch(batch).toString());
  }

  private ObjectNode anthropicBatch(Batch batch) {
    ObjectNode o = Jsonl.MAPPER.createObjectNode();
    boolean ended = batch.phase().equals("ended");
    o.put("id", batch.id)
        .put("type", "message_batch")
        .put("processing_status", batch.phase())
        .put("created_at", "2026-12-05T10:00:00Z")
        .put("expires_at", "2026-12-06T10:00:00Z");
    int total = batch.requests.size();
    ObjectNode counts = o.putObject("request_counts");
    counts
        .put("processing", ended ? 0 : total)
        .put("succeeded", ended ? total : 0)
        .put("errored", 0)
        .put("canceled", 0)
        .put("expired", 0);
    if (ended) {
      o.put("ended_at", "2026-12-05T10:02:00Z");
      o.put("results_url", server.url("/v1/messages/batches/" + batch.id + "/results").toString());
    } else {
      o.putNull("ended_at");
      o.putNull("results_url");
    }
    return o;
  }

  private static JsonNode read(String json) {
    try {
      return Jsonl.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
