package org.editbench.text;

import java.util.List;

/** The first few of many names, for a message: enough to find them, not a wall of text. */
public final class FirstFew {
  private FirstFew() {}

  /** Up to {@code max} of {@code names}, joined by commas, with ", …" when some are left out. */
  public static String of(List<String> names, int max) {
    return String.join(", ", names.subList(0, Math.min(max, names.size())))
        + (names.size() > max ? ", …" : "");
  }
}
