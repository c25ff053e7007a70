package org.editbench.inference;

import java.util.function.ToIntFunction;

/**
 * A prompt made to fit a model's context limit by the reference's rules: while over the limit, drop
 * the last file of its {@code <code>} block (or halve a single long file), at most {@value
 * #MAX_REMOVALS} times.
 *
 * @param prompt the prompt to send (the original when it fitted)
 * @param originalTokens tokens of the original prompt
 * @param tokens tokens of {@code prompt}
 * @param filesRemoved how many times a file was dropped or halved
 */
public record PromptFit(
    String prompt, int originalTokens, int tokens, int filesRemoved, int limit) {
  static final int MAX_REMOVALS = 20;

  public boolean fits() {
    return tokens <= limit;
  }

  public boolean wasOverLimit() {
    return originalTokens > limit;
  }

  /** Fits {@code prompt} into {@code limit} tokens as counted by {@code countTokens}. */
  public static PromptFit fit(String prompt, int limit, ToIntFunction<String> countTokens) {
    int original = countTokens.applyAsInt(prompt);
    String current = prompt;
    int tokens = original;
    int removed = 0;
    while (tokens > limit && removed < MAX_REMOVALS) {
      String shorter = PromptTrimmer.dropLastFile(current);
      if (shorter.equals(current)) {
        break;
      }
      current = shorter;
      tokens = countTokens.applyAsInt(current);
      removed++;
    }
    return new PromptFit(current, original, tokens, removed, limit);
  }
}
