package org.editbench.inference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.core.DataFormatException;
import org.editbench.core.Reporter;

/**
 * run-api: every dataset × model × run_id combination, each resumed from its prediction file,
 * filtered, then asked with {@code max_workers} concurrent requests.
 *
 * <p>Everything that can be wrong with the options or inputs (unknown model, missing file, sampled
 * ids not in a dataset, missing prompts, no key) is checked for all combinations before the first
 * request, so a mistake costs nothing.
 */
public final class RunApi {
  /** Failures named one by one before the rest are only counted. */
  private static final int FAILURES_LISTED = 10;

  private RunApi() {}

  public static List<RunStats> run(RunApiOptions options, Reporter reporter, RunObserver observer) {
    ModelTable table = ModelTable.load(options.modelsFile());
    List<Combination> combinations = RunPlanner.plan(options, table);
    combinations.stream()
        .map(c -> c.model().name())
        .distinct()
        .flatMap(model -> table.guesses(model).stream())
        .forEach(reporter::warn);
    RunPlanner.unfoundResults(combinations).forEach(reporter::warn);
    Map<Path, List<BenchInstance>> inputs = loadInputs(combinations, options, reporter);
    requireKeys(combinations, options.environment());

    OkHttpClient http = needsHttp(combinations) ? httpClient(options) : null;
    try {
      List<RunStats> all = new ArrayList<>();
      for (Combination combination : combinations) {
        List<BenchInstance> instances = inputs.get(combination.input());
        all.add(
            options.batch()
                ? BatchRunner.run(combination, instances, options, http, reporter, observer)
                : runOne(combination, instances, options, http, reporter, observer));
      }
      return all;
    } finally {
      if (http != null) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      }
    }
  }

  private static Map<Path, List<BenchInstance>> loadInputs(
      List<Combination> combinations, RunApiOptions options, Reporter reporter) {
    Path sampledFile = options.sampledIdsFile();
    Set<String> sampled = sampledFile == null ? null : RunPlanner.readSampledIds(sampledFile);
    Map<Path, List<BenchInstance>> inputs = new HashMap<>();
    for (Combination combination : combinations) {
      inputs.computeIfAbsent(
          combination.input(), file -> loadInput(file, sampledFile, sampled, reporter));
    }
    return inputs;
  }

  /**
   * An infbench file's instances with prompts, in the reference's order, restricted to the sample.
   */
  private static List<BenchInstance> loadInput(
      Path file, Path sampledFile, Set<String> sampled, Reporter reporter) {
    Map<Boolean, List<BenchInstance>> byPrompt =
        BenchReader.read(file, reporter).stream()
            .collect(
                Collectors.partitioningBy(in -> in.prompt() != null && !in.prompt().isEmpty()));
    List<BenchInstance> instances = byPrompt.get(true);
    if (instances.isEmpty() && !byPrompt.get(false).isEmpty()) {
      throw new DataFormatException(
          file,
          "no instance has a prompt: run-api needs an infbench file (a bench file"
              + " with prompts built for a run_id, see prompt-builder), not a bench file");
    }
    // The reference writes an empty prompt when an instance has neither history nor requirement
    // text (e.g. None_body_issue without PR or issue messages): there is nothing to ask the model.
    List<String> empty = byPrompt.get(false).stream().map(BenchInstance::instanceId).toList();
    if (!empty.isEmpty()) {
      reporter.warn(
          file
              + ": "
              + empty.size()
              + " instance(s) with an empty prompt (no history and no requirement"
              + " text) are skipped: "
              + String.join(", ", empty.subList(0, Math.min(20, empty.size())))
              + (empty.size() > 20 ? ", …" : ""));
    }
    if (sampled == null) {
      return instances;
    }
    Set<String> ids = new HashSet<>();
    instances.forEach(in -> ids.add(in.instanceId()));
    List<String> missing = RunPlanner.missing(sampled, ids);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          sampledFile
              + ": "
              + missing.size()
              + " sampled instance id(s) are not in "
              + file
              + ": "
              + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
              + (missing.size() > 20 ? ", …" : "")
              + "; use a sampled ids file made for this dataset and run_id");
    }
    return instances.stream().filter(in -> sampled.contains(in.instanceId())).toList();
  }

  private static boolean needsHttp(List<Combination> combinations) {
    return combinations.stream().anyMatch(c -> !c.model().api().offline());
  }

  /** Keys are needed for a provider's own API; a server at a custom base URL may do without. */
  static void requireKeys(List<Combination> combinations, ApiEnvironment environment) {
    combinations.stream()
        .map(c -> c.model().api().provider())
        .filter(p -> p != null)
        .distinct()
        .forEach(
            provider -> {
              if (environment.keysFor(provider).isEmpty()
                  && environment.customBaseUrl(provider) == null) {
                throw new IllegalArgumentException(
                    "no API key: set "
                        + provider.keysVariable()
                        + " (comma-separated) or "
                        + provider.keyVariable()
                        + " in the environment or in a .env file in the working directory (and "
                        + provider.baseUrlVariable()
                        + " for a server other than "
                        + provider.defaultBaseUrl()
                        + ")");
              }
            });
  }

  private static OkHttpClient httpClient(RunApiOptions options) {
    Duration timeout = options.timeout();
    Duration connect =
        timeout.compareTo(Duration.ofSeconds(30)) < 0 ? timeout : Duration.ofSeconds(30);
    return new OkHttpClient.Builder()
        .callTimeout(timeout) // the whole request, a slowly trickling body included
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .connectTimeout(connect)
        .retryOnConnectionFailure(
            false) // every retry goes through RetryPolicy: counted, backed off
        .connectionPool(new ConnectionPool(options.maxWorkers(), 5, TimeUnit.MINUTES))
        .build();
  }

  private static RunStats runOne(
      Combination combination,
      List<BenchInstance> instances,
      RunApiOptions options,
      OkHttpClient http,
      Reporter reporter,
      RunObserver observer) {
    ModelSpec model = combination.model();
    long start = System.nanoTime();
    try (ResultFile out =
        ResultFile.open(combination.output(), options.forceInterval(), reporter)) {
      Prefilter.Result filtered = Prefilter.forRun(instances, out, model);
      observer.started(combination, filtered.stats());

      ApiEnvironment env = options.environment();
      UnaryOperator<String> redact = KeyMask.redactor(env.allKeys());
      RetryNotices retries = new RetryNotices(reporter, options.retryPolicy().maxRetries(), redact);
      Provider provider = model.api().provider();
      ModelBackend backend =
          provider == null
              ? new OfflineBackend(model.api())
              : new RetryingBackend(
                  new HttpBackend(http, env.baseUrlFor(provider), model, options.clock()),
                  options.retryPolicy(),
                  options.random(),
                  options.sleeper(),
                  retries);
      InstanceRunner runner =
          new InstanceRunner(model, backend, options.retryPolicy().maxRetries(), redact);

      List<String> keys = provider == null ? List.of() : env.keysFor(provider);
      Tally tally;
      try {
        tally =
            execute(
                combination,
                filtered.toRun(),
                runner,
                keys,
                out,
                options.maxWorkers(),
                retries,
                reporter,
                observer);
      } catch (SetupFailed e) {
        throw new IllegalStateException(
            model.name()
                + ": stopped after "
                + e.getMessage()
                + " with none accepted: check the key ("
                + provider.keysVariable()
                + " or "
                + provider.keyVariable()
                + ": "
                + ApiEnvironment.masked(keys)
                + "), the base URL ("
                + env.shownBaseUrl(provider)
                + ") and the model name. The refused requests are recorded and asked again by"
                + " the next run; the others were not sent.");
      }
      RunStats stats =
          new RunStats(
              combination,
              filtered.stats(),
              tally.succeeded,
              tally.failed,
              tally.cost,
              retries.count(),
              Duration.ofNanos(System.nanoTime() - start));
      observer.finished(stats);
      return stats;
    }
  }

  /** Running counts of one combination; touched only by the collecting thread. */
  private static final class Tally {
    int succeeded;
    int failed;
    int setupFailures;
    double cost;
  }

  /**
   * Set-up failures (401, 403, 404) that stop a combination in which nothing has succeeded yet and
   * every key has had one: a wrong key, base URL or model name would otherwise be sent the whole
   * dataset, and every answer would be the same refusal.
   */
  private static final int SETUP_FAILURES_TO_STOP = 3;

  /** Thrown by {@link #execute} when {@link #SETUP_FAILURES_TO_STOP} is reached. */
  private static final class SetupFailed extends RuntimeException {
    SetupFailed(String lastError, int count) {
      super(count + " requests refused (the last: " + lastError + ")", null, false, false);
    }
  }

  private static Tally execute(
      Combination combination,
      List<Prefilter.Planned> toRun,
      InstanceRunner runner,
      List<String> keys,
      ResultFile out,
      int maxWorkers,
      RetryNotices retries,
      Reporter reporter,
      RunObserver observer) {
    Tally tally = new Tally();
    if (toRun.isEmpty()) {
      return tally;
    }
    long start =
        System.nanoTime(); // rates count from the first request, not from reading and filtering
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(maxWorkers, toRun.size()), workerThreads());
    Set<String> keysRefused = ConcurrentHashMap.newKeySet();
    int keysUsed = Math.max(1, Math.min(keys.size(), toRun.size()));
    try {
      ExecutorCompletionService<ResultRecord> finished = new ExecutorCompletionService<>(pool);
      for (int i = 0; i < toRun.size(); i++) {
        Prefilter.Planned planned = toRun.get(i);
        String key =
            keys.isEmpty() ? null : keys.get(i % keys.size()); // request i uses key i mod k
        List<String> history = planned.instance().preEdits();
        InferenceRequest request =
            new InferenceRequest(
                planned.instance().instanceId(),
                planned.fit().prompt(),
                planned.instance().groundTruth(),
                history.isEmpty() ? null : history.get(history.size() - 1),
                key);
        finished.submit(
            () -> {
              ResultRecord record = runner.run(request);
              if (record.setupFailure()) {
                keysRefused.add(String.valueOf(key));
              }
              out.append(
                  record); // written by the worker at once: nothing paid for waits in a queue
              return record;
            });
      }
      for (int done = 1; done <= toRun.size(); done++) {
        ResultRecord record = take(finished);
        if (record.succeeded()) {
          tally.succeeded++;
          tally.cost += record.completion().usage().usd();
        } else {
          tally.failed++;
          if (record.setupFailure()
              && ++tally.setupFailures >= SETUP_FAILURES_TO_STOP
              && tally.succeeded == 0
              && keysRefused.size() >= keysUsed) {
            throw new SetupFailed(record.error(), tally.setupFailures);
          }
          if (tally.failed <= FAILURES_LISTED) {
            reporter.warn(record.instanceId() + " failed: " + record.error());
          } else if (tally.failed == FAILURES_LISTED + 1) {
            reporter.warn(
                "further failures are not listed; see \"status\"/\"error\" in " + out.path());
          }
        }
        observer.progress(
            combination,
            new Progress(
                done,
                toRun.size(),
                tally.succeeded,
                tally.failed,
                tally.cost,
                retries.count(),
                Duration.ofNanos(System.nanoTime() - start)));
        reporter.progress(
            combination.label(), done, toRun.size()); // for generic Reporter consumers
      }
      return tally;
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  private static ResultRecord take(ExecutorCompletionService<ResultRecord> finished) {
    try {
      Future<ResultRecord> next = finished.take();
      return next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(
          "run-api was interrupted; what was answered is saved, run again to resume");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "run-api-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
