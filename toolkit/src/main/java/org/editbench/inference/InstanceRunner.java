package org.editbench.inference;

import java.util.function.UnaryOperator;

/**
 * Asks for one instance until there is a record to write: a completion; a prompt trimmed again
 * after each "context length exceeded" until nothing is left to drop; or a failure.
 */
final class InstanceRunner {
  private final ModelSpec model;
  private final ModelBackend backend;
  private final int maxRetries;
  private final UnaryOperator<String> redact;

  /**
   * @param backend already retrying, when it should
   * @param maxRetries for the failure text after the retries ran out
   * @param redact masks API keys in error texts from the server
   */
  InstanceRunner(
      ModelSpec model, ModelBackend backend, int maxRetries, UnaryOperator<String> redact) {
    this.model = model;
    this.backend = backend;
    this.maxRetries = maxRetries;
    this.redact = redact;
  }

  ResultRecord run(InferenceRequest request) {
    InferenceRequest current = request;
    while (true) {
      Outcome outcome = backend.attempt(current);
      ResultRecord record =
          settle(model, current.instanceId(), current.prompt(), outcome, maxRetries, redact);
      if (record != null) {
        return record;
      }
      current = current.withPrompt(PromptTrimmer.dropLastFile(current.prompt()));
    }
  }

  /**
   * The record an outcome comes to for a request with {@code prompt}, or null when the answer was
   * "context length exceeded" and the prompt still has a file to drop: ask again with it dropped. A
   * retryable outcome here is one whose retries ran out. Shared by direct and batch runs.
   */
  static ResultRecord settle(
      ModelSpec model,
      String id,
      String prompt,
      Outcome outcome,
      int maxRetries,
      UnaryOperator<String> redact) {
    if (outcome instanceof Outcome.Success success) {
      return ResultRecord.success(id, model, prompt, success.completion());
    } else if (outcome instanceof Outcome.ContextExceeded) {
      return PromptTrimmer.dropLastFile(prompt).equals(prompt)
          ? ResultRecord.contextExceeded(id, model, prompt)
          : null;
    } else if (outcome instanceof Outcome.Rejected rejected) {
      return ResultRecord.rejected(
          id, model, prompt, rejected.status(), redact.apply(rejected.message()));
    } else {
      Outcome.Retryable gaveUp = (Outcome.Retryable) outcome;
      return ResultRecord.gaveUp(id, model, prompt, maxRetries, redact.apply(gaveUp.reason()));
    }
  }
}
