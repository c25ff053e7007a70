package org.editbench.inference;

import java.time.Duration;

/**
 * A model's answer to one request.
 *
 * @param text the answer; null when the API answered without text (a refusal or a tool call)
 * @param responseTime how long the successful call took, retries and back-off excluded
 * @param cutOff whether the answer stopped at the output token limit rather than where the model
 *     ended it (its patch may be incomplete)
 */
public record Completion(String text, UsageCost usage, Duration responseTime, boolean cutOff) {
  /** An answer the model ended itself. */
  public Completion(String text, UsageCost usage, Duration responseTime) {
    this(text, usage, responseTime, false);
  }
}
