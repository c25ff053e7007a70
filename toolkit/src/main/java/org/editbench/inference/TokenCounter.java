package org.editbench.inference;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts prompt tokens with a tiktoken encoding (jtokkit): exact for OpenAI models, the reference's
 * approximation for the others. Thread-safe.
 */
public final class TokenCounter {
  /** Lazy: an encoding's tables are loaded the first time a model needs them. */
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /** The counter for an encoding name such as {@code cl100k_base} or {@code o200k_base}. */
  public static TokenCounter forEncoding(String name) {
    EncodingType type =
        EncodingType.fromName(name)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown token encoding '" + name + "'"));
    return new TokenCounter(REGISTRY.getEncoding(type));
  }

  /**
   * Tokens in {@code text}; special-token spellings such as {@code <|endoftext|>} count as plain
   * text (a prompt that quotes one must not stop the run).
   */
  public int count(String text) {
    return encoding.countTokensOrdinary(text);
  }
}
