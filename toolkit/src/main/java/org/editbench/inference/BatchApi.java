package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;

/**
 * A provider's batch engine, reduced to what a run needs: hand over a file of requests, see how far
 * the provider got, read the answers, cancel. One implementation per {@link Provider}.
 */
interface BatchApi {
  /**
   * The batch engine of {@code provider}, every call made with its first key in {@code
   * environment}: a batch's files belong to the key that made it.
   *
   * @param openAiEndpoint what OpenAI batches are created for ({@link
   *     BatchEncoder#openAiEndpoint}); null where batches are only looked up or cancelled
   */
  static BatchApi connect(
      Provider provider,
      OkHttpClient http,
      ApiEnvironment environment,
      RetryPolicy retries,
      RandomGenerator random,
      Sleeper sleeper,
      Clock clock,
      String openAiEndpoint) {
    List<String> keys = environment.keysFor(provider);
    BatchHttp calls =
        new BatchHttp(
            http,
            provider,
            environment.baseUrlFor(provider),
            keys.isEmpty() ? null : keys.get(0),
            retries,
            random,
            sleeper,
            clock);
    return provider == Provider.ANTHROPIC
        ? new AnthropicBatchApi(calls)
        : new OpenAiBatchApi(calls, openAiEndpoint);
  }

  Provider provider();

  /**
   * Stages a file of encoded requests ({@link BatchEncoder}) where a batch can be made from it:
   * OpenAI uploads it and answers the file's id; Anthropic sends requests with the batch itself and
   * answers null.
   */
  String stage(Path requests);

  /**
   * Creates the batch from what {@link #stage} answered (or from {@code requests} itself) and
   * starts it.
   */
  BatchStatus create(String staged, Path requests);

  /**
   * The batch made earlier from {@code staged} when the state file lost its id to a crash between
   * the create call and the write that records it; null when there is none (or the provider cannot
   * tell).
   */
  BatchStatus findCreatedFrom(String staged);

  BatchStatus status(String batchId);

  BatchStatus cancel(String batchId);

  /** Every answer of an ended batch, answers and errors alike, in the provider's order. */
  void results(BatchStatus status, Consumer<ItemResult> each);

  /**
   * Where a batch stands, in the provider's terms and as counts.
   *
   * @param phase the provider's status word: {@code validating}, {@code in_progress}, {@code
   *     finalizing}, {@code completed}, {@code failed}, {@code expired}, {@code cancelling}, {@code
   *     cancelled} (OpenAI) or {@code in_progress}, {@code canceling}, {@code ended} (Anthropic)
   * @param ended no request will change any more: the results can be read
   * @param failure why the whole batch failed (OpenAI validation errors), else null
   * @param outputs where the answers are: OpenAI's output and error file ids, Anthropic's results
   *     URL
   */
  record BatchStatus(
      String id,
      String phase,
      boolean ended,
      int total,
      int succeeded,
      int failed,
      String failure,
      Instant createdAt,
      Instant endedAt,
      List<String> outputs) {
    public BatchStatus {
      outputs = List.copyOf(outputs);
    }

    /** Requests that are answered or given up on. */
    public int done() {
      return succeeded + failed;
    }

    /** How long the provider took, from creation to the end (or to {@code now} while it runs). */
    public Duration elapsed(Instant now) {
      if (createdAt == null) {
        return Duration.ZERO;
      }
      Instant end = endedAt != null ? endedAt : now;
      return end.isBefore(createdAt) ? Duration.ZERO : Duration.between(createdAt, end);
    }
  }

  /**
   * One request's answer.
   *
   * @param status the HTTP status the request got; 0 when it got none (expired, cancelled, a batch
   *     error)
   * @param body the response body: the API's answer or its error object; null without one
   * @param error why the request got no response, when {@code status} is 0
   */
  record ItemResult(String customId, int status, JsonNode body, String error) {
    /** A line of the results that could not be read: whose answer it held is unknown. */
    private static final int UNREAD = -1;

    static ItemResult unreadable(String where) {
      return new ItemResult(null, UNREAD, null, where);
    }

    boolean isUnreadable() {
      return status == UNREAD;
    }
  }
}
