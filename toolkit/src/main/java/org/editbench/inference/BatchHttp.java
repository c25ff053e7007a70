package org.editbench.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.editbench.core.JsonTrees;
import org.editbench.core.Jsonl;

/**
 * The HTTP calls of a batch API: each authenticated for its provider, retried under the run's
 * {@link RetryPolicy} when {@link ApiErrors} calls the failure retryable (rate limits, 5xx, dropped
 * connections), and otherwise turned into a {@link BatchApiException} whose message has the keys
 * masked.
 */
final class BatchHttp {
  private final OkHttpClient client;
  private final Provider provider;
  private final String baseUrl;
  private final String key;
  private final RetryPolicy policy;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final Clock clock;
  private final UnaryOperator<String> redact;

  BatchHttp(
      OkHttpClient client,
      Provider provider,
      String baseUrl,
      String key,
      RetryPolicy policy,
      RandomGenerator random,
      Sleeper sleeper,
      Clock clock) {
    this.client = client;
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.key = key;
    this.policy = policy;
    this.random = random;
    this.sleeper = sleeper;
    this.clock = clock;
    this.redact = KeyMask.redactor(key == null ? List.of() : List.of(key));
  }

  /** {@code base} + {@code path}. */
  HttpUrl url(String path) {
    return HttpBackend.endpoint(baseUrl, path, provider);
  }

  /** A request to {@code url}, authenticated. */
  Request.Builder request(HttpUrl url) {
    Request.Builder builder = new Request.Builder().url(url);
    provider.authenticate(builder, key);
    return builder;
  }

  /**
   * Sends {@code request} (retrying what is worth it) and answers the JSON object of its 2xx body.
   */
  JsonNode json(Request request, String what) {
    return json(request, what, () -> null);
  }

  /**
   * {@link #json(Request, String)} for a call that must not take effect twice (creating a batch):
   * before sending it again after a failure — which may have come after the server acted, as when
   * the connection drops before the answer — {@code done} looks for what the call would have made,
   * and a non-null answer is taken as the call's.
   */
  JsonNode json(Request request, String what, Supplier<JsonNode> done) {
    JsonNode[] out = new JsonNode[1];
    JsonNode found =
        send(
            request,
            what,
            done,
            response -> {
              try {
                JsonNode body = Jsonl.MAPPER.readTree(response.body().byteStream());
                if (body == null || !body.isObject()) {
                  throw new BatchApiException(what + ": the answer is not a JSON object");
                }
                out[0] = body;
              } catch (IOException e) {
                throw new RetryableIo(e);
              }
            });
    return found != null ? found : out[0];
  }

  /**
   * Sends {@code request} and hands each line of its 2xx body, as JSON, to {@code each}; a line
   * that is not JSON is said to {@code unreadable} (where and why) and the others still read: one
   * damaged line must not keep a whole batch's paid answers from being collected.
   */
  void lines(Request request, String what, Consumer<JsonNode> each, Consumer<String> unreadable) {
    send(
        request,
        what,
        () -> null,
        response -> {
          try (BufferedReader reader =
              new BufferedReader(
                  new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
              number++;
              if (line.isBlank()) {
                continue;
              }
              JsonNode node;
              try {
                node = JsonTrees.tree(line);
              } catch (JsonProcessingException e) {
                unreadable.accept(what + ", line " + number + ": " + JsonTrees.problem(e));
                continue;
              }
              each.accept(node);
            }
          } catch (IOException e) {
            throw new RetryableIo(e);
          }
        });
  }

  /**
   * Sends until a 2xx answer is read by {@code read} or the failure is final. {@code read} must be
   * repeatable: a connection dropped mid-body sends the request again. Before each resend, {@code
   * done} may answer what the first attempts made after all; that answer is returned (else null).
   */
  private JsonNode send(
      Request request, String what, Supplier<JsonNode> done, Consumer<Response> read) {
    for (int retry = 1; ; retry++) {
      if (retry > 1) {
        JsonNode already = done.get();
        if (already != null) {
          return already;
        }
      }
      Outcome.Retryable failure;
      try (Response response = client.newCall(request).execute()) {
        if (response.isSuccessful()) {
          read.accept(response);
          return null;
        }
        String body = response.body().string();
        Duration retryAfter =
            ApiErrors.retryAfter(
                response.header("retry-after-ms"), response.header("Retry-After"), clock.instant());
        Outcome outcome = ApiErrors.classify(response.code(), response.message(), body, retryAfter);
        if (!(outcome instanceof Outcome.Retryable retryable)) {
          String message =
              outcome instanceof Outcome.Rejected rejected
                  ? "HTTP " + rejected.status() + ": " + rejected.message()
                  : ((Outcome.ContextExceeded) outcome).message();
          throw new BatchApiException(what + " failed: " + redact.apply(message));
        }
        failure = retryable;
      } catch (IOException | RetryableIo e) {
        IOException cause =
            e instanceof RetryableIo r ? (IOException) r.getCause() : (IOException) e;
        if (cause instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
          throw new CancellationException("cancelled during " + what);
        }
        failure = RequestFailures.of(cause, client);
      }
      if (retry > policy.maxRetries()) {
        throw new BatchApiException(
            what
                + " failed after "
                + policy.maxRetries()
                + " retries: "
                + redact.apply(failure.reason()));
      }
      try {
        sleeper.sleep(policy.delay(retry, failure.retryAfter(), random));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("cancelled while waiting to retry " + what);
      }
    }
  }

  /** A read of a 2xx body that broke off: worth sending the request again. */
  private static final class RetryableIo extends RuntimeException {
    RetryableIo(IOException cause) {
      super(cause);
    }
  }

  /** A batch call that failed for good; the message names the call and has the keys masked. */
  static final class BatchApiException extends IllegalStateException {
    BatchApiException(String message) {
      super(message);
    }
  }
}
