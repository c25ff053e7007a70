package org.editbench.inference;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.editbench.core.Reporter;
import org.editbench.text.FirstFew;

/**
 * The collecting half of a batch run: looks at the running batches, reports each change, and writes
 * an ended batch's answers through the run's {@link ResultFile} as a direct run would have written
 * them (the completion at the batch price); what is worth asking again goes into the {@link
 * BatchState}'s retries for the next submission. A batch is marked collected only after all its
 * answers are settled, so a collection a crash cut short is repeated by the next run, which writes
 * only the records still missing.
 */
final class BatchCollector {
  private final ModelSpec model;
  private final BatchApi api;
  private final BatchState state;
  private final BatchPrompts prompts;
  private final ResultFile out;
  private final ApiCodec codec;
  private final int maxRetries;
  private final UnaryOperator<String> redact;
  private final Clock clock;
  private final Reporter reporter;
  private int succeeded;
  private int cutOff;
  private int failed;
  private double cost;

  /**
   * @param redact masks API keys in error texts from the provider
   */
  BatchCollector(
      ModelSpec model,
      BatchApi api,
      BatchState state,
      BatchPrompts prompts,
      ResultFile out,
      int maxRetries,
      UnaryOperator<String> redact,
      Clock clock,
      Reporter reporter) {
    this.model = model;
    this.api = api;
    this.state = state;
    this.prompts = prompts;
    this.out = out;
    this.codec = ApiCodec.forStyle(model.api());
    this.maxRetries = maxRetries;
    this.redact = redact;
    this.clock = clock;
    this.reporter = reporter;
  }

  int succeeded() {
    return succeeded;
  }

  /** Of the successes, answers that stopped at the output token limit. */
  int cutOff() {
    return cutOff;
  }

  int failed() {
    return failed;
  }

  /** What the recorded answers cost, at the batch price. */
  double cost() {
    return cost;
  }

