package org.editbench.results;

import java.util.Arrays;
import java.util.Set;
import org.editbench.inference.TokenCounter;
import org.editbench.text.LongIntCache;
import org.editbench.text.TextHash;

/**
 * Prompt token counts in one encoding, exact, with each distinct piece of text counted once.
 *
 * <p>Counting tokens (byte-pair merging) costs about a hundred times more than reading the text,
 * and a study's prompts repeat most of their text: every model is sent the same prompts, and the
 * variants of an instance show mostly the same code and history lines, under other line numbers. In
 * the {@code cl100k_base} and {@code o200k_base} encodings no piece of the split pattern runs
 * across a line end that a printable ASCII character follows (whitespace runs stop at it, and
 * punctuation pieces take line ends only at their end), and digits only ever form pieces of their
 * own ({@code \p{N}{1,3}}). A prompt's count is therefore the sum of the counts of its lines, with
 * a line's leading digits (the code context's line numbers) a part of their own: the same line text
 * is counted once however it is numbered and wherever it appears. {@code PromptTokensTest} checks
 * the sum against whole-text counts on real prompts. Parts are recognised by a 64-bit hash of their
 * characters, and a whole prompt (sent again to each model of a study) by a hash of its parts'
 * hashes. In between, runs of parts are counted as chunks whose ends the parts' contents choose
 * (after a part whose hash ends in four zero bits): the variants of an instance share long runs of
 * lines, and a run that an edit elsewhere shifts still ends where it did, so most of a prompt is
 * looked up in a sixteenth of the lookups (each a cache miss, a twentieth of a first score's time
 * with one lookup a line). Thread-safe.
 */
final class PromptTokens {
  private static final Set<String> LINE_ADDITIVE = Set.of("cl100k_base", "o200k_base");

  /** A chunk ends after a part whose hash has none of these bits: 16 parts on average. */
  private static final long CHUNK_END_BITS = 0xf;

  /** Mixed into chunks' keys, so that a chunk of one part does not share its part's key. */
  private static final long CHUNK_SALT = 0x2545f4914f6cdd1dL;

  private final TokenCounter counter;
  private final boolean byParts;
  private final LongIntCache counted = new LongIntCache();

  PromptTokens(String encoding) {
    counter = TokenCounter.forEncoding(encoding);
    byParts = LINE_ADDITIVE.contains(encoding);
  }

  int count(String prompt) {
    return count(prompt.toCharArray(), prompt.length());
  }

  /** The tokens of the text {@code text[0, length)}; the array is not kept. */
  int count(char[] text, int length) {
    if (!byParts) {
      return counter.count(new String(text, 0, length));
    }
    // The parts' bounds and hashes first, in one pass over the characters; then the whole prompt
    // (the same prompt is sent to every model of a study) and only if it is new, its parts. A line
    // number's tokens are worked out, not looked up: every run of one to three ASCII digits is one
    // token in both encodings, and longer runs are split into threes.
    int[] starts = new int[16];
    int[] ends = new int[16];
    long[] hashes = new long[16];
    int parts = 0;
    int numberTokens = 0;
    int partStart = 0;
    long whole = 0;
    boolean lineStart = false;
    while (partStart < length) {
      int end = partStart;
      long hash;
      if (lineStart && isDigit(text[partStart])) {
        while (end < length && isDigit(text[end])) {
          end++;
        }
        lineStart = false;
        numberTokens += (end - partStart + 2) / 3;
        hash = TextHash.of(text, partStart, end);
      } else {
        end = lineEnd(text, partStart, length);
        lineStart = true;
        hash = TextHash.of(text, partStart, end);
        if (parts == starts.length) {
          starts = Arrays.copyOf(starts, parts * 2);
          ends = Arrays.copyOf(ends, parts * 2);
          hashes = Arrays.copyOf(hashes, parts * 2);
        }
        starts[parts] = partStart;
        ends[parts] = end;
        hashes[parts] = hash;
        parts++;
      }
      whole = whole * 0x9e3779b97f4a7c15L + hash;
      partStart = end;
    }
    long wholeKey = TextHash.mix(whole ^ length);
    int known = counted.get(wholeKey, -1);
    if (known >= 0) {
      return known;
    }
    int total = numberTokens;
    int chunkStart = 0;
    long chunk = CHUNK_SALT;
    for (int p = 0; p < parts; p++) {
      chunk = chunk * 0x9e3779b97f4a7c15L + hashes[p];
      if ((hashes[p] & CHUNK_END_BITS) == 0 || p == parts - 1) {
        long chunkKey = TextHash.mix(chunk ^ CHUNK_SALT);
        int tokens = counted.get(chunkKey, -1);
        if (tokens < 0) {
          tokens = 0;
          for (int q = chunkStart; q <= p; q++) {
            tokens += part(text, starts[q], ends[q], hashes[q]);
          }
          counted.put(chunkKey, tokens);
        }
        total += tokens;
        chunkStart = p + 1;
        chunk = CHUNK_SALT;
      }
    }
    counted.put(wholeKey, total);
    return total;
  }

  /**
   * The end of the part that starts at {@code from} (not a number): after the first LF that a
   * printable ASCII character follows, else the end of the text.
   */
  private static int lineEnd(char[] text, int from, int length) {
    for (int i = from; i + 1 < length; i++) {
      if (text[i] == '\n' && isPrintableAscii(text[i + 1])) {
        return i + 1;
      }
    }
    return length;
  }

  private int part(char[] text, int from, int to, long hash) {
    int known = counted.get(hash, -1);
    if (known >= 0) {
      return known;
    }
    int tokens = counter.count(new String(text, from, to - from));
    counted.put(hash, tokens);
    return tokens;
  }

  private static boolean isPrintableAscii(char c) {
    return c > ' ' && c < 0x7f;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
