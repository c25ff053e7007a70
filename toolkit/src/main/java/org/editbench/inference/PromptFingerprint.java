package org.editbench.inference;

import org.editbench.text.CharSearch;
import org.editbench.text.TextHash;

/**
 * What tells a prediction made from another prompt-builder run's prompt from one made from the
 * infbench record it is scored against: a 64-bit hash of the prompt outside its code block.
 *
 * <p>run-api may send a prompt shortened to fit the model ({@link PromptTrimmer}): that changes
 * only the text between the first {@code <code>} and the first {@code </code>} after it, and it
 * keeps both tags where they were, so shortening it again changes nothing outside either. The rest
 * — the task, the PR or issue text, the history steps — is what a rebuilt infbench file changes
 * when its bench or its split changed. A prompt without such a block is hashed whole.
 */
public final class PromptFingerprint {
  /**
   * No prompt: a record without one, or with an empty one (a tool that blanks prompts to keep its
   * files small, an infbench record with neither history nor PR text). Nothing to compare.
   */
  public static final long NONE = 0;

  private static final String CODE_START = "<code>";
  private static final String CODE_END = "</code>";

  private PromptFingerprint() {}

  public static long of(String prompt) {
    return of(prompt.toCharArray(), 0, prompt.length());
  }

  /** The fingerprint of the text {@code text[from, to)}; {@link #NONE} only when it is empty. */
  public static long of(char[] text, int from, int to) {
    if (from == to) {
      return NONE;
    }
    int open = CharSearch.indexOf(text, to, CODE_START, from);
    int close = open < 0 ? -1 : CharSearch.indexOf(text, to, CODE_END, open + CODE_START.length());
    long hash;
    if (close < 0) {
      hash = TextHash.of(text, from, to);
    } else {
      long before = TextHash.of(text, from, open + CODE_START.length());
      hash = before * 0x9e3779b97f4a7c15L + TextHash.of(text, close, to);
    }
    return hash == NONE ? 1 : hash;
  }

  /**
   * Whether a record asked with the prompt of fingerprint {@code asked} was asked with another
   * prompt than the one of fingerprint {@code now}: only when both are known.
   */
  public static boolean differ(long asked, long now) {
    return asked != NONE && now != NONE && asked != now;
  }
}
