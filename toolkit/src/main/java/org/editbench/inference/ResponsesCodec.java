package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.editbench.core.Jsonl;

/**
 * {@code POST {base}/responses}: {@code instructions} and {@code input}, nothing stored
 * server-side; the answer is the text of the {@code output_text} parts, as the SDKs' {@code
 * output_text} joins them.
 */
final class ResponsesCodec implements ApiCodec {
  private static final Set<String> UNFINISHED =
      Set.of("queued", "in_progress", "failed", "cancelled");

  @Override
  public String path() {
    return "/responses";
  }

  @Override
  public ObjectNode encode(ModelSpec model, PromptParts prompt) {
    ObjectNode body = Jsonl.MAPPER.createObjectNode();
    body.put("model", model.name());
    body.put("instructions", prompt.system());
    body.put("input", prompt.user());
    body.put("store", false);
    ApiCodec.putSampling(body, model);
    return body;
  }

  @Override
  public String outputText(JsonNode body) {
    // An answer still under way (a proxy answering early, a background response) or one that
    // failed has no text yet: asked again rather than recorded as an empty answer for good.
    String status = body.path("status").asText("");
    if (UNFINISHED.contains(status)) {
      throw new UnusableResponseException("the answer is not finished (status \"" + status + "\")");
    }
    JsonNode joined = body.get("output_text");
    if (joined != null && joined.isTextual()) {
      return joined.textValue();
    }
    JsonNode output = body.get("output");
    if (output == null || !output.isArray() || output.isEmpty() && !status.equals("incomplete")) {
      throw new UnusableResponseException("the answer has no output");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode item : output) {
      for (JsonNode part : item.path("content")) {
        if ("output_text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
          text.append(part.get("text").textValue());
        }
      }
    }
    return text.toString();
  }

  @Override
  public boolean cutOff(JsonNode body) {
    return "incomplete".equals(body.path("status").asText())
        && "max_output_tokens".equals(body.path("incomplete_details").path("reason").asText());
  }
}
