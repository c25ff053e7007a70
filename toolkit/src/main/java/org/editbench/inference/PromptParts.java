package org.editbench.inference;

/**
 * A prompt as the APIs take it: its first line is the system message (chat) or the {@code
 * instructions} (responses), the rest the user message or {@code input}.
 */
public record PromptParts(String system, String user) {
  /** Splits at the first line feed; a prompt without one is all system message. */
  public static PromptParts split(String prompt) {
    int newline = prompt.indexOf('\n');
    return newline < 0
        ? new PromptParts(prompt, "")
        : new PromptParts(prompt.substring(0, newline), prompt.substring(newline + 1));
  }
}
