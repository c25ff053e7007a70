package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.editbench.core.Jsonl;

/**
 * OpenAI's Batch API: the JSONL of requests is uploaded ({@code POST /files}, purpose {@code
 * batch}), a batch made of it ({@code POST /batches}, window {@code 24h}), its status read ({@code
 * GET /batches/{id}}), and its output and error files downloaded ({@code GET /files/{id}/content}).
 */
final class OpenAiBatchApi implements BatchApi {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType JSONL = MediaType.get("application/jsonl");
  private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

  /**
   * How many batches the crash lookup reads, newest first: far more than one run creates at once.
   */
  private static final int LOOKUP_LIMIT = 100;

  private final BatchHttp http;
  private final String endpoint;

  /**
   * @param endpoint the batch's endpoint, {@code /v1/chat/completions} or {@code /v1/responses}
   */
  OpenAiBatchApi(BatchHttp http, String endpoint) {
    this.http = http;
    this.endpoint = endpoint;
  }

  @Override
  public Provider provider() {
    return Provider.OPENAI;
  }

  @Override
  public String stage(Path requests) {
    RequestBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("purpose", "batch")
            .addFormDataPart(
                "file",
                requests.getFileName() + ".jsonl",
                RequestBody.create(requests.toFile(), JSONL))
            .build();
    JsonNode file =
        http.json(
            http.request(http.url("/files")).post(body).build(), "uploading the batch input file");
    return requireText(file, "id", "the uploaded file");
  }

  @Override
  public BatchStatus create(String staged, Path requests) {
    ObjectNode body = Jsonl.MAPPER.createObjectNode();
    body.put("input_file_id", staged);
    body.put("endpoint", endpoint);
    body.put("completion_window", "24h");
    body.putObject("metadata").put("created_by", "editbench run-api --batch");
    // A create whose answer was lost may have made the batch: before sending it again, look for
    // one made from this file, so that a batch is never made (and paid for) twice.
    return parse(
        http.json(
            http.request(http.url("/batches"))
                .post(RequestBody.create(body.toString(), JSON))
                .build(),
            "creating a batch of " + staged,
            () -> createdFrom(staged)));
  }

  @Override
  public BatchStatus findCreatedFrom(String staged) {
    JsonNode batch = createdFrom(staged);
    return batch == null ? null : parse(batch);
  }

  /** The batch made from the uploaded file {@code staged}, as listed; null for none. */
  private JsonNode createdFrom(String staged) {
    HttpUrl url =
        http.url("/batches")
            .newBuilder()
            .addQueryParameter("limit", String.valueOf(LOOKUP_LIMIT))
            .build();
    JsonNode list = http.json(http.request(url).get().build(), "listing batches");
    for (JsonNode batch : list.path("data")) {
      if (staged.equals(batch.path("input_file_id").asText(null))) {
        return batch;
      }
    }
    return null;
  }

  @Override
  public BatchStatus status(String batchId) {
    return parse(
        http.json(
            http.request(http.url("/batches/" + batchId)).get().build(),
            "reading batch " + batchId));
  }

  @Override
  public BatchStatus cancel(String batchId) {
    return parse(
        http.json(
            http.request(http.url("/batches/" + batchId + "/cancel"))
                .post(RequestBody.create(new byte[0], JSON))
                .build(),
            "cancelling batch " + batchId));
  }

  /**
   * The output file's lines, then the error file's: {@code {custom_id, response: {status_code,
   * body}, error}}, {@code error} ({@code {code, message}}) for a request that got no response.
   */
  @Override
  public void results(BatchStatus status, Consumer<ItemResult> each) {
    for (String fileId : status.outputs()) {
      http.lines(
          http.request(http.url("/files/" + fileId + "/content")).get().build(),
          "downloading " + fileId + " of batch " + status.id(),
          line -> each.accept(item(line)),
          message -> each.accept(BatchApi.ItemResult.unreadable(message)));
    }
  }

  private static ItemResult item(JsonNode line) {
    String customId = line.path("custom_id").asText(null);
    JsonNode response = line.get("response");
    if (response != null && response.isObject() && response.path("status_code").canConvertToInt()) {
      JsonNode body = response.get("body");
      return new ItemResult(
          customId,
          response.get("status_code").intValue(),
          body == null || body.isNull() ? null : body,
          null);
    }
    JsonNode error = line.path("error");
    String message =
        error.isObject()
            ? error.path("code").asText("error")
                + ": "
                + error.path("message").asText("(no message)")
            : "no response";
    return new ItemResult(customId, 0, null, message);
  }

  static BatchStatus parse(JsonNode batch) {
    String phase = batch.path("status").asText("unknown");
    JsonNode counts = batch.path("request_counts");
    List<String> outputs = new ArrayList<>();
    for (String field : List.of("output_file_id", "error_file_id")) {
      if (batch.path(field).isTextual() && !batch.get(field).asText().isEmpty()) {
        outputs.add(batch.get(field).asText());
      }
    }
    String failure = null;
    JsonNode errors = batch.path("errors").path("data");
    if (errors.isArray() && !errors.isEmpty()) {
      JsonNode first = errors.get(0);
      failure =
          first.path("code").asText("error")
              + ": "
              + first.path("message").asText("(no message)")
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }
    int failed = counts.path("failed").asInt();
    return new BatchStatus(
        requireText(batch, "id", "a batch"),
        phase,
        ENDED.contains(phase),
        counts.path("total").asInt(),
        counts.path("completed").asInt(),
        failed,
        failure,
        epochSeconds(batch.get("created_at")),
        endedAt(batch),
        outputs);
  }

  private static Instant endedAt(JsonNode batch) {
    for (String field : List.of("completed_at", "failed_at", "expired_at", "cancelled_at")) {
      Instant at = epochSeconds(batch.get(field));
      if (at != null) {
        return at;
      }
    }
    return null;
  }

  private static Instant epochSeconds(JsonNode value) {
    return value != null && value.canConvertToLong()
        ? Instant.ofEpochSecond(value.longValue())
        : null;
  }

  static String requireText(JsonNode node, String field, String what) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new BatchHttp.BatchApiException(
          what + " came back without an \"" + field + "\": " + clip(node.toString()));
    }
    return value.asText();
  }

  private static String clip(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
