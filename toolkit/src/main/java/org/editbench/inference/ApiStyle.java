package org.editbench.inference;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** How a model is asked: which endpoint and body shape, or no network at all. */
public enum ApiStyle {
  /** {@code POST {base}/chat/completions} with a system and a user message. */
  CHAT("chat"),
  /** {@code POST {base}/responses} with {@code instructions} and {@code input}. */
  RESPONSES("responses"),
  /**
   * Anthropic's Messages API: {@code POST {anthropic base}/v1/messages} with {@code system} and a
   * user message.
   */
  ANTHROPIC("anthropic"),
  /** Offline: answers with the instance's ground truth (the {@code gold} model). */
  GOLD("gold"),
  /**
   * Offline: answers with the last step of the history the prompt shows (the {@code last-step}
   * baseline, a model that repeats the latest edit), or with no patch when none is shown.
   */
  LAST_STEP("last-step");

  private final String jsonName;

  ApiStyle(String jsonName) {
    this.jsonName = jsonName;
  }

  /** Who serves models of this style; null for the offline models. */
  public Provider provider() {
    return switch (this) {
      case CHAT, RESPONSES -> Provider.OPENAI;
      case ANTHROPIC -> Provider.ANTHROPIC;
      case GOLD, LAST_STEP -> null;
    };
  }

  /**
   * The sampling parameters a model of this style takes when its table entry does not say: both for
   * OpenAI-style APIs, {@code temperature} alone for Anthropic's (whose current models refuse
   * {@code top_p} next to it), none for offline models, which send nothing.
   */
  public Set<SamplingParameter> defaultSampling() {
    return switch (this) {
      case CHAT, RESPONSES -> EnumSet.allOf(SamplingParameter.class);
      case ANTHROPIC -> EnumSet.of(SamplingParameter.TEMPERATURE);
      case GOLD, LAST_STEP -> EnumSet.noneOf(SamplingParameter.class);
    };
  }

  /** Answered here, without network, key or cost. */
  public boolean offline() {
    return provider() == null;
  }

  /** The spelling in the model table. */
  public String jsonName() {
    return jsonName;
  }

  /** The style spelled {@code name} in a model table, or an error listing the spellings. */
  public static ApiStyle fromJsonName(String name) {
    for (ApiStyle style : values()) {
      if (style.jsonName.equals(name)) {
        return style;
      }
    }
    throw new IllegalArgumentException(
        "unknown api style '"
            + name
            + "' (use one of "
            + Arrays.stream(values()).map(ApiStyle::jsonName).collect(Collectors.joining(", "))
            + ")");
  }
}
