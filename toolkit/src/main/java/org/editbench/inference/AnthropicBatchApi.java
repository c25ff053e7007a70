package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.editbench.core.Jsonl;

/**
 * Anthropic's Message Batches: the requests go with the create call ({@code POST
 * /v1/messages/batches}, {@code {"requests": [{custom_id, params}]}}), the status is read from
 * {@code GET /v1/messages/batches/{id}} and, once it has ended, the answers from its {@code
 * results_url} as JSON Lines of {@code {custom_id, result: {type:
 * succeeded|errored|canceled|expired, message | error}}}.
 */
final class AnthropicBatchApi implements BatchApi {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String BATCHES = "/v1/messages/batches";

  /**
   * The HTTP status each error type of the API stands for, so that {@link ApiErrors} can classify
   * it.
   */
  private static final Map<String, Integer> ERROR_STATUS =
      Map.of(
          "invalid_request_error",
          400,
          "authentication_error",
          401,
          "permission_error",
          403,
          "not_found_error",
          404,
          "request_too_large",
          413,
          "rate_limit_error",
          429,
          "api_error",
          500,
          "overloaded_error",
          529);

  private final BatchHttp http;

  AnthropicBatchApi(BatchHttp http) {
    this.http = http;
  }

  @Override
  public Provider provider() {
    return Provider.ANTHROPIC;
  }

  /** Nothing to stage: the requests travel with the create call. */
  @Override
  public String stage(Path requests) {
    return null;
  }

  @Override
  public BatchStatus create(String staged, Path requests) {
    return parse(
        http.json(
            http.request(http.url(BATCHES))
                .post(RequestBody.create(requests.toFile(), JSON))
                .build(),
            "creating a message batch"));
  }

  /** Anthropic batches carry nothing of ours to recognise them by. */
  @Override
  public BatchStatus findCreatedFrom(String staged) {
    return null;
  }

  @Override
  public BatchStatus status(String batchId) {
    return parse(
        http.json(
            http.request(http.url(BATCHES + "/" + batchId)).get().build(),
            "reading message batch " + batchId));
  }

  @Override
  public BatchStatus cancel(String batchId) {
    return parse(
        http.json(
            http.request(http.url(BATCHES + "/" + batchId + "/cancel"))
                .post(RequestBody.create(new byte[0], JSON))
                .build(),
            "cancelling message batch " + batchId));
  }

  @Override
  public void results(BatchStatus status, Consumer<ItemResult> each) {
    HttpUrl url =
        status.outputs().isEmpty()
            ? http.url(BATCHES + "/" + status.id() + "/results")
            : HttpUrl.parse(status.outputs().get(0));
    if (url == null) {
      throw new BatchHttp.BatchApiException(
          "message batch "
              + status.id()
              + " has an unusable results_url: "
              + status.outputs().get(0));
    }
    http.lines(
        http.request(url).get().build(),
        "downloading the results of message batch " + status.id(),
        line -> each.accept(item(line)),
        message -> each.accept(BatchApi.ItemResult.unreadable(message)));
  }

  private static ItemResult item(JsonNode line) {
    String customId = line.path("custom_id").asText(null);
    JsonNode result = line.path("result");
    String type = result.path("type").asText("");
    switch (type) {
      case "succeeded":
        return new ItemResult(customId, 200, result.get("message"), null);
      case "errored":
        {
          // the error response ({type: "error", error: {type, message}}) or, in older answers, its
          // inner error
          JsonNode error = result.path("error");
          JsonNode inner = error.has("error") ? error.get("error") : error;
          Integer status = ERROR_STATUS.get(inner.path("type").asText());
          JsonNode body = Jsonl.MAPPER.createObjectNode().set("error", inner);
          return status != null
              ? new ItemResult(customId, status, body, null)
              : new ItemResult(
                  customId, 0, null, "errored: " + inner.path("message").asText(inner.toString()));
        }
      default:
        return new ItemResult(
            customId, 0, null, "request " + (type.isEmpty() ? "without a result" : type));
    }
  }

  static BatchStatus parse(JsonNode batch) {
    String phase = batch.path("processing_status").asText("unknown");
    JsonNode counts = batch.path("request_counts");
    int succeeded = counts.path("succeeded").asInt();
    int failed =
        counts.path("errored").asInt()
            + counts.path("canceled").asInt()
            + counts.path("expired").asInt();
    int total = succeeded + failed + counts.path("processing").asInt();
    String resultsUrl = batch.path("results_url").asText(null);
    return new BatchStatus(
        OpenAiBatchApi.requireText(batch, "id", "a message batch"),
        phase,
        "ended".equals(phase),
        total,
        succeeded,
        failed,
        null,
        instant(batch.get("created_at")),
        instant(batch.get("ended_at")),
        resultsUrl == null || resultsUrl.isEmpty() ? List.of() : List.of(resultsUrl));
  }

  private static Instant instant(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
