package org.editbench.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.editbench.bench.BenchInstance;
import org.editbench.core.Reporter;

/**
 * One combination of {@code run-api --batch}: the same prediction file, filter and prompts as a
 * direct run, but the requests handed to the provider's batch engine. Each pass confirms a
 * submission a crash interrupted, looks at the running batches and collects those that ended, then
 * submits what is neither answered nor running (first attempts, retries, prompts trimmed after
 * "context length exceeded"); with {@link RunApiOptions#waitForBatches()} it sleeps and passes
 * again until no batch runs. Every step is recorded in the {@link BatchState} before the next, and
 * answers go through the run's {@link ResultFile}, so a run killed at any moment is continued by
 * running it again: nothing is submitted twice and each instance ends with one record.
 */
final class BatchRunner {
  /**
   * The reason of a {@link BatchState.Retry} that asks again with a file dropped from the prompt.
   */
  private static final String TRIMMED = "context length exceeded";

  private final Combination combination;
  private final ModelSpec model;
  private final RunApiOptions options;
  private final Reporter reporter;
  private final RunObserver observer;
  private final BatchApi api;
  private final ResultFile out;
  private final BatchState state;
  private final BatchEncoder encoder;
  private final ApiCodec codec;
  private final UnaryOperator<String> redact;
  private final Map<String, Prefilter.Planned> planned = new LinkedHashMap<>();

  /**
   * Body hashes of the requests this process encoded: no need to encode them again to check an
   * answer.
   */
  private final Map<String, String> encodedHere = new HashMap<>();

  private final Set<String> finished;
  private final int total;
  private final long start = System.nanoTime();
  private int succeeded;
  private int failed;
  private int resubmitted;
  private double cost;

  private BatchRunner(
      Combination combination,
      Prefilter.Result filtered,
      RunApiOptions options,
      BatchApi api,
      ResultFile out,
      Reporter reporter,
      RunObserver observer) {
    this.combination = combination;
    this.model = combination.model();
    this.options = options;
    this.reporter = reporter;
    this.observer = observer;
    this.api = api;
    this.out = out;
    Provider provider = model.api().provider();
    this.state =
        BatchState.open(
            combination.output(),
            new BatchState.Header(
                BatchState.FORMAT,
                model.name(),
                provider.name().toLowerCase(Locale.ROOT),
                options.environment().baseUrlFor(provider),
                combination.output().toString()));
    this.encoder =
        new BatchEncoder(
            model, options.batchMaxRequests(provider), options.batchMaxBytes(provider));
    this.codec = ApiCodec.forStyle(model.api());
    this.redact = KeyMask.redactor(options.environment().allKeys());
    filtered.toRun().forEach(p -> planned.put(p.instance().instanceId(), p));
    this.finished = new HashSet<>(out.finished());
    this.total = filtered.toRun().size();
  }

  static RunStats run(
      Combination combination,
      List<BenchInstance> instances,
      RunApiOptions options,
      OkHttpClient http,
      Reporter reporter,
      RunObserver observer) {
    ModelSpec model = combination.model();
    if (model.api().provider() == null) {
      throw new IllegalArgumentException(
          "--batch needs a model served over an API; "
              + model.name()
              + " is answered offline (run it without --batch)");
    }
    long start = System.nanoTime();
    try (ResultFile out =
        ResultFile.open(combination.output(), options.forceInterval(), reporter)) {
      TokenCounter tokens = TokenCounter.forEncoding(model.encoding());
      Prefilter.Result filtered =
          Prefilter.apply(
              instances, out.finished(), out.retryRecordsRemoved(), model, tokens::count);
      observer.started(combination, filtered.stats());
      BatchApi api =
          BatchApi.connect(
              model.api().provider(),
              http,
              options.environment(),
              options.retryPolicy(),
              options.random(),
              options.sleeper(),
              options.clock(),
              BatchEncoder.openAiEndpoint(model));
      BatchRunner runner =
          new BatchRunner(combination, filtered, options, api, out, reporter, observer);
      runner.passes();
      RunStats stats =
          new RunStats(
              combination,
              filtered.stats(),
              runner.succeeded,
              runner.failed,
              runner.cost,
              runner.resubmitted,
              Duration.ofNanos(System.nanoTime() - start));
      observer.finished(stats);
      runner.tellWhatIsStillRunning();
      return stats;
    }
  }

