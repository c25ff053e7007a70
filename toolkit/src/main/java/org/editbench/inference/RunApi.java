package org.editbench.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.core.DataFormatException;
import org.editbench.core.OutputLock;
import org.editbench.core.Reporter;
import org.editbench.text.FirstFew;

/**
 * run-api: every dataset × model × run_id combination, each resumed from its prediction file,
 * filtered, then asked with {@code max_workers} concurrent requests.
 *
 * <p>Everything that can be wrong with the options or inputs (unknown model, missing file, sampled
 * ids not in a dataset, missing prompts, no key) is checked for all combinations before the first
 * request, so a mistake costs nothing.
 */
public final class RunApi {
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
    RunPlanner.unusedRunIds(options).forEach(reporter::warn);
    if (options.batch()) {
      // Every model and every output's recorded batches, before any batch is submitted (and paid
      // for) for the first.
      combinations.forEach(c -> BatchRunner.requireBatchable(c.model()));
      combinations.forEach(
          c ->
              BatchState.requireUsable(c.output(), BatchState.Header.of(c, options.environment())));
    } else {
      combinations.forEach(RunApi::refuseWithBatchesRunning);
    }
    Map<Path, List<BenchInstance>> inputs = loadInputs(combinations, options, reporter);
    requireGroundTruthsForGold(combinations, inputs);
    requireReachable(
        combinations.stream().map(Combination::model).distinct().toList(), options.environment());
    observer.planned(
        combinations, combinations.stream().mapToInt(c -> inputs.get(c.input()).size()).sum());

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
    OutputLock.requireFinished(List.of(file), "its instances would be read half written");
    List<BenchInstance> records = BenchReader.read(file, reporter);
    if (records.isEmpty()) {
      // A build stopped before its first record, the wrong file, or a repository whose instances
      // were all invalid: said, as a run that asks nothing would otherwise look like one that
      // did its work; not an error, so that the run's other files are still asked.
      reporter.warn(
          file
              + " holds no instances (the file is empty or only blank lines): nothing to ask; build"
              + " it with prompt-builder, or name the infbench file to run");
      return records;
    }
    Map<Boolean, List<BenchInstance>> byPrompt =
        records.stream()
            .collect(
                Collectors.partitioningBy(in -> in.prompt() != null && !in.prompt().isEmpty()));
    List<BenchInstance> instances = byPrompt.get(true);
    if (instances.isEmpty() && !byPrompt.get(false).isEmpty()) {
      throw new DataFormatException(
          file,
          "no instance has a prompt: run-api needs an infbench file (a bench file"
              + " with prompts built for a run_id, see prompt-builder), not a bench file; a run_id"
              + " without history and without PR or issue text (None, 0.0) builds only empty"
              + " prompts");
    }
    // A null prompt is not what prompt-builder writes: said apart from the empty prompts below,
    // which are.
    Map<Boolean, List<String>> unasked =
        byPrompt.get(false).stream()
            .collect(
                Collectors.partitioningBy(
                    in -> in.prompt() == null,
                    Collectors.mapping(BenchInstance::instanceId, Collectors.toList())));
    List<String> noPrompt = unasked.get(true);
    if (!noPrompt.isEmpty()) {
      reporter.warn(
          file
              + ": "
              + noPrompt.size()
              + " record(s) have \"prompt\": null, which prompt-builder never writes, and are"
              + " skipped; rebuild the file with prompt-builder: "
              + FirstFew.of(noPrompt, 20));
    }
    // The reference writes an empty prompt when an instance has neither history nor requirement
    // text (e.g. None_body_issue without PR or issue messages): there is nothing to ask the model.
    // A record without the field reads as one, so the warning names both and gives the usual
    // cause as prompt-builder's, not as the record's.
    List<String> empty = unasked.get(false);
    if (!empty.isEmpty()) {
      reporter.warn(
          file
              + ": "
              + empty.size()
              + " instance(s) with an empty or missing prompt are skipped (prompt-builder writes"
              + " an empty one for an instance with no history and no PR or issue text): "
              + FirstFew.of(empty, 20));
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
              + FirstFew.of(missing, 20)
              + "; use a sampled ids file made for this dataset and run_id");
    }
    return instances.stream().filter(in -> sampled.contains(in.instanceId())).toList();
  }

  private static boolean needsHttp(List<Combination> combinations) {
    return combinations.stream().anyMatch(c -> !c.model().api().offline());
  }

  /**
   * The gold model answers with each record's ground truth: a record without one (missing, null or
   * empty; prompt-builder always writes one) would be recorded as an empty answer, a success, and
   * scored as a miss of the upper bound.
   */
  private static void requireGroundTruthsForGold(
      List<Combination> combinations, Map<Path, List<BenchInstance>> inputs) {
    for (Combination combination : combinations) {
      if (combination.model().api() != ApiStyle.GOLD) {
        continue;
      }
      List<String> without =
          inputs.get(combination.input()).stream()
              .filter(in -> in.groundTruth() == null || in.groundTruth().isEmpty())
              .map(BenchInstance::instanceId)
              .toList();
      if (!without.isEmpty()) {
        throw new DataFormatException(
            combination.input(),
            without.size()
                + " record(s) have no \"ground_truth\" (missing, null or empty), which the gold"
                + " model answers with: "
                + FirstFew.of(without, 20)
                + "; rebuild the file with prompt-builder");
      }
    }
  }

  /**
   * Whether {@code models} can be asked at all: a key for each provider's own API (a server at a
   * custom base URL may do without) and each endpoint a URL. Checked before any output is opened —
   * a run stopped by a missing key or a mistyped base URL leaves no empty prediction file behind,
   * which a summary would show as a run — and by the pipeline before its build, so that a missing
   * key is said before minutes of work rather than after.
   */
  public static void requireReachable(List<ModelSpec> models, ApiEnvironment environment) {
    models.stream()
        .map(model -> model.api().provider())
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
                        + "); a notebook's workspace also reads the .env of its data folder, or"
                        + " takes them as RunApiOptions.Builder.environment(new ApiEnvironment(…))");
              }
            });
    for (ModelSpec model : models) {
      Provider provider = model.api().provider();
      if (provider != null) {
        HttpBackend.endpoint(
            environment.baseUrlFor(provider), ApiCodec.forStyle(model.api()).path(), provider);
      }
    }
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
        .addNetworkInterceptor(new OneRequestPerHttp1Connection())
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
      Prefilter.Result filtered = Prefilter.forRun(instances, out, combination, observer, reporter);
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
      ConcurrentRequests.Tally tally;
      try {
        tally =
            ConcurrentRequests.execute(
                combination,
                filtered.toRun(),
                runner,
                keys,
                out,
                options.maxWorkers(),
                retries,
                reporter,
                observer);
      } catch (ConcurrentRequests.Stopped e) {
        String check =
            switch (e.reason) {
              case REFUSED ->
                  " with none accepted: check the key ("
                      + ApiEnvironment.masked(keys)
                      + ", from "
                      + provider.keysVariable()
                      + " or "
                      + provider.keyVariable()
                      + " or, in a notebook, the ApiEnvironment given), the base URL ("
                      + env.shownBaseUrl(provider)
                      + ") and the model name. The refused requests";
              case UNREACHABLE ->
                  " with none answered: check that the server is running and that "
                      + provider.baseUrlVariable()
                      + " ("
                      + env.shownBaseUrl(provider)
                      + ") names it. The failed requests";
            };
        throw new IllegalStateException(
            model.name()
                + ": stopped after "
                + e.getMessage()
                + check
                + " are recorded and asked again by the next run; the others were not sent.");
      }
      RunStats stats =
          new RunStats(
              combination,
              filtered.stats(),
              tally.succeeded,
              tally.cutOff,
              tally.failed,
              tally.cost,
              retries.count(),
              Duration.ofNanos(System.nanoTime() - start));
      observer.finished(stats);
      return stats;
    }
  }

  /**
   * Refuses to ask directly what batches submitted with {@code --batch} for the same output are
   * still answering: both answers would be paid for, and the batch's discarded when collected.
   */
  private static void refuseWithBatchesRunning(Combination combination) {
    Path stateFile = BatchState.fileFor(combination.output());
    if (!Files.isRegularFile(stateFile)) {
      return;
    }
    long running =
        BatchState.read(stateFile).batches().stream().filter(b -> !b.collected()).count();
    if (running > 0) {
      throw new IllegalArgumentException(
          combination.output()
              + " has "
              + running
              + " batch(es) submitted with --batch and not collected yet: run the same command"
              + " with --batch to collect them (in a notebook, batch(true)), or cancel them"
              + " (editbench batch cancel; in a notebook, EditBench.cancelBatches) and let the next"
              + " --batch run record them, before asking directly — else each answer is paid for"
              + " twice");
    }
  }
}
