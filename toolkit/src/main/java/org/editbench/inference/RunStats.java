package org.editbench.inference;

import java.time.Duration;

/**
 * What one combination's run came to.
 *
 * @param succeeded records with a model answer written by this run
 * @param cutOff of those, answers that stopped at the output token limit (their patches may be
 *     incomplete)
 * @param failed failure records written by this run
 * @param cost USD spent by this run
 * @param retries retried attempts (rate limits, server errors, timeouts, …)
 */
public record RunStats(
    Combination combination,
    FilterStats filter,
    int succeeded,
    int cutOff,
    int failed,
    double cost,
    int retries,
    Duration elapsed) {
  /** Instances left out because their prompts exceed the model's limit even after trimming. */
  public int skipped() {
    return filter.skippedOverLimit().size();
  }
}
