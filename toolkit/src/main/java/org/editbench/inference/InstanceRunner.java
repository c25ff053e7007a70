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
  InstanceRunner(ModelSpec model, ModelBackend backend, int maxRetries, UnaryOperator<String> redact) {
    this.model = model;
    this.backend = backend;
    this.maxRetries = maxRetries;
    this.redact = redact;
  }

  ResultRecord run(InferenceRequest request) {
    InferenceRequest current = request;
    while (true) {
      Outcome outcome = backend.attempt(current);
      String id = current.instanceId();
      String prompt = current.prompt();
      if (outcome instanceof Outcome.Success success) {
        return ResultRecord.success(id, model, prompt, success.completion());
      } else if (outcome instanceof Outcome.ContextExceeded) {
        String shorter = PromptTrimmer.dropLastFile(prompt);
        if (shorter.equals(prompt)) {
          return ResultRecord.contextExceeded(id, model, prompt);
        }
        current = current.withPrompt(shorter);
      } else if (outcome instanceof Outcome.Rejected rejected) {
        return ResultRecord.rejected(id, model, prompt, rejected.status(), redact.apply(rejected.message()));
      } else {
        Outcome.Retryable gaveUp = (Outcome.Retryable) outcome;
        return ResultRecord.gaveUp(id, model, prompt, maxRetries, redact.apply(gaveUp.reason()));
      }
    }
  }
}
