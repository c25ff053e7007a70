package org.editbench.inference;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.editbench.core.DataPaths;

/**
 * Everything a run-api run needs, with the reference's defaults. Build with {@link #builder()}; the
 * knobs after {@code resultsDir} exist for tests and benchmarks (no sleeping, fixed seeds).
 */
public final class RunApiOptions {
  public static final List<String> DEFAULT_DATASETS = List.of("all");
  public static final List<String> DEFAULT_RUN_IDS = List.of("0.2");
  public static final int DEFAULT_MAX_WORKERS = 10;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

  private final List<String> datasetNames;
  private final List<String> models;
  private final List<String> runIds;
  private final Path sampledIdsFile;
  private final int maxWorkers;
  private final Duration timeout;
  private final Path modelsFile;
  private final DataPaths dataPaths;
  private final Path resultsDir;
  private final ApiEnvironment environment;
  private final RetryPolicy retryPolicy;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Duration forceInterval;
  private final boolean batch;
  private final boolean waitForBatches;
  private final Duration pollInitial;
  private final Duration pollMax;
  private final int batchMaxRequests;
  private final long batchMaxBytes;

  private RunApiOptions(Builder b) {
    datasetNames = List.copyOf(b.datasetNames);
    models = List.copyOf(b.models);
    runIds = List.copyOf(b.runIds);
    sampledIdsFile = b.sampledIdsFile;
    maxWorkers = b.maxWorkers;
    timeout = b.timeout;
    modelsFile = b.modelsFile;
    dataPaths = b.dataPaths != null ? b.dataPaths : DataPaths.fromEnvironment();
    resultsDir = b.resultsDir != null ? b.resultsDir : dataPaths.resultsDir();
    environment = b.environment != null ? b.environment : ApiEnvironment.fromProcess();
    retryPolicy = new RetryPolicy(b.maxRetries, b.initialBackoff, b.maxBackoff, b.maxRetryAfter);
    random = b.random != null ? b.random : new Random();
    sleeper = b.sleeper;
    clock = b.clock;
    forceInterval = b.forceInterval;
    batch = b.batch;
    waitForBatches = b.waitForBatches;
    pollInitial = b.pollInitial;
    pollMax = b.pollMax;
    batchMaxRequests = b.batchMaxRequests;
    batchMaxBytes = b.batchMaxBytes;
    // Not 0: the wait grows by half from it, so 0 would ask for the batches' status without pause.
    if (pollInitial.isNegative() || pollInitial.isZero() || pollMax.compareTo(pollInitial) < 0) {
      throw new IllegalArgumentException(
          "--poll-interval must be 1 second or more (and at most the longest wait, "
              + pollMax.toSeconds()
              + " s), found "
              + pollInitial.toSeconds());
    }
    if (batchMaxRequests < 1 || batchMaxBytes < 1) {
      throw new IllegalArgumentException("batch limits must be positive");
    }
    if (datasetNames.isEmpty() || models.isEmpty() || runIds.isEmpty()) {
      throw new IllegalArgumentException(
          "give at least one --dataset_name, --model and --run_id (in a notebook, datasetNames,"
              + " models and runIds)");
    }
    if (maxWorkers < 1) {
      throw new IllegalArgumentException(
          "--max_workers (maxWorkers) must be at least 1, found " + maxWorkers);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "--timeout (timeout) must be a positive number of seconds, found " + timeout.toSeconds());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .datasetNames(datasetNames)
            .models(models)
            .runIds(runIds)
            .sampledIdsFile(sampledIdsFile)
            .maxWorkers(maxWorkers)
            .timeout(timeout)
            .maxRetries(retryPolicy.maxRetries())
            .modelsFile(modelsFile)
            .dataPaths(dataPaths)
            .resultsDir(resultsDir)
            .environment(environment)
            .backoff(retryPolicy.initialBackoff(), retryPolicy.maxBackoff())
            .maxRetryAfter(retryPolicy.maxRetryAfter())
            .random(random)
            .sleeper(sleeper)
            .clock(clock)
            .forceInterval(forceInterval)
            .batch(batch)
            .waitForBatches(waitForBatches)
            .pollInterval(pollInitial, pollMax);
    b.batchMaxRequests = batchMaxRequests;
    b.batchMaxBytes = batchMaxBytes;
    return b;
  }

  public List<String> datasetNames() {
    return datasetNames;
  }

  public List<String> models() {
    return models;
  }

  public List<String> runIds() {
    return runIds;
  }

  /** Null when every instance runs. */
  public Path sampledIdsFile() {
    return sampledIdsFile;
  }

  public int maxWorkers() {
    return maxWorkers;
  }

  public Duration timeout() {
    return timeout;
  }

  /** Null when only the built-in model table is used. */
  public Path modelsFile() {
    return modelsFile;
  }

  public DataPaths dataPaths() {
    return dataPaths;
  }

  public Path resultsDir() {
    return resultsDir;
  }