  /**
   * Asks for the status of every confirmed running batch and collects those that ended; answers
   * whether anything changed.
   */
  boolean pollAndCollect() {
    boolean changed = false;
    for (BatchState.Batch batch : state.live()) {
      if (batch.id() == null) {
        continue;
      }
      BatchApi.BatchStatus status = api.status(batch.id());
      BatchState.Batch seen = batch.seen(status);
      if (!Objects.equals(batch.phase(), status.phase()) || batch.done() != status.done()) {
        reporter.info(
            "batch "
                + status.id()
                + ": "
                + status.phase()
                + ", "
                + status.done()
                + "/"
                + status.total()
                + " done"
                + (status.failed() > 0 ? " (" + status.failed() + " failed)" : ""));
        state.replace(batch, seen);
        state.save();
        changed = true;
      }
      if (status.ended()) {
        collect(seen, status);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Writes an ended batch's answers and queues what is to be asked again; then marks it collected.
   */
  private void collect(BatchState.Batch batch, BatchApi.BatchStatus status) {
    List<String> outside =
        batch.requests().stream()
            .map(BatchState.Request::instanceId)
            .filter(prompts::outsideRun)
            .distinct()
            .toList();
    if (!outside.isEmpty()) {
      // Collecting marks the batch done: the answers of instances this run does not cover, paid
      // for, would be dropped for good.
      throw new IllegalArgumentException(
          "batch "
              + status.id()
              + " holds answers for "
              + outside.size()
              + " instance(s) this run does not cover ("
              + FirstFew.of(outside, 3)
              + "): it was submitted with a larger selection (--sampled_ids_file; in a notebook,"
              + " sampledIdsFile). Collect it with that selection so that they are written; it"
              + " stays uncollected until then");
    }
    Map<String, BatchState.Request> byCustomId = new HashMap<>();
    batch.requests().forEach(r -> byCustomId.put(r.customId(), r));
    Set<String> answered = new HashSet<>();
    Duration elapsed = status.elapsed(clock.instant());
    Counts counts = new Counts();
    api.results(
        status,
        item -> {
          if (item.isUnreadable()) {
            // Its request, unanswered, is asked again below like any other without an answer.
            if (counts.unreadable++ == 0) {
              reporter.warn(item.error() + "; skipped, its request is asked again");
            }
            return;
          }
          BatchState.Request request = byCustomId.get(item.customId());
          if (request == null) {
            counts.unknown++;
          } else if (answered.add(item.customId())) {
            settle(request, outcome(item, elapsed), counts);
          }
        });
    String noAnswer =
        "no answer: batch "
            + status.id()
            + " "
            + status.phase()
            + (status.failure() != null ? " (" + status.failure() + ")" : "");
    for (BatchState.Request request : batch.requests()) {
      if (!answered.contains(request.customId())) {
        settle(request, new Outcome.Retryable(noAnswer, null), counts);
      }
    }
    state.replace(batch, batch.asCollected());
    state.save();
    reporter.info(
        "batch "
            + status.id()
            + " collected: "
            + counts.written
            + " record(s) written, "
            + counts.retried
            + " to ask again"
            + (counts.stale > 0
                ? ", " + counts.stale + " answer(s) to prompts that changed since (asked again)"
                : "")
            + (counts.unknown > 0
                ? ", " + counts.unknown + " answer(s) with an unknown custom_id ignored"
                : "")
            + (counts.unreadable > 0
                ? ", " + counts.unreadable + " line(s) that could not be read skipped"
                : ""));
  }

  /** What came of one batch's answers, for the line that reports its collection. */
  private static final class Counts {
    int written;
    int retried;
    int stale;
    int unknown;
    int unreadable;
  }

  /**
   * What a batch answer comes to: a direct run's outcome, the completion priced at the batch price.
   */
  private Outcome outcome(BatchApi.ItemResult item, Duration elapsed) {
    if (item.status() == 0) {
      return new Outcome.Retryable(item.error(), null);
    }
    if (item.status() / 100 == 2) {
      Outcome answer = HttpBackend.answer(item.body(), codec, model, elapsed);
      if (answer instanceof Outcome.Success success) {
        Completion c = success.completion();
        return new Outcome.Success(
            new Completion(c.text(), c.usage().atBatchPrice(model), c.responseTime(), c.cutOff()));
      }
      return answer;
    }
    return ApiErrors.classify(
        item.status(), "", item.body() == null ? "" : item.body().toString(), null);
  }

  /** Records an answer, or queues its instance to be asked again. */
  private void settle(BatchState.Request request, Outcome outcome, Counts counts) {
    String id = request.instanceId();
    if (!prompts.awaitsAnswer(id)) {
      // already recorded (a collection repeated after a crash), or no longer part of this run
      return;
    }
    String prompt = prompts.prompt(id, request.trims());
    if (!prompts.isCurrent(request, prompt)) {
      counts.stale++;
      state.retries().remove(id); // asked afresh with the prompt prepared now
      return;
    }
    if (outcome instanceof Outcome.Retryable retryable && request.attempt() <= maxRetries) {
      state
          .retries()
          .put(
              id,
              new BatchState.Retry(
                  request.attempt(), request.trims(), redact.apply(retryable.reason())));
      counts.retried++;
      return;
    }
    ResultRecord record = InstanceRunner.settle(model, id, prompt, outcome, maxRetries, redact);
    if (record == null) {
      // context length exceeded: drop a file and ask again, as a direct run does
      state.retries().put(id, BatchState.Retry.trimmed(request));
      counts.retried++;
      return;
    }
    out.append(record);
    prompts.recorded(id);
    state.retries().remove(id);
    counts.written++;
    if (record.succeeded()) {
      succeeded++;
      if (record.completion().cutOff()) {
        cutOff++;
      }
      cost += record.completion().usage().usd();
    } else {
      failed++;
      reporter.warn(id + " failed: " + record.error());
    }
  }
}
