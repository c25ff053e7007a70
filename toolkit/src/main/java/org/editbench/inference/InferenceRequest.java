package org.editbench.inference;

import java.util.Objects;

/**
 * One instance asked of one model.
 *
 * @param prompt the prompt as it will be sent (possibly trimmed to fit the model)
 * @param groundTruth the expected patch; only the offline {@code gold} model reads it
 * @param lastHistoryStep the last step of the history shown, null for none; only the offline {@code
 *     last-step} baseline reads it
 * @param apiKey the key this request is sent with; null for none (offline models, local servers)
 */
public record InferenceRequest(
    String instanceId, String prompt, String groundTruth, String lastHistoryStep, String apiKey) {
  public InferenceRequest {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(prompt, "prompt");
  }

  /** Names the key by its mask and the texts by their length: a request may end up in a log. */
  @Override
  public String toString() {
    return "InferenceRequest[instanceId="
        + instanceId
        + ", prompt="
        + prompt.length()
        + " chars, apiKey="
        + (apiKey == null ? "none" : KeyMask.mask(apiKey))
        + "]";
  }

  /** The same request with another prompt (after the context was trimmed). */
  public InferenceRequest withPrompt(String trimmed) {
    return new InferenceRequest(instanceId, trimmed, groundTruth, lastHistoryStep, apiKey);
  }
}
