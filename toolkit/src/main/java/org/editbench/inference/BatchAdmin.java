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
              + "; pass the one run-api --batch wrote to with --results-dir");
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
      throw new UncheckedIOException("cannot list " + resultsDir + ": " + e.getMessage(), e);
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

  private static List<BatchInfo> visit(
      Path resultsDir, ApiEnvironment environment, boolean live, List<String> ids, boolean cancel) {
    OkHttpClient http = live ? new OkHttpClient() : null;
    try {
      List<BatchInfo> out = new ArrayList<>();
      for (Path file : stateFiles(resultsDir)) {
        BatchState.Stored stored = BatchState.read(file);
        Provider provider = BatchState.providerOf(stored);
        // Batches submitted to another server than the one requests go to now are listed as last
        // seen and not cancelled: their ids mean nothing here. The other files are served.
        String elsewhere =
            live
                ? BatchState.elsewhere(stored, environment.shownBaseUrl(provider)).orElse(null)
                : null;
        BatchApi api =
            live && elsewhere == null
                ? BatchApi.connect(
                    provider,
                    http,
                    environment,
                    RetryPolicy.defaults(RetryPolicy.DEFAULT_MAX_RETRIES),
                    new Random(),
                    Sleeper.SYSTEM,
                    Clock.systemUTC(),
                    null)
                : null;
        for (BatchState.Batch batch : stored.batches()) {
          if (cancel
              && (batch.collected()
                  || batch.id() == null
                  || (!ids.isEmpty() && !ids.contains(batch.id())))) {
            continue;
          }
          boolean notHere = elsewhere != null && !batch.collected();
          BatchApi.BatchStatus now =
              !batch.collected() && batch.id() != null && api != null
                  ? (cancel ? api.cancel(batch.id()) : api.status(batch.id()))
                  : null;
          out.add(
              new BatchInfo(
                  BatchState.outputOf(file),
                  stored.header().model(),
                  stored.header().provider(),
                  batch.id(),
                  now != null ? now.phase() : batch.phase(),
                  now != null ? now.total() : batch.size(),
                  now != null ? now.done() : batch.done(),
                  now != null ? now.failed() : batch.failed(),
                  batch.collected(),
                  batch.submittedAt(),
                  notHere ? elsewhere : null));
        }
      }
      if (cancel && !ids.isEmpty()) {
        List<String> unknown =
            ids.stream().filter(id -> out.stream().noneMatch(b -> id.equals(b.id()))).toList();
        List<BatchInfo> notHere =
            out.stream().filter(b -> b.elsewhere() != null && ids.contains(b.id())).toList();
        if (!notHere.isEmpty()) {
          BatchInfo first = notHere.get(0);
          Provider provider = Provider.valueOf(first.provider().toUpperCase(Locale.ROOT));
          throw new IllegalArgumentException(
              "batch "
                  + first.id()
                  + " was submitted to "
                  + first.elsewhere()
                  + ", not to "
                  + environment.shownBaseUrl(provider)
                  + " where "
                  + provider.baseUrlVariable()
                  + " sends requests now; set it to that base URL to cancel it");
        }
        if (!unknown.isEmpty()) {
          throw new IllegalArgumentException(
              "no running batch "
                  + String.join(", ", unknown)
                  + " under "
                  + resultsDir
                  + "; 'editbench batch status' lists them");
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
