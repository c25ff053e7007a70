package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API style's request body and answer shape. */
interface ApiCodec {
  /** The endpoint under the base URL, e.g. {@code /chat/completions}. */
  String path();

  /** The request body for {@code prompt}. */
  ObjectNode encode(ModelSpec model, PromptParts prompt);

  /**
   * The answer's text from a successful response body (null when the API answered without text), or
   * an {@link UnusableResponseException} when the body holds no answer at all.
   */
  String outputText(JsonNode body);

  /**
   * Whether the answer in a successful response body stopped at the output token limit (a model's
   * own or the request's), not where the model ended it: its patch may be incomplete.
   */
  boolean cutOff(JsonNode body);

  static ApiCodec forStyle(ApiStyle style) {
    return switch (style) {
      case CHAT -> new ChatCompletionsCodec();
      case RESPONSES -> new ResponsesCodec();
      case ANTHROPIC -> new AnthropicMessagesCodec();
      case GOLD, LAST_STEP ->
          throw new IllegalArgumentException(
              style.jsonName() + " models are answered offline, not over an API");
    };
  }

  /**
   * {@code temperature} and {@code top_p} as the model table gives them, each only when the table
   * says the model accepts it ({@code sampling_params}) and, for top_p, gives a value.
   */
  static void putSampling(ObjectNode body, ModelSpec model) {
    if (model.accepts(SamplingParameter.TEMPERATURE)) {
      putNumber(body, SamplingParameter.TEMPERATURE.jsonName(), model.temperature());
    }
    if (model.accepts(SamplingParameter.TOP_P) && model.topP() != null) {
      putNumber(body, SamplingParameter.TOP_P.jsonName(), model.topP());
    }
  }

  private static void putNumber(ObjectNode body, String field, Number value) {
    if (value instanceof Integer i) {
      body.put(field, i);
    } else {
      body.put(field, value.doubleValue());
    }
  }

  /** A 2xx body without an answer: retried like any other garbled response. */
  final class UnusableResponseException extends RuntimeException {
    UnusableResponseException(String message) {
      super(message);
    }
  }
}
