package org.editbench.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.editbench.core.AtomicFiles;
import org.editbench.core.DataFormatException;
import org.editbench.core.SafePaths;

/**
 * {@code editbench batch status} and {@code batch cancel}: the batches recorded in the state files
 * under a results folder, looked up at their providers. Reads state files without taking the
 * prediction file's lock and never writes them: a run may be collecting meanwhile, and a cancelled
 * batch is collected by the next run like any other that ended.
 */
public final class BatchAdmin {
  private static final String STATE_SUFFIX = ".batches.json";

  private BatchAdmin() {}

  /** Every state file under {@code resultsDir}, sorted. */
  static List<Path> stateFiles(Path resultsDir) {
    if (!Files.isDirectory(resultsDir)) {
      throw new IllegalArgumentException(
          "no results folder "
              + resultsDir.toAbsolutePath()
              + "; pass the one run-api --batch wrote to with --results-dir (in a notebook,"
              + " eb.paths().resultsDir() of the workspace that ran it)");
    }
    try (Stream<Path> files = SafePaths.walk(resultsDir)) {
      return files
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.startsWith(".")
                    && name.endsWith(STATE_SUFFIX)
                    && Files.isRegularFile(f);
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list " + resultsDir + ": " + AtomicFiles.describe(e), e);
    }
  }

  /**
   * The batches under {@code resultsDir}; those not collected yet are asked for at their providers
   * when {@code live}, the others show what the last run saw.
   */
  public static List<BatchInfo> status(Path resultsDir, ApiEnvironment environment, boolean live) {
    return visit(resultsDir, environment, live, List.of(), false);
  }

  /**
   * Cancels the batches under {@code resultsDir} that are not collected yet (only those named in
   * {@code ids}, unless it is empty); the next run collects what they answered before stopping.
   */
  public static List<BatchInfo> cancel(
      Path resultsDir, ApiEnvironment environment, List<String> ids) {
    return visit(resultsDir, environment, true, ids, true);
  }

  /** A state file as read, with where its batches are when that is not where requests go now. */
  private record Recorded(Path file, BatchState.Stored stored, String elsewhere) {}

  private static List<BatchInfo> visit(
      Path resultsDir, ApiEnvironment environment, boolean live, List<String> ids, boolean cancel) {
    // Batches submitted to another server than the one requests go to now are listed as last seen
    // and not cancelled: their ids mean nothing here. A state file that cannot be read is listed
    // as such: one damaged file must not hide, or keep anyone from cancelling, the others.
    List<Recorded> recorded = new ArrayList<>();
    List<BatchInfo> unreadable = new ArrayList<>();
    for (Path file : stateFiles(resultsDir)) {
      BatchState.Stored stored;
      try {
        stored = BatchState.read(file);
      } catch (DataFormatException | UncheckedIOException e) {
        unreadable.add(BatchInfo.unreadable(BatchState.outputOf(file), e.getMessage()));
        continue;
      }
      String shownBaseUrl = environment.shownBaseUrl(BatchState.providerOf(stored));
      recorded.add(
          new Recorded(
              file, stored, live ? BatchState.elsewhere(stored, shownBaseUrl).orElse(null) : null));
    }
    if (cancel && !ids.isEmpty()) {
      // before any is cancelled
      requireCancellable(ids, recorded, unreadable.size(), resultsDir, environment);
    }
    OkHttpClient http = live ? new OkHttpClient() : null;
    try {
      List<BatchInfo> out = new ArrayList<>(unreadable);
      for (Recorded at : recorded) {
        BatchState.Stored stored = at.stored();
        BatchApi api =
            live && at.elsewhere() == null
                ? BatchApi.connect(
                    BatchState.providerOf(stored),
                    http,
                    environment,
                    RetryPolicy.defaults(RetryPolicy.DEFAULT_MAX_RETRIES),
                    new Random(),
                    Sleeper.SYSTEM,
                    Clock.systemUTC(),
                    null)
                : null;
        for (BatchState.Batch batch : stored.batches()) {
          if (cancel && !isCancellable(batch, ids)) {
            continue;
          }
          BatchApi.BatchStatus now =
              !batch.collected() && batch.id() != null && api != null
                  ? (cancel ? api.cancel(batch.id()) : api.status(batch.id()))
                  : null;
          out.add(
              new BatchInfo(
                  BatchState.outputOf(at.file()),
                  stored.header().model(),
                  stored.header().provider(),
                  batch.id(),
                  now != null ? now.phase() : batch.phase(),
                  now != null ? now.total() : batch.size(),
                  now != null ? now.done() : batch.done(),
                  now != null ? now.failed() : batch.failed(),
                  batch.collected(),
                  batch.submittedAt(),
                  batch.collected() ? null : at.elsewhere(),
                  null));
        }
      }
      return out;
    } finally {
      if (http != null) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      }
    }
  }

  /** Whether {@code cancel} acts on {@code batch}: running, confirmed and named (or none named). */
  private static boolean isCancellable(BatchState.Batch batch, List<String> ids) {
    return !batch.collected() && batch.id() != null && (ids.isEmpty() || ids.contains(batch.id()));
  }

  /** Refuses ids that name no running batch, or one submitted to another server. */
  private static void requireCancellable(
      List<String> ids,
      List<Recorded> recorded,
      int unreadable,
      Path resultsDir,
      ApiEnvironment environment) {
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      Recorded at =
          recorded.stream()
              .filter(
                  r -> r.stored().batches().stream().anyMatch(b -> isCancellable(b, List.of(id))))
              .findFirst()
              .orElse(null);
      if (at == null) {
        unknown.add(id);
      } else if (at.elsewhere() != null) {
        Provider provider = BatchState.providerOf(at.stored());
        throw new IllegalArgumentException(
            "batch "
                + id
                + " was submitted to "
                + at.elsewhere()
                + ", not to "
                + environment.shownBaseUrl(provider)
                + " where "
                + provider.baseUrlVariable()
                + " sends requests now; set it to that base URL to cancel it (nothing was"
                + " cancelled)");
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "no running batch "
              + String.join(", ", unknown)
              + " under "
              + resultsDir
              + (unreadable == 0
                  ? ""
                  : " in the state files that could be read ("
                      + unreadable
                      + " could not: 'editbench batch status' names them)")
              + "; 'editbench batch status' lists them (nothing was cancelled)");
    }
  }

  /** The listing as text lines, for the CLI. */
  public static List<String> lines(List<BatchInfo> batches) {
    List<String> lines = new ArrayList<>();
    if (batches.isEmpty()) {
      lines.add("no batches recorded");
      return lines;
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "%-32s %-10s %-12s %9s %7s  %s",
            "batch",
            "provider",
            "status",
            "done/total",
            "failed",
            "prediction file"));
    for (BatchInfo b : batches) {
      if (b.unreadable() != null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%-32s %-10s %-12s %9s %7s  %s",
                "?",
                "?",
                "unreadable",
                "?",
                "?",
                b.output()));
        lines.add("  " + b.unreadable());
        continue;
      }
      lines.add(
          String.format(
                  Locale.ROOT,
                  "%-32s %-10s %-12s %9s %7d  %s",
                  b.id() == null ? "(not confirmed)" : b.id(),
                  b.provider(),
                  b.collected() ? "collected" : b.phase(),
                  b.done() + "/" + b.total(),
                  b.failed(),
                  b.output())
              + (b.elsewhere() == null
                  ? ""
                  : "  (submitted to " + b.elsewhere() + ": not reached from here, as last seen)"));
    }
    return lines;
  }
}
