package org.editbench.inference;

import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * API keys as they may be shown: first 3 and last 3 characters, never the whole key; and base URLs
 * without the credentials a proxy's URL may carry.
 */
public final class KeyMask {
  /** Shorter keys show nothing at all: 3 + 3 characters would be most of the key. */
  private static final int MIN_LENGTH_TO_SHOW_ENDS = 12;

  /** The user-info part of a URL, {@code scheme://user:password@}, the scheme maybe left out. */
  private static final Pattern USER_INFO =
      Pattern.compile("^((?:[A-Za-z][A-Za-z0-9+.-]*://)?)[^/?#@]*@");

  /** A query parameter whose name says it holds a secret: {@code ?api-key=…}, {@code &token=…}. */
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("([?&][^=&#]*(?i:key|token|secret|password)[^=&#]*=)[^&#]*");

  private KeyMask() {}

  /**
   * {@code url} as it may be shown: its user info and the values of query parameters named after a
   * key, token, secret or password replaced by {@code ***}.
   */
  public static String maskUrl(String url) {
    String masked = USER_INFO.matcher(url).replaceFirst("$1***@");
    return SECRET_PARAMETER.matcher(masked).replaceAll("$1***");
  }

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
