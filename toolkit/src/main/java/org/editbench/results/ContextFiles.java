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
    Map<String, String> files = new LinkedHashMap<>();
    if (prompt == null) {
      return files;
    }
    // The section opens with its first file, which keeps a requirement that quotes "<code>" out.
    int start = prompt.indexOf(CODE_START + FILE_START);
    if (start < 0) {
      return files;
    }
    start += CODE_START.length();
    // Inside the section every file line starts with its number, so the first line that is the
    // closing tag ends it.
    int end = prompt.indexOf(CODE_END, start - 1);
    int sectionEnd = end < 0 ? prompt.length() : end + 1;
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
  private static int readFile(String prompt, int from, int end, Map<String, String> files) {
    for (int line = from; line < end; line = nextLineStart(prompt, line, end)) {
      if (!prompt.startsWith(FILE_START, line)) {
        continue;
      }
      int nameStart = line + FILE_START.length();
      int nameEnd = nameStart;
      while (nameEnd < end && prompt.charAt(nameEnd) != ']' && prompt.charAt(nameEnd) != '\n') {
        nameEnd++;
      }
      int contentStart = nameEnd + 2;
      if (nameEnd == nameStart || contentStart > end || !prompt.startsWith("]\n", nameEnd)) {
        continue;
      }
      String closing = FILE_END + prompt.substring(nameStart, nameEnd) + "]";
      for (int close = prompt.indexOf(closing, contentStart);
          close >= 0 && close + closing.length() <= end;
          close = prompt.indexOf(closing, close + 1)) {
        int after = close + closing.length();
        if (after == end || prompt.charAt(after) == '\n') {
          files.putIfAbsent(
              prompt.substring(nameStart, nameEnd),
              withoutLineNumbers(prompt, contentStart, close));
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
  private static int nextLineStart(String text, int from, int end) {
    int lf = text.indexOf('\n', from);
    return lf < 0 || lf >= end ? end : lf + 1;
  }

  /**
   * The lines of {@code text[from, to)} without the leading number and space of each: {@code 12 x}
   * → {@code x}.
   */
  private static String withoutLineNumbers(String text, int from, int to) {
    // Copied line by line into a char array: a StringBuilder appends a part of a String one
    // character at a time.
    char[] out = new char[to - from];
    int length = 0;
    for (int line = from; line < to; ) {
      int lf = text.indexOf('\n', line);
      int lineEnd = lf < 0 || lf >= to ? to : lf + 1;
      int digits = line;
      while (digits < lineEnd && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
        digits++;
      }
      boolean numbered = digits > line && digits < lineEnd && text.charAt(digits) == ' ';
      int start = numbered ? digits + 1 : line;
      text.getChars(start, lineEnd, out, length);
      length += lineEnd - start;
      line = lineEnd;
    }
    return new String(out, 0, length);
  }
}
