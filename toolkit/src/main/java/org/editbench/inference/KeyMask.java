package org.editbench.inference;

import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/** API keys as they may be shown: first 3 and last 3 characters, never the whole key. */
public final class KeyMask {
  /** Shorter keys show nothing at all: 3 + 3 characters would be most of the key. */
  private static final int MIN_LENGTH_TO_SHOW_ENDS = 12;

  private KeyMask() {}

  /** {@code sk-abcdef…xyz} → {@code sk-***xyz}. */
  public static String mask(String key) {
    if (key.length() < MIN_LENGTH_TO_SHOW_ENDS) {
      return "***";
    }
    return key.substring(0, 3) + "***" + key.substring(key.length() - 3);
  }

  /**
   * Replaces every whole key in a text (an API's error message may quote the key it refused) by its
   * mask; longest keys first, so that a key containing another is masked whole.
   */
  public static UnaryOperator<String> redactor(List<String> keys) {
    List<String> longestFirst =
        keys.stream()
            .filter(k -> !k.isEmpty())
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    return text -> {
      if (text == null) {
        return null;
      }
      String redacted = text;
      for (String key : longestFirst) {
        redacted = redacted.replace(key, mask(key));
      }
      return redacted;
    };
  }
}
