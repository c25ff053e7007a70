package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;

/** Tokens a call used, as the API reported them, and what they cost in USD. */
public record UsageCost(long inputTokens, long outputTokens, double usd) {
  public static final UsageCost FREE = new UsageCost(0, 0, 0.0);

  /**
   * Reads a {@code usage} object of either API ({@code prompt_tokens}/{@code completion_tokens} or
   * {@code input_tokens}/{@code output_tokens}) and prices it; no usage counts as zero tokens, and
   * so does a count that is not a number of 0 or more (a negative one would subtract from the run's
   * total cost).
   */
  public static UsageCost from(JsonNode usage, ModelSpec model) {
    long input = firstCount(usage, "prompt_tokens", "input_tokens");
    long output = firstCount(usage, "completion_tokens", "output_tokens");
    return new UsageCost(input, output, model.cost(input, output));
  }

  /** The same tokens at the price of the model's batch API ({@link ModelSpec#batchDiscount()}). */
  public UsageCost atBatchPrice(ModelSpec model) {
    return new UsageCost(inputTokens, outputTokens, usd * model.batchDiscount());
  }

  private static long firstCount(JsonNode usage, String chatName, String responsesName) {
    if (usage == null || !usage.isObject()) {
      return 0;
    }
    JsonNode v = usage.hasNonNull(chatName) ? usage.get(chatName) : usage.get(responsesName);
    return v != null && v.isNumber() && v.canConvertToLong() && v.longValue() >= 0
        ? v.longValue()
        : 0;
  }
}
