package org.editbench.text;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The known names a mistyped one most likely meant, for "did you mean" in error messages. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The names of {@code known} closest to {@code typed} — by edit distance, ignoring case — when
   * they are close enough to be a slip (at most 2 edits, and at most a third of the typed name);
   * empty otherwise. In {@code known}'s order.
   */
  public static List<String> closest(String typed, Collection<String> known) {
    String wanted = typed.toLowerCase(Locale.ROOT);
    int limit = Math.min(2, Math.max(1, wanted.length() / 3));
    int best = limit + 1;
    for (String name : known) {
      best = Math.min(best, Levenshtein.distance(wanted, name.toLowerCase(Locale.ROOT)));
    }
    int closest = best;
    return closest > limit
        ? List.of()
        : known.stream()
            .filter(n -> Levenshtein.distance(wanted, n.toLowerCase(Locale.ROOT)) == closest)
            .toList();
  }

  /** {@code " (did you mean a or b?)"} for {@link #closest}, or the empty string. */
  public static String didYouMean(String typed, Collection<String> known) {
    List<String> names = closest(typed, known);
    return names.isEmpty() ? "" : " (did you mean " + String.join(" or ", names) + "?)";
  }
}
