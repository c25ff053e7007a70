package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.editbench.core.Jsonl;

/**
 * Anthropic's Messages API, {@code POST {base}/v1/messages}: the prompt's first line as {@code
 * system}, the rest as one user message, {@code max_tokens} (which the API requires) from the model
 * table; the answer is the text of the {@code text} blocks of {@code content}.
 */
final class AnthropicMessagesCodec implements ApiCodec {
  @Override
  public String path() {
    return "/v1/messages";
  }

  @Override
  public ObjectNode encode(ModelSpec model, PromptParts prompt) {
    ObjectNode body = Jsonl.MAPPER.createObjectNode();
    body.put("model", model.name());
    body.put("max_tokens", model.maxOutputTokens());
    body.put("system", prompt.system());
    body.putArray("messages").addObject().put("role", "user").put("content", prompt.user());
    ApiCodec.putSampling(body, model);
    return body;
  }

  @Override
  public String outputText(JsonNode body) {
    JsonNode content = body.get("content");
    if (content == null || !content.isArray()) {
      throw new UnusableResponseException("the answer has no content");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
        text.append(block.get("text").textValue());
      }
    }
    return text.toString();
  }

  @Override
  public boolean cutOff(JsonNode body) {
    return "max_tokens".equals(body.path("stop_reason").asText());
  }
}
