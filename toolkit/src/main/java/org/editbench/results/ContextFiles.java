package org.editbench.results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pre-edit files of an infbench record, read back from its prompt: prompt-builder frames each
 * file as {@code [start of P]}, its lines each prefixed with the 1-based number and a space, then
 * {@code [end of P]} (see {@link org.editbench.infbench.Prompts#codeBlock}). The inverse is exact:
 * a file that ends with a line end has a last numbered empty line. Only the {@code <code>} section
 * is read: the history steps that follow it are framed the same way ({@code [start of step 1]}).
 *
 * <p>Lines end at LF only: prompt-builder splits at LF, and a CR inside a line must not start a new
 * one. Read by scanning rather than with a regular expression (a lazy {@code (.*?)} tried the
 * closing frame at every character, a fifth of scoring's time); {@code ContextFilesTest} holds the
 * expression as the reference the scanner agrees with.
 */
public final class ContextFiles {
  private static final String CODE_START = "<code>\n";
  private static final String CODE_END = "\n</code>";
  private static final String FILE_START = "[start of ";
  private static final String FILE_END = "\n[end of ";

  private ContextFiles() {}

  /** Path → content of every file framed in {@code prompt}, in prompt order; empty when none is. */
  public static Map<String, String> fromPrompt(String prompt) {
    return prompt == null
        ? new LinkedHashMap<>()
        : fromPrompt(prompt.toCharArray(), prompt.length());
  }

  /**
   * {@link #fromPrompt(String)} of the text {@code prompt[0, length)}, read where it was decoded (a
   * prompt is read once, for its files only): the array is not kept.
   */
  public static Map<String, String> fromPrompt(char[] prompt, int length) {
    Map<String, String> files = new LinkedHashMap<>();
    // The section opens with its first file, which keeps a requirement that quotes "<code>" out.
    int start = indexOf(prompt, length, CODE_START + FILE_START, 0);
    if (start < 0) {
      return files;
    }
    start += CODE_START.length();
    // Inside the section every file line starts with its number, so the first line that is the
    // closing tag ends it.
    int end = indexOf(prompt, length, CODE_END, start - 1);
    int sectionEnd = end < 0 ? length : end + 1;
    for (int at = start; at < sectionEnd; ) {
      at = readFile(prompt, at, sectionEnd, files);
    }
    return files;
  }

  /**
   * Reads the first file framed at a line start at or after {@code from} and before {@code end}: a
   * line {@code [start of P]} (P without {@code ]} or line ends), the content, and the first later
   * line {@code [end of P]}. Adds it to {@code files} unless P is there already. Returns where to
   * look for the next file, {@code end} when there is none.
   */
  private static int readFile(char[] prompt, int from, int end, Map<String, String> files) {
    for (int line = from; line < end; line = nextLineStart(prompt, line, end)) {
      if (!startsWith(prompt, end, FILE_START, line)) {
        continue;
      }
      int nameStart = line + FILE_START.length();
      int nameEnd = nameStart;
      while (nameEnd < end && prompt[nameEnd] != ']' && prompt[nameEnd] != '\n') {
        nameEnd++;
      }
      int contentStart = nameEnd + 2;
      if (nameEnd == nameStart || contentStart > end || !startsWith(prompt, end, "]\n", nameEnd)) {
        continue;
      }
      String name = new String(prompt, nameStart, nameEnd - nameStart);
      String closing = FILE_END + name + "]";
      for (int close = indexOf(prompt, end, closing, contentStart);
          close >= 0;
          close = indexOf(prompt, end, closing, close + 1)) {
        int after = close + closing.length();
        if (after == end || prompt[after] == '\n') {
          files.putIfAbsent(name, withoutLineNumbers(prompt, contentStart, close));
          return after;
        }
      }
    }
    return end;
  }

  /**
   * The position after the next LF at or after {@code from}, {@code end} when there is none before
   * it.
   */
  private static int nextLineStart(char[] text, int from, int end) {
    for (int i = from; i < end; i++) {
      if (text[i] == '\n') {
        return i + 1;
      }
    }
    return end;
  }

  /** Where {@code word} first occurs whole in {@code text[from, end)}, or -1. */
  private static int indexOf(char[] text, int end, String word, int from) {
    char first = word.charAt(0);
    for (int i = Math.max(from, 0); i + word.length() <= end; i++) {
      if (text[i] == first && startsWith(text, end, word, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(char[] text, int end, String word, int at) {
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

  /**
   * The lines of {@code text[from, to)} without the leading number and space of each: {@code 12 x}
   * → {@code x}.
   */
  private static String withoutLineNumbers(char[] text, int from, int to) {
    char[] out = new char[to - from];
    int length = 0;
    for (int line = from; line < to; ) {
      int lineEnd = nextLineStart(text, line, to);
      int digits = line;
      while (digits < lineEnd && text[digits] >= '0' && text[digits] <= '9') {
        digits++;
      }
      boolean numbered = digits > line && digits < lineEnd && text[digits] == ' ';
      int start = numbered ? digits + 1 : line;
      System.arraycopy(text, start, out, length, lineEnd - start);
      length += lineEnd - start;
      line = lineEnd;
    }
    return new String(out, 0, length);
  }
}