  private void passes() {
    int quietPasses = 0;
    while (true) {
      boolean changed = confirmInterruptedSubmissions();
      changed |= pollAndCollect();
      changed |= submitPending() > 0;
      progress();
      if (!options.waitForBatches() || state.live().isEmpty()) {
        return;
      }
      quietPasses = changed ? 0 : quietPasses + 1;
      sleep(pollDelay(quietPasses));
    }
  }

  /**
   * The wait before the next look: the initial interval, half as long again for each look that saw
   * no change.
   */
  private Duration pollDelay(int quietPasses) {
    double factor = Math.pow(1.5, Math.min(quietPasses, 30));
    long nanos =
        (long) Math.min(options.pollInitial().toNanos() * factor, options.pollMax().toNanos());
    return Duration.ofNanos(nanos);
  }

  private void sleep(Duration delay) {
    try {
      options.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(
          "stopped waiting for batches; they run on at the provider, and running the"
              + " same command again collects them");
    }
  }

  /** Submissions a crash cut short between staging and recording the batch's id. */
  private boolean confirmInterruptedSubmissions() {
    boolean changed = false;
    for (BatchState.Batch batch : state.live()) {
      if (batch.id() != null) {
        continue;
      }
      changed = true;
      if (batch.staged() == null) {
        state.remove(batch);
        state.save();
        reporter.warn(
            "the last run stopped while creating a batch of "
                + batch.requests().size()
                + " requests, and "
                + api.provider().name()
                + " batches carry nothing to recognise it by: if it was created, its answers are"
                + " not collected (see the provider's console); the requests are submitted again");
        continue;
      }
      BatchApi.BatchStatus found = api.findCreatedFrom(batch.staged());
      BatchApi.BatchStatus status = found != null ? found : api.create(batch.staged(), null);
      state.replace(batch, batch.withId(status.id()).seen(status));
      state.save();
      reporter.info(
          "batch "
              + status.id()
              + " of "
              + batch.staged()
              + (found != null
                  ? ": found, created before the last run stopped"
                  : ": created from the file the last run uploaded"));
    }
    return changed;
  }

  private boolean pollAndCollect() {
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
    Map<String, BatchState.Request> byCustomId = new HashMap<>();
    batch.requests().forEach(r -> byCustomId.put(r.customId(), r));
    Set<String> answered = new HashSet<>();
    Duration elapsed = status.elapsed(options.clock().instant());
    Counts counts = new Counts();
    api.results(
        status,
        item -> {
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
                ? ", "
                    + counts.stale
                    + " answer(s) to prompts that changed since"
                    + " (asked again)"
                : "")
            + (counts.unknown > 0
                ? ", " + counts.unknown + " answer(s) with an unknown" + " custom_id ignored"
                : ""));
  }

