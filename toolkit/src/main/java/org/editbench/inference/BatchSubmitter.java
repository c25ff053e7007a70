package org.editbench.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.editbench.core.AtomicFiles;
import org.editbench.core.Reporter;

/**
 * The submitting half of a batch run: hands the provider every instance that is neither recorded
 * nor in a running batch, in batches no larger than the provider takes ({@link BatchEncoder}), and
 * confirms the submissions a crash cut short. Each batch is in the {@link BatchState} before the
 * create call and gets its id there right after, so a run killed in between finds it again instead
 * of submitting twice.
 */
final class BatchSubmitter {
  private final BatchApi api;
  private final BatchState state;
  private final BatchPrompts prompts;
  private final BatchEncoder encoder;
  private final Clock clock;
  private final Reporter reporter;
  private int resubmitted;

  BatchSubmitter(
      BatchApi api,
      BatchState state,
      BatchPrompts prompts,
      BatchEncoder encoder,
      Clock clock,
      Reporter reporter) {
    this.api = api;
    this.state = state;
    this.prompts = prompts;
    this.encoder = encoder;
    this.clock = clock;
    this.reporter = reporter;
  }

  /** Requests submitted again after an answer worth retrying, as a direct run counts retries. */
  int resubmitted() {
    return resubmitted;
  }

  /**
   * Confirms the submissions a crash cut short between staging and recording the batch's id;
   * answers whether there was any.
   */
  boolean confirmInterrupted() {
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

  /**
   * Submits every planned instance that is neither recorded nor in a running batch: first attempts,
   * retries and prompts trimmed after "context length exceeded". Answers whether there was any.
   */
  boolean submitPending() {
    Set<String> running = new HashSet<>();
    state.live().forEach(b -> b.requests().forEach(r -> running.add(r.instanceId())));
    List<BatchEncoder.Item> items = new ArrayList<>();
    for (String id : prompts.unanswered(running)) {
      BatchState.Retry retry = state.retries().get(id);
      // as in a direct run, a shorter prompt after "context length exceeded" is no retry
      if (retry != null && !BatchState.Retry.TRIMMED.equals(retry.reason())) {
        resubmitted++;
      }
      int trims = retry == null ? 0 : retry.trims();
      items.add(
          new BatchEncoder.Item(
              id, prompts.prompt(id, trims), retry == null ? 1 : retry.attempts() + 1, trims));
    }
    if (items.isEmpty()) {
      return false;
    }
    Path input = state.file().resolveSibling(state.file().getFileName() + ".input.tmp");
    try {
      encoder.encode(items, input, this::submit);
    } finally {
      delete(input);
    }
    return true;
  }

  /** Stages and creates one batch, recording it before and after the create call. */
  private void submit(BatchEncoder.Chunk chunk) {
    String staged = api.stage(chunk.file());
    BatchState.Batch pending =
        new BatchState.Batch(
            null, staged, clock.instant().toString(), "submitting", 0, 0, false, chunk.requests());
    state.add(pending);
    chunk
        .requests()
        .forEach(
            r -> {
              state.retries().remove(r.instanceId());
              prompts.submitted(r);
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

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file + ": " + AtomicFiles.describe(e), e);
    }
  }
}
