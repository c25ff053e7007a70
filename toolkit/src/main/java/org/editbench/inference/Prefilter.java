package org.editbench.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.editbench.bench.BenchInstance;
import org.editbench.core.Reporter;
import org.editbench.text.FirstFew;

/**
 * The reference's pre-run filter: skip instances the output file already has, fit each other prompt
 * to the model's token limit, leave out those that cannot be made to fit.
 */
final class Prefilter {
  /** How many already-done instance ids the statistics name as examples. */
  private static final int EXAMPLES = 5;

  private Prefilter() {}

  /** How often {@link CountingProgress} is told how far the counting is. */
  static final Duration COUNTING_REPORTED_EVERY = Duration.ofSeconds(1);

  /**
   * Told on the filtering thread, once per {@link #COUNTING_REPORTED_EVERY} while the counting
   * lasts (not at all when it is quicker), how many of the prompts have been counted: thousands of
   * 100 KB prompts take seconds, which should not pass in silence.
   */
  @FunctionalInterface
  interface CountingProgress {
    void counted(int counted, int total);
  }

  /** An instance that will be asked, with the prompt it will be asked with. */
  record Planned(BenchInstance instance, PromptFit fit) {}

  record Result(List<Planned> toRun, FilterStats stats) {}

  /**
   * Applies the filter for a combination whose run appends to {@code out}: the instances it has
   * finished are skipped, the prompts' tokens counted with its model's encoding while {@code
   * observer} is told how far the counting is. Finished instances whose record was asked with
   * another prompt than theirs now are warned of ({@link #warnOfOtherPrompts}).
   */
  static Result forRun(
      List<BenchInstance> instances,
      ResultFile out,
      Combination combination,
      RunObserver observer,
      Reporter reporter) {
    warnOfOtherPrompts(instances, out, combination, reporter);
    ModelSpec model = combination.model();
    TokenCounter tokens = TokenCounter.forEncoding(model.encoding());
    return apply(
        instances,
        out.finished(),
        out.retryRecordsRemoved(),
        model,
        tokens::count,
        COUNTING_REPORTED_EVERY,
        (counted, total) -> observer.counting(combination, counted, total));
  }

