package org.editbench.inference;

import java.time.Duration;

/**
 * The offline models, free and without network, so that the whole pipeline runs without an API:
 * {@code gold} answers every instance with its ground truth (the evaluation's upper bound), the
 * {@code last-step} baseline with the last history step shown in its prompt (a model that repeats
 * the latest edit), each inside {@code <patch>…</patch>}.
 */
public final class OfflineBackend implements ModelBackend {
  private final ApiStyle style;

  public OfflineBackend(ApiStyle style) {
    if (!style.offline()) {
      throw new IllegalArgumentException(style.jsonName() + " is not an offline model");
    }
    this.style = style;
  }

  @Override
  public Outcome attempt(InferenceRequest request) {
    String patch = style == ApiStyle.GOLD ? request.groundTruth() : request.lastHistoryStep();
    return new Outcome.Success(
        new Completion(
            "<patch>" + (patch == null ? "" : patch) + "</patch>", UsageCost.FREE, Duration.ZERO));
  }
}
