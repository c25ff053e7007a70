package org.editbench.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.editbench.core.Jsonl;

/**
 * Asks an OpenAI-compatible API or Anthropic's, one attempt per call: encodes the request with the
 * model's {@link ApiCodec}, and turns every answer — or the lack of one — into an {@link Outcome}.
 */
public final class HttpBackend implements ModelBackend {
  private static final MediaType JSON = MediaType.get("application/json");

  /**
   * The largest answer read: far above any model's output limit (a million tokens are a few MiB of
   * text), far below what a few workers could hold at once.
   */
  static final long MAX_ANSWER_BYTES = 16L << 20;

  private final OkHttpClient client;
  private final HttpUrl endpoint;
  private final ApiCodec codec;
  private final ModelSpec model;
  private final Clock clock;

  public HttpBackend(OkHttpClient client, String baseUrl, ModelSpec model, Clock clock) {
    this.client = client;
    this.codec = ApiCodec.forStyle(model.api());
    this.endpoint = endpoint(baseUrl, codec.path(), model.api().provider());
    this.model = model;
    this.clock = clock;
  }

  /**
   * {@code base} + {@code path}, for a base with or without a final slash, its query kept after the
   * whole path; a base that is not an http(s) URL is refused naming {@code provider}'s variable,
   * shown without credentials.
   */
  static HttpUrl endpoint(String baseUrl, String path, Provider provider) {
    HttpUrl base = HttpUrl.parse(baseUrl);
    if (base == null) {
      throw new IllegalArgumentException(
          provider.baseUrlVariable()
              + " '"
              + KeyMask.maskUrl(baseUrl)
              + "' is not an http(s) URL; set it to the API's base such as "
              + provider.defaultBaseUrl()
              + " or http://127.0.0.1:8000/v1");
    }
    // The path goes after the base's path, before its query (Azure's ?api-version=…, a key).
    String basePath = base.encodedPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    return base.newBuilder().encodedPath(basePath + path).build();
  }

  @Override
  public Outcome attempt(InferenceRequest request) {
    Request.Builder http =
        new Request.Builder().url(endpoint).post(RequestBody.create(encode(request), JSON));
    model.api().provider().authenticate(http, request.apiKey());
    long start = System.nanoTime();
    try (Response response = client.newCall(http.build()).execute()) {
      String body = boundedBody(response.body());
      if (body == null && !response.isSuccessful()) {
        body = ""; // an error's status says enough: classified without its body
      }
      if (body == null) {
        return new Outcome.Retryable(
            "the answer is larger than "
                + (MAX_ANSWER_BYTES >> 20)
                + " MiB and was not read (a runaway generation, or not the API's answer)",
            null);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (!response.isSuccessful()) {
        Duration retryAfter =
            ApiErrors.retryAfter(
                response.header("retry-after-ms"), response.header("Retry-After"), clock.instant());
        return ApiErrors.classify(response.code(), response.message(), body, retryAfter);
      }
      return decode(body, elapsed);
    } catch (IOException e) {
      if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
        throw new CancellationException("cancelled while asking for " + request.instanceId());
      }
      return RequestFailures.of(e, client);
    }
  }

  /**
   * The body as text, or null when it is larger than {@link #MAX_ANSWER_BYTES}: a body is held
   * whole in memory (twice, as text and as JSON), so an unbounded one — a runaway generation, a
   * misconfigured server streaming a file — would take the heap, and the whole run with it.
   */
  static String boundedBody(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    if (source.request(MAX_ANSWER_BYTES + 1)) {
      return null;
    }
    // As ResponseBody.string() reads it: the Content-Type's charset (UTF-8 by default), without
    // a byte order mark.
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    String text = source.getBuffer().readString(charset);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private byte[] encode(InferenceRequest request) {
    try {
      return Jsonl.MAPPER.writeValueAsBytes(
          codec.encode(model, PromptParts.split(request.prompt())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a request body", e);
    }
  }

  private Outcome decode(String body, Duration elapsed) {
    JsonNode json;
    try {
      json = Jsonl.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return RequestFailures.of(e, null);
    }
    return answer(json, codec, model, elapsed);
  }

  /**
   * The outcome of a 2xx answer's JSON body (here or a batch's): the completion priced at the
   * model's list price, or the error a body may carry despite its 2xx, or a retryable failure when
   * the body holds no answer.
   */
  static Outcome answer(JsonNode json, ApiCodec codec, ModelSpec model, Duration elapsed) {
    if (json == null || !json.isObject()) {
      return new Outcome.Retryable("unparseable answer (not a JSON object)", null);
    }
    ApiErrors.ApiError error = ApiErrors.ApiError.of(json);
    if (error.present()) {
      String message =
          "error in a 2xx answer: " + (error.message() != null ? error.message() : error.name());
      return error.isContextExceeded()
          ? new Outcome.ContextExceeded(message)
          : new Outcome.Retryable(message, null);
    }
    try {
      String text = codec.outputText(json);
      return new Outcome.Success(
          new Completion(
              text, UsageCost.from(json.get("usage"), model), elapsed, codec.cutOff(json)));
    } catch (ApiCodec.UnusableResponseException e) {
      return new Outcome.Retryable("unusable answer (" + e.getMessage() + ")", null);
    }
  }
}
