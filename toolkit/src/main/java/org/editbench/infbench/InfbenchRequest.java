package org.editbench.infbench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.editbench.core.DatasetFile;
import org.editbench.core.SafePaths;

/**
 * What to build: a bench, its histories, and the variants with their output files.
 *
 * @param strict stop at the first invalid instance instead of reporting it and going on
 * @param override start every output empty instead of resuming it
 * @param contextSource the code context of the prompts: the oracle, or retrieval
 * @param threads worker threads deriving instances (the output does not depend on it)
 */
public record InfbenchRequest(
    Path bench,
    Path historiesDir,
    List<Target> targets,
    boolean strict,
    boolean override,
    CodeContextSource contextSource,
    int threads) {

  /** This request with another code context source. */
  public InfbenchRequest withContextSource(CodeContextSource source) {
    return new InfbenchRequest(bench, historiesDir, targets, strict, override, source, threads);
  }

  /** What a request uses unless told otherwise: one worker thread per processor. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** A request using {@link #defaultThreads()} worker threads. */
  public InfbenchRequest(
      Path bench,
      Path historiesDir,
      List<Target> targets,
      boolean strict,
      boolean override,
      CodeContextSource contextSource) {
    this(bench, historiesDir, targets, strict, override, contextSource, defaultThreads());
  }

  /** One variant and the file it is written to. */
  public record Target(RunId runId, Path output) {
    public Target {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(output, "output");
    }
  }

  public InfbenchRequest {
    Objects.requireNonNull(bench, "bench");
    Objects.requireNonNull(historiesDir, "historiesDir");
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no variant to build");
    }
    Map<Path, Target> byOutput = new HashMap<>();
    for (Target target : targets) {
      Target before = byOutput.putIfAbsent(target.output(), target);
      if (before != null) {
        throw new IllegalArgumentException(
            "run_ids "
                + before.runId()
                + " and "
                + target.runId()
                + " would both be written to "
                + target.output()
                + " (one run_id spelt twice?); give each once");
      }
    }
    for (Target target : targets) {
      SafePaths.requireNotAnInput(target.output(), List.of(bench));
    }
    Objects.requireNonNull(contextSource, "contextSource");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /**
   * The variants {@code runIds} of {@code bench} into {@code outDir} (see {@link #targetsIn}), each
   * output resumed, an invalid instance reported and skipped.
   */
  public static InfbenchRequest resuming(
      Path bench,
      Path historiesDir,
      Path outDir,
      List<RunId> runIds,
      CodeContextSource contextSource) {
    return new InfbenchRequest(
        bench, historiesDir, targetsIn(outDir, bench, runIds), false, false, contextSource);
  }

  /**
   * The variants {@code runIds} written as {@code {outDir}/{name}-task-instances_{run_id}.jsonl},
   * {@code name} taken from the bench file ({@code all-task-instances.jsonl} → {@code all}).
   */
  public static List<Target> targetsIn(Path outDir, Path bench, List<RunId> runIds) {
    String name = datasetName(bench);
    return runIds.stream()
        .map(r -> new Target(r, outDir.resolve(DatasetFile.of(name, r.text()).fileName())))
        .toList();
  }

  /**
   * The dataset name of a bench file: its file name without {@code .jsonl} and without a trailing
   * {@code -task-instances} ({@code django-django-task-instances.jsonl} → {@code django-django}).
   */
  public static String datasetName(Path bench) {
    String name = bench.getFileName().toString();
    return DatasetFile.parse(name)
        .filter(named -> named.runId() == null)
        .map(DatasetFile::dataset)
        .orElse(
            name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name);
  }
}