  public ApiEnvironment environment() {
    return environment;
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  public RandomGenerator random() {
    return random;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  public Clock clock() {
    return clock;
  }

  public Duration forceInterval() {
    return forceInterval;
  }

  /** Whether the run goes through the providers' batch APIs instead of one request at a time. */
  public boolean batch() {
    return batch;
  }

  /**
   * With {@link #batch()}: wait for the batches and collect them (true), or submit and return
   * (false).
   */
  public boolean waitForBatches() {
    return waitForBatches;
  }

  /**
   * The first wait between two looks at running batches; it grows by half each time nothing
   * changed.
   */
  public Duration pollInitial() {
    return pollInitial;
  }

  public Duration pollMax() {
    return pollMax;
  }

  /** Most requests in one batch: the provider's limit unless set lower. */
  public int batchMaxRequests(Provider provider) {
    return Math.min(batchMaxRequests, provider.maxBatchRequests());
  }

  /** Largest batch input in bytes: the provider's limit unless set lower. */
  public long batchMaxBytes(Provider provider) {
    return Math.min(batchMaxBytes, provider.maxBatchBytes());
  }

  public static final class Builder {
    private List<String> datasetNames = DEFAULT_DATASETS;
    private List<String> models = List.of();
    private List<String> runIds = DEFAULT_RUN_IDS;
    private Path sampledIdsFile;
    private int maxWorkers = DEFAULT_MAX_WORKERS;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRetries = RetryPolicy.DEFAULT_MAX_RETRIES;
    private Path modelsFile;
    private DataPaths dataPaths;
    private Path resultsDir;
    private ApiEnvironment environment;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private Duration maxRetryAfter = Duration.ofMinutes(10);
    private RandomGenerator random;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private Duration forceInterval = ResultFile.DEFAULT_FORCE_INTERVAL;
    private boolean batch;
    private boolean waitForBatches = true;
    private Duration pollInitial = Duration.ofSeconds(10);
    private Duration pollMax = Duration.ofMinutes(2);
    private int batchMaxRequests = Integer.MAX_VALUE;
    private long batchMaxBytes = Long.MAX_VALUE;

    private Builder() {}

    /** Runs through the providers' batch APIs (half the price, answers within 24 hours). */
    public Builder batch(boolean value) {
      batch = value;
      return this;
    }

    /**
     * With {@link #batch(boolean)}: false submits (and collects what has ended) without waiting.
     */
    public Builder waitForBatches(boolean value) {
      waitForBatches = value;
      return this;
    }

    /**
     * The wait between looks at running batches: from {@code initial}, growing by half up to {@code
     * max}.
     */
    public Builder pollInterval(Duration initial, Duration max) {
      pollInitial = Objects.requireNonNull(initial);
      pollMax = Objects.requireNonNull(max);
      return this;
    }

    /** Lower batch limits than the providers' (tests, or a provider with smaller ones). */
    public Builder batchLimits(int maxRequests, long maxBytes) {
      batchMaxRequests = maxRequests;
      batchMaxBytes = maxBytes;
      return this;
    }

    /** {@code all}, {@code owner/repo} or a {@code .jsonl} path; default {@code all}. */
    public Builder datasetNames(List<String> value) {
      datasetNames = Objects.requireNonNull(value);
      return this;
    }

    public Builder datasetNames(String... value) {
      return datasetNames(List.of(value));
    }

    public Builder models(List<String> value) {
      models = Objects.requireNonNull(value);
      return this;
    }

    public Builder models(String... value) {
      return models(List.of(value));
    }

    /** Default {@code 0.2}. */
    public Builder runIds(List<String> value) {
      runIds = Objects.requireNonNull(value);
      return this;
    }

    public Builder runIds(String... value) {
      return runIds(List.of(value));
    }

    public Builder sampledIdsFile(Path value) {
      sampledIdsFile = value;
      return this;
    }

    public Builder maxWorkers(int value) {
      maxWorkers = value;
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = Objects.requireNonNull(value);
      return this;
    }

    public Builder maxRetries(int value) {
      maxRetries = value;
      return this;
    }

    public Builder modelsFile(Path value) {
      modelsFile = value;
      return this;
    }

    /**
     * Where {@code crawled_data/infbench} and {@code experiment_results} are; default from the
     * environment.
     */
    public Builder dataPaths(DataPaths value) {
      dataPaths = value;
      return this;
    }

    /** Default {@code experiment_results} under the data paths' root. */
    public Builder resultsDir(Path value) {
      resultsDir = value;
      return this;
    }

    /** Keys and base URL; default {@link ApiEnvironment#fromProcess()}. */
    public Builder environment(ApiEnvironment value) {
      environment = value;
      return this;
    }

    /** The first retry's back-off (doubling after) and the cap; default 1 s and 60 s. */
    public Builder backoff(Duration initial, Duration max) {
      initialBackoff = initial;
      maxBackoff = max;
      return this;
    }

    /** The longest {@code Retry-After} honoured; default 10 minutes. */
    public Builder maxRetryAfter(Duration value) {
      maxRetryAfter = value;
      return this;
    }

    /** The jitter's source; pass a seeded one for repeatable runs. */
    public Builder random(RandomGenerator value) {
      random = value;
      return this;
    }

    public Builder sleeper(Sleeper value) {
      sleeper = Objects.requireNonNull(value);
      return this;
    }

    /** The clock that {@code Retry-After} dates are read against. */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value);
      return this;
    }

    /** How often appended records are forced to disk; see {@link ResultFile}. */
    public Builder forceInterval(Duration value) {
      forceInterval = Objects.requireNonNull(value);
      return this;
    }

    public RunApiOptions build() {
      return new RunApiOptions(this);
    }
  }
}
