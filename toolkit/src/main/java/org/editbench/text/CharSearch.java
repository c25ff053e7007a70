package org.editbench.text;

/**
 * Searching text held in a reader's {@code char[]} buffer (a prompt decoded where it was read), as
 * {@link String#indexOf(String, int)} and {@link String#startsWith(String, int)} search a String,
 * without copying it into one.
 */
public final class CharSearch {
  private CharSearch() {}

  /** Where {@code word} first occurs whole in {@code text[from, end)}, or -1. */
  public static int indexOf(char[] text, int end, String word, int from) {
    char first = word.charAt(0);
    for (int i = Math.max(from, 0); i + word.length() <= end; i++) {
      if (text[i] == first && startsWith(text, end, word, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code text[at, end)} starts with {@code word}. */
  public static boolean startsWith(char[] text, int end, String word, int at) {
    if (at + word.length() > end) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (text[at + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