  /**
   * Warns of the finished instances whose record was asked with a prompt that differs from their
   * prompt in the input now ({@link ResultFile#askedWithOtherPrompts}): the infbench file was
   * rebuilt after they were asked, say from another bench or split, or the output was made from
   * another one. Their answers are kept, as every paid answer is, and this run does not ask them
   * again; scoring leaves them out, so the warning says how to ask them anew. The check only
   * advises: a record it cannot read ends it with a warning and the run goes on, but an
   * interruption stops the run.
   */
  private static void warnOfOtherPrompts(
      List<BenchInstance> instances, ResultFile out, Combination combination, Reporter reporter) {
    Map<String, String> prompts = new LinkedHashMap<>();
    for (BenchInstance in : instances) {
      if (out.finished().contains(in.instanceId()) && in.prompt() != null) {
        prompts.putIfAbsent(in.instanceId(), in.prompt());
      }
    }
    ResultFile.PromptCheck check;
    try {
      check = out.askedWithOtherPrompts(prompts);
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("run-api was interrupted while reading " + out.path());
      }
      reporter.warn(
          out.path()
              + ": could not compare the prompts its finished records were asked with to the"
              + " input's ("
              + e.getMessage()
              + "); the run goes on");
      return;
    }
    List<String> other = check.otherPrompts();
    if (other.isEmpty()) {
      return;
    }
    String asked =
        " asked with prompts other than theirs in "
            + combination.input()
            + " now (they differ outside the code block, which is only shortened to fit a model).";
    String kept = " Their answers are kept and not asked again, and score leaves them out; ";
    if (other.size() == check.finished()) {
      reporter.warn(
          out.path()
              + ": all "
              + other.size()
              + " finished instance(s) were"
              + asked
              + " It was made from another infbench file, or that file was rebuilt since."
              + kept
              + "to ask them anew, move "
              + out.path()
              + " aside (or pass another --results-dir) and run again.");
    } else {
      reporter.warn(
          out.path()
              + ": "
              + other.size()
              + " of "
              + check.finished()
              + " finished instance(s) were"
              + asked
              + " Was the infbench file rebuilt after they were asked?"
              + kept
              + "to ask them anew, remove their records from "
              + out.path()
              + " and run again: "
              + FirstFew.of(other, 50));
    }
  }

  /**
   * Applies the filter. Token counting runs on every core: on 100 KB prompts it is the slowest part
   * of starting a run.
   */
  static Result apply(
      List<BenchInstance> instances,
      Set<String> finished,
      int retryRecordsRemoved,
      ModelSpec model,
      ToIntFunction<String> countTokens,
      Duration reportEvery,
      CountingProgress progress) {
    List<String> doneExamples = new ArrayList<>();
    List<BenchInstance> pending = new ArrayList<>();
    int alreadyDone = 0;
    for (BenchInstance instance : instances) {
      if (finished.contains(instance.instanceId())) {
        alreadyDone++;
        if (doneExamples.size() < EXAMPLES) {
          doneExamples.add(instance.instanceId());
        }
      } else {
        pending.add(instance);
      }
    }
    List<PromptFit> fits = fitAll(pending, model, countTokens, reportEvery, progress);

    List<Planned> toRun = new ArrayList<>();
    List<FilterStats.SkippedInstance> skipped = new ArrayList<>();
    IntSummaryStatistics tokens = new IntSummaryStatistics();
    int overLimit = 0;
    int trimmedToFit = 0;
    int filesRemoved = 0;
    for (int i = 0; i < pending.size(); i++) {
      PromptFit fit = fits.get(i);
      tokens.accept(fit.originalTokens());
      if (fit.wasOverLimit()) {
        overLimit++;
      }
      if (!fit.fits()) {
        skipped.add(
            new FilterStats.SkippedInstance(
                pending.get(i).instanceId(),
                "token length exceeds limit ("
                    + fit.tokens()
                    + " > "
                    + fit.limit()
                    + "), removed "
                    + fit.filesRemoved()
                    + " files still cannot satisfy"));
        continue;
      }
      if (fit.filesRemoved() > 0) {
        trimmedToFit++;
        filesRemoved += fit.filesRemoved();
      }
      toRun.add(new Planned(pending.get(i), fit));
    }
    boolean any = tokens.getCount() > 0;
    FilterStats stats =
        new FilterStats(
            instances.size(),
            alreadyDone,
            doneExamples,
            retryRecordsRemoved,
            toRun.size(),
            overLimit,
            trimmedToFit,
            filesRemoved,
            skipped,
            any ? tokens.getMin() : 0,
            any ? tokens.getAverage() : 0,
            any ? tokens.getMax() : 0,
            model.contextLimit());
    return new Result(toRun, stats);
  }

  /**
   * Each pending prompt fitted to the model's limit, in order, on as many threads as there are
   * cores, while this thread tells {@code progress} how far they are.
   */
  private static List<PromptFit> fitAll(
      List<BenchInstance> pending,
      ModelSpec model,
      ToIntFunction<String> countTokens,
      Duration reportEvery,
      CountingProgress progress) {
    if (pending.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(pending.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "run-api-token-counter");
              thread.setDaemon(true);
              return thread;
            });
    try {
      ExecutorCompletionService<PromptFit> counting = new ExecutorCompletionService<>(pool);
      List<Future<PromptFit>> fits = new ArrayList<>(pending.size());
      for (BenchInstance instance : pending) {
        fits.add(
            counting.submit(
                () -> PromptFit.fit(instance.prompt(), model.contextLimit(), countTokens)));
      }
      int counted = 0;
      long nextReport = System.nanoTime() + reportEvery.toNanos();
      while (counted < pending.size()) {
        long wait = nextReport - System.nanoTime();
        Future<PromptFit> done = counting.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
        if (done != null) {
          done.get(); // a counter's failure ends the filter at once
          counted++;
        } else {
          progress.counted(counted, pending.size());
          nextReport = System.nanoTime() + reportEvery.toNanos();
        }
      }
      List<PromptFit> results = new ArrayList<>(pending.size());
      for (Future<PromptFit> fit : fits) {
        results.add(fit.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("run-api was interrupted while counting prompt tokens");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
