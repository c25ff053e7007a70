package org.editbench.results;

/**
 * What tells a prediction made from another prompt-builder run's prompt from one made from the
 * infbench record it is scored against: a 64-bit hash of the prompt outside its code block.
 *
 * <p>run-api may send a prompt shortened to fit the model ({@link
 * org.editbench.inference.PromptTrimmer}): that changes only the text between the first {@code
 * <code>} and the first {@code </code>} after it, and it keeps both tags where they were, so
 * shortening it again changes nothing outside either. The rest — the task, the PR or issue text,
 * the history steps — is what a rebuilt infbench file changes when its bench or its split changed.
 * A prompt without such a block is hashed whole.
 */
final class PromptFingerprint {
  /** A record without a prompt: nothing to compare, as with predictions of tools that omit it. */
  static final long NONE = 0;

  private static final String CODE_START = "<code>";
  private static final String CODE_END = "</code>";

  private PromptFingerprint() {}

  static long of(String prompt) {
    return of(prompt.toCharArray(), prompt.length());
  }

  /** The fingerprint of the text {@code text[0, length)}; never {@link #NONE}. */
  static long of(char[] text, int length) {
    int open = ContextFiles.indexOf(text, length, CODE_START, 0);
    int close =
        open < 0 ? -1 : ContextFiles.indexOf(text, length, CODE_END, open + CODE_START.length());
    long hash;
    if (close < 0) {
      hash = PromptTokens.hash(text, 0, length);
    } else {
      long before = PromptTokens.hash(text, 0, open + CODE_START.length());
      hash = before * 0x9e3779b97f4a7c15L + PromptTokens.hash(text, close, length);
    }
    return hash == NONE ? 1 : hash;
  }
}
