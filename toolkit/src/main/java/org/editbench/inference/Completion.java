package org.editbench.inference;

import java.time.Duration;

/**
 * A model's answer to one request.
 *
 * @param text the answer; null when the API answered without text (a refusal or a tool call)
 * @param responseTime how long the successful call took, retries and back-off excluded
 */
public record Completion(String text, UsageCost usage, Duration responseTime) {}