  private static final class Counts {
    int written;
    int retried;
    int stale;
    int unknown;
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
            new Completion(c.text(), c.usage().atBatchPrice(model), c.responseTime()));
      }
      return answer;
    }
    return ApiErrors.classify(
        item.status(), "", item.body() == null ? "" : item.body().toString(), null);
  }

  private void settle(BatchState.Request request, Outcome outcome, Counts counts) {
    String id = request.instanceId();
    Prefilter.Planned plannedNow = planned.get(id);
    if (finished.contains(id) || plannedNow == null) {
      return; // already recorded (a collection repeated after a crash), or no longer part of this
      // run
    }
    String prompt = trimmed(plannedNow.fit().prompt(), request.trims());
    String current = encodedHere.get(id);
    if (current == null || request.trims() > 0) {
      current = BatchEncoder.sha256(encoder.body(prompt));
    }
    if (!current.equals(request.sha256())) {
      counts.stale++;
      state.retries().remove(id); // asked afresh with the prompt prepared now
      return;
    }
    int maxRetries = options.retryPolicy().maxRetries();
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
    if (record
        == null) { // context length exceeded: drop a file and ask again, as a direct run does
      state
          .retries()
          .put(id, new BatchState.Retry(request.attempt() - 1, request.trims() + 1, TRIMMED));
      counts.retried++;
      return;
    }
    out.append(record);
    finished.add(id);
    state.retries().remove(id);
    counts.written++;
    if (record.succeeded()) {
      succeeded++;
      cost += record.completion().usage().usd();
    } else {
      failed++;
      reporter.warn(id + " failed: " + record.error());
    }
  }

  private static String trimmed(String prompt, int trims) {
    String current = prompt;
    for (int i = 0; i < trims; i++) {
      current = PromptTrimmer.dropLastFile(current);
    }
    return current;
  }

  /**
   * Submits every planned instance that is neither recorded nor in a running batch; answers how
   * many.
   */
  private int submitPending() {
    Set<String> running = new HashSet<>();
    state.live().forEach(b -> b.requests().forEach(r -> running.add(r.instanceId())));
    List<BatchEncoder.Item> items = new ArrayList<>();
    for (Prefilter.Planned p : planned.values()) {
      String id = p.instance().instanceId();
      if (finished.contains(id) || running.contains(id)) {
        continue;
      }
      BatchState.Retry retry = state.retries().get(id);
      if (retry != null && !TRIMMED.equals(retry.reason())) {
        resubmitted++; // as in a direct run, a shorter prompt after "context length exceeded" is no
        // retry
      }
      int trims = retry == null ? 0 : retry.trims();
      items.add(
          new BatchEncoder.Item(
              id,
              trimmed(p.fit().prompt(), trims),
              retry == null ? 1 : retry.attempts() + 1,
              trims));
    }
    if (items.isEmpty()) {
      return 0;
    }
    Path input = state.file().resolveSibling(state.file().getFileName() + ".input.tmp");
    try {
      encoder.encode(items, input, this::submit);
    } finally {
      delete(input);
    }
    return items.size();
  }

  /** Stages and creates one batch, recording it before and after the create call. */
  private void submit(BatchEncoder.Chunk chunk) {
    String staged = api.stage(chunk.file());
    BatchState.Batch pending =
        new BatchState.Batch(
            null,
            staged,
            options.clock().instant().toString(),
            "submitting",
            0,
            0,
            false,
            chunk.requests());
    state.add(pending);
    chunk
        .requests()
        .forEach(
            r -> {
              state.retries().remove(r.instanceId());
              encodedHere.put(r.instanceId(), r.sha256());
            });
    state.save();
    BatchApi.BatchStatus created = api.create(staged, chunk.file());
    state.replace(pending, pending.withId(created.id()).seen(created));
    state.save();
    reporter.info(
        "submitted batch "
            + created.id()
            + ": "
            + chunk.requests().size()
            + " request(s), "
            + chunk.bytes() / 1024
            + " KiB"
            + (staged != null ? " (input file " + staged + ")" : ""));
  }

  private void progress() {
    int running = 0;
    for (BatchState.Batch batch : state.live()) {
      running += batch.done();
    }
    int done = Math.min(total, succeeded + failed + running);
    observer.progress(
        combination,
        new Progress(
            done,
            total,
            succeeded,
            failed,
            cost,
            resubmitted,
            Duration.ofNanos(System.nanoTime() - start)));
    reporter.progress(combination.label(), done, total);
  }

  private void tellWhatIsStillRunning() {
    List<BatchState.Batch> live = state.live();
    if (!live.isEmpty()) {
      int requests = live.stream().mapToInt(b -> b.requests().size()).sum();
      reporter.info(
          requests
              + " request(s) in "
              + live.size()
              + " batch(es) are running at the provider ("
              + String.join(", ", live.stream().map(b -> String.valueOf(b.id())).toList())
              + "); run the same command"
              + " again to collect them, 'editbench batch status' to see how far they are");
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
