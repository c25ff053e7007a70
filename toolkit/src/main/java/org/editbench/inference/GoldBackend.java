package org.editbench.inference;

import java.time.Duration;

/**
 * The {@code gold} model: answers every instance with its ground truth inside {@code <patch>…</patch>},
 * offline and free, so that the whole pipeline — and the evaluation's upper bound — runs without an API.
 */
public final class GoldBackend implements ModelBackend {
  @Override
  public Outcome attempt(InferenceRequest request) {
    String truth = request.groundTruth() == null ? "" : request.groundTruth();
    return new Outcome.Success(new Completion("<patch>" + truth + "</patch>", UsageCost.FREE, Duration.ZERO));
  }
}
