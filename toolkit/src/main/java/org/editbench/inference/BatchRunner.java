package org.editbench.inference;

import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.editbench.bench.BenchInstance;
import org.editbench.core.Reporter;

/**
 * One combination of {@code run-api --batch}: the same prediction file, filter and prompts as a
 * direct run, but the requests handed to the provider's batch engine. Each pass confirms a
 * submission a crash interrupted, looks at the running batches and collects those that ended
 * ({@link BatchCollector}), then submits what is neither answered nor running ({@link
 * BatchSubmitter}: first attempts, retries, prompts trimmed after "context length exceeded"); with
 * {@link RunApiOptions#waitForBatches()} it waits ({@link PollBackoff}) and passes again until no
 * batch runs. Every step is recorded in the {@link BatchState} before the next, and answers go
 * through the run's {@link ResultFile}, so a run killed at any moment is continued by running it
 * again: nothing is submitted twice and each instance ends with one record.
 */
final class BatchRunner {
  private final Combination combination;
  private final RunApiOptions options;
  private final Reporter reporter;
  private final RunObserver observer;
  private final BatchState state;
  private final BatchSubmitter submitter;
  private final BatchCollector collector;
  private final int total;
  private final long start = System.nanoTime();

  /**
   * How many requests the first look at the batches found finished (see {@link
   * Progress#foundDone}); -1 before it.
   */
  private int foundDone = -1;

  private BatchRunner(
      Combination combination,
      Prefilter.Result filtered,
      RunApiOptions options,
      BatchApi api,
      ResultFile out,
      Reporter reporter,
      RunObserver observer) {
    this.combination = combination;
    this.options = options;
    this.reporter = reporter;
    this.observer = observer;
    ModelSpec model = combination.model();
    Provider provider = model.api().provider();
    this.state =
        BatchState.open(
            combination.output(), BatchState.Header.of(combination, options.environment()));
    BatchEncoder encoder =
        new BatchEncoder(
            model, options.batchMaxRequests(provider), options.batchMaxBytes(provider));
    BatchPrompts prompts = new BatchPrompts(filtered.toRun(), out.finished(), encoder);
    this.submitter = new BatchSubmitter(api, state, prompts, encoder, options.clock(), reporter);
    this.collector =
        new BatchCollector(
            model,
            api,
            state,
            prompts,
            out,
            options.retryPolicy().maxRetries(),
            KeyMask.redactor(options.environment().allKeys()),
            options.clock(),
            reporter);
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
    requireBatchable(model);
    long start = System.nanoTime();
    try (ResultFile out =
        ResultFile.open(combination.output(), options.forceInterval(), reporter)) {
      Prefilter.Result filtered = Prefilter.forRun(instances, out, combination, observer, reporter);
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
              runner.collector.succeeded(),
              runner.collector.cutOff(),
              runner.collector.failed(),
              runner.collector.cost(),
              runner.submitter.resubmitted(),
              Duration.ofNanos(System.nanoTime() - start));
      observer.finished(stats);
      runner.tellWhatIsStillRunning();
      return stats;
    }
  }

  private void passes() {
    PollBackoff backoff =
        new PollBackoff(options.pollInitial(), options.pollMax(), options.sleeper());
    while (true) {
      boolean changed = submitter.confirmInterrupted();
      changed |= collector.pollAndCollect();
      changed |= submitter.submitPending();
      progress();
      if (!options.waitForBatches() || state.live().isEmpty()) {
        return;
      }
      backoff.waitAfter(changed);
    }
  }

  /**
   * Tells where the run stands: what is recorded, and what the provider has done in the batches
   * still running.
   */
  private void progress() {
    int running = 0;
    for (BatchState.Batch batch : state.live()) {
      running += batch.done();
    }
    int done = Math.min(total, collector.succeeded() + collector.failed() + running);
    if (foundDone < 0) {
      // The first look: whatever is done was done by the provider before this process asked.
      foundDone = done;
      reporter.foundDone(foundDone);
    }
    observer.progress(
        combination,
        new Progress(
            done,
            foundDone,
            total,
            collector.succeeded(),
            collector.failed(),
            collector.cost(),
            submitter.resubmitted(),
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

  /**
   * Refuses a model answered offline: it has no batch API. {@link RunApi} asks this of every
   * combination before the first is submitted.
   */
  static void requireBatchable(ModelSpec model) {
    if (model.api().provider() == null) {
      throw new IllegalArgumentException(
          "--batch needs a model served over an API; "
              + model.name()
              + " is answered offline (run it without --batch)");
    }
  }
}
