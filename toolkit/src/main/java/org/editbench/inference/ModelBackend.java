package org.editbench.inference;

/** Something that answers inference requests: an HTTP API, the offline gold model, a decorator. */
@FunctionalInterface
public interface ModelBackend {
  /**
   * Answers one request. Failures are outcomes, not exceptions; only cancellation (thread
   * interrupted) is thrown, as a {@link java.util.concurrent.CancellationException}.
   */
  Outcome attempt(InferenceRequest request);
}
