package org.editbench.inference;

import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.editbench.bench.BenchInstance;

/**
 * The reference's pre-run filter: skip instances the output file already has, fit each other prompt
 * to the model's token limit, leave out those that cannot be made to fit.
 */
final class Prefilter {
  /** How many already-done instance ids the statistics name as examples. */
  private static final int EXAMPLES = 5;

  private Prefilter() {}

  /** An instance that will be asked, with the prompt it will be asked with. */
  record Planned(BenchInstance instance, PromptFit fit) {}

  record Result(List<Planned> toRun, FilterStats stats) {}

  /**
   * Applies the filter for a run that appends to {@code out}: the instances it has finished are
   * skipped, the prompts' tokens counted with {@code model}'s encoding.
   */
  static Result forRun(List<BenchInstance> instances, ResultFile out, ModelSpec model) {
    TokenCounter tokens = TokenCounter.forEncoding(model.encoding());
    return apply(instances, out.finished(), out.retryRecordsRemoved(), model, tokens::count);
  }

  /**
   * Applies the filter. Token counting runs in parallel: on 100 KB prompts it is the slowest part
   * of starting a run.
   */
  static Result apply(
      List<BenchInstance> instances,
      Set<String> finished,
      int retryRecordsRemoved,
      ModelSpec model,
      ToIntFunction<String> countTokens) {
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
    List<PromptFit> fits =
        pending.parallelStream()
            .map(in -> PromptFit.fit(in.prompt(), model.contextLimit(), countTokens))
            .toList();

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
}
