package org.editbench.results;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.editbench.inference.TokenCounter;

/**
 * Prompt token counts in one encoding, exact, with each distinct piece of text counted once.
 *
 * <p>Counting tokens (byte-pair merging) costs about a hundred times more than reading the text,
 * and a study's prompts repeat most of their text: every model is sent the same prompts, and the
 * variants of an instance show mostly the same code and history lines, under other line numbers.
 * In the {@code cl100k_base} and {@code o200k_base} encodings no piece of the split pattern runs
 * across a line end that a printable ASCII character follows (whitespace runs stop at it, and
 * punctuation pieces take line ends only at their end), and digits only ever form pieces of their
 * own ({@code \p{N}{1,3}}). A prompt's count is therefore the sum of the counts of its lines, with
 * a line's leading digits (the code context's line numbers) a part of their own: the same line text
 * is counted once however it is numbered and wherever it appears. {@code PromptTokensTest} checks
 * the sum against whole-text counts on real prompts.
 * Parts are recognised by a 64-bit hash of their characters. Thread-safe.
 */
final class PromptTokens {
  private static final Set<String> LINE_ADDITIVE = Set.of("cl100k_base", "o200k_base");

  private final TokenCounter counter;
  private final boolean byParts;
  private final Map<Long, Integer> counted = new ConcurrentHashMap<>();

  PromptTokens(String encoding) {
    counter = TokenCounter.forEncoding(encoding);
    byParts = LINE_ADDITIVE.contains(encoding);
  }

  int count(String prompt) {
    if (!byParts) {
      return counter.count(prompt);
    }
    int total = 0;
    int partStart = 0;
    int length = prompt.length();
    for (int i = 0; i + 1 < length; i++) {
      if (prompt.charAt(i) == '\n' && isPrintableAscii(prompt.charAt(i + 1))) {
        total += part(prompt, partStart, i + 1);
        partStart = i + 1;
        int digitsEnd = partStart;
        while (digitsEnd < length && isDigit(prompt.charAt(digitsEnd))) {
          digitsEnd++;
        }
        if (digitsEnd > partStart) {
          total += part(prompt, partStart, digitsEnd);
          partStart = digitsEnd;
        }
        i = Math.max(i, digitsEnd - 1);
      }
    }
    return total + part(prompt, partStart, length);
  }

  private int part(String text, int from, int to) {
    if (from == to) {
      return 0;
    }
    Long key = hash(text, from, to);
    Integer known = counted.get(key);
    if (known != null) {
      return known;
    }
    int tokens = counter.count(text.substring(from, to));
    counted.put(key, tokens);
    return tokens;
  }

  private static boolean isPrintableAscii(char c) {
    return c > ' ' && c < 0x7f;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** FNV-1a over the characters, then MurmurHash3's finaliser over it and the length. */
  private static long hash(String text, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
    }
    h ^= (long) (to - from) << 32;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
