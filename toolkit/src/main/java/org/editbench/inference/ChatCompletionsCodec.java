package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.editbench.core.Jsonl;

/**
 * {@code POST {base}/chat/completions}: a system and a user message; the answer in {@code
 * choices[0]}.
 */
final class ChatCompletionsCodec implements ApiCodec {
  @Override
  public String path() {
    return "/chat/completions";
  }

  @Override
  public ObjectNode encode(ModelSpec model, PromptParts prompt) {
    ObjectNode body = Jsonl.MAPPER.createObjectNode();
    body.put("model", model.name());
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", prompt.system());
    messages.addObject().put("role", "user").put("content", prompt.user());
    ApiCodec.putSampling(body, model);
    return body;
  }

  @Override
  public String outputText(JsonNode body) {
    JsonNode choices = body.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw new UnusableResponseException("the answer has no choices");
    }
    JsonNode message = choices.get(0).get("message");
    if (message == null || !message.isObject()) {
      throw new UnusableResponseException("choices[0] has no message");
    }
    JsonNode content = message.get("content");
    if (content != null && !content.isNull() && !content.isTextual()) {
      throw new UnusableResponseException("choices[0].message.content is not a string");
    }
    return content == null || content.isNull() ? null : content.textValue();
  }

  @Override
  public boolean cutOff(JsonNode body) {
    return "length".equals(body.path("choices").path(0).path("finish_reason").asText());
  }
}
