package org.editbench.kernel;

import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;

/**
 * An {@code execute_reply} with its {@code payload}: jjava's reply has none, and the pager ({@code
 * %doc}) is a payload of the reply, {@code {"source": "page", "data": {...}, "start": 0}}.
 */
final class ExecuteReplyWithPayload extends ExecuteReply {
  @SuppressWarnings("unused") // read by Gson when the reply is sent
  private final List<Map<String, Object>> payload;

  ExecuteReplyWithPayload(int executionCount, List<Map<String, Object>> payload) {
    super(executionCount, Map.of());
    this.payload = List.copyOf(payload);
  }

  static Map<String, Object> page(Map<String, Object> data) {
    return Map.of("source", "page", "data", data, "start", 0);
  }
}
