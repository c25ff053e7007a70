package org.editbench.results;

import java.util.LinkedHashMap;
import java.util.Map;
import org.editbench.text.CharSearch;

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
  private static final String CODE_END = "</code>";
  private static final String FILE_START = "[start of ";

  private ContextFiles() {}

  /** Path → content of every file framed in {@code prompt}, in prompt order; empty when none is. */
  public static Map<String, String> fromPrompt(String prompt) {
    return prompt == null
        ? new LinkedHashMap<>()
        : fromPrompt(prompt.toCharArray(), prompt.length());
  }

  /**
   * {@link #fromPrompt(String)} of the text {@code prompt[0, length)}, read where it was decoded (a
   * prompt is read once, for its files only): the array is not kept. The files are read in one pass
   * over the section's lines, each line copied without its number as it is passed.
   */
  public static Map<String, String> fromPrompt(char[] prompt, int length) {
    Map<String, String> files = new LinkedHashMap<>();
    // The section opens with its first file, which keeps a requirement that quotes "<code>" out.
    int start = CharSearch.indexOf(prompt, length, CODE_START + FILE_START, 0);
    if (start < 0) {
      return files;
    }
    // every file's content is copied into this first, then into its String
    char[] content = new char[length - start];
    for (int at = start + CODE_START.length(); at >= 0 && at < length; ) {
      at = readFile(prompt, at, length, files, content);
    }
    return files;
  }

  /**
   * Reads the first file framed at a line start at or after {@code from} and before {@code end}: a
   * line {@code [start of P]} (P without {@code ]} or line ends), the content, and the first later
   * line {@code [end of P]}, all before the section's end. Adds it to {@code files} unless P is
   * there already. Returns where to look for the next file, -1 at the section's end.
   */
  private static int readFile(
      char[] prompt, int from, int end, Map<String, String> files, char[] content) {
    for (int line = from; line < end; line = nextLineStart(prompt, line, end)) {
      if (isSectionEnd(prompt, end, line)) {
        return -1;
      }
      if (!CharSearch.startsWith(prompt, end, FILE_START, line)) {
        continue;
      }
      int nameStart = line + FILE_START.length();
      int nameEnd = nameStart;
      while (nameEnd < end && prompt[nameEnd] != ']' && prompt[nameEnd] != '\n') {
        nameEnd++;
      }
      int contentStart = nameEnd + 2;
      if (nameEnd == nameStart
          || contentStart > end
          || !CharSearch.startsWith(prompt, end, "]\n", nameEnd)) {
        continue;
      }
      String name = new String(prompt, nameStart, nameEnd - nameStart);
      int after =
          readContent(prompt, contentStart, end, "[end of " + name + "]", name, files, content);
      if (after >= 0) {
        return after;
      }
    }
    return -1;
  }

  /**
   * Inside the section every file line starts with its number, so the first line that is the
   * closing tag ends it (whole or followed by more text, as the tag first was searched for).
   */
  private static boolean isSectionEnd(char[] prompt, int end, int line) {
    return prompt[line] == '<'
        && line > 0
        && prompt[line - 1] == '\n'
        && CharSearch.startsWith(prompt, end, CODE_END, line);
  }

  /**
   * Reads a file's content from {@code from} up to its closing line {@code closing} (a later line
   * than the first that is the closing text, whole or up to a line end) in one pass: each line is
   * copied without its number into {@code out} as it is passed. Adds the content to {@code files}
   * under {@code name} unless that is there already; returns the position after the closing text,
   * or -1 when no closing line comes before the section's end.
   */
  private static int readContent(
      char[] prompt,
      int from,
      int end,
      String closing,
      String name,
      Map<String, String> files,
      char[] out) {
    int length = 0;
    for (int line = from; line < end; ) {
      if (prompt[line] == '[' && line > from && CharSearch.startsWith(prompt, end, closing, line)) {
        int after = line + closing.length();
        if (after == end || prompt[after] == '\n') {
          // the LF before the closing line is not the content's
          files.putIfAbsent(name, new String(out, 0, length - 1));
          return after;
        }
      }
      if (isSectionEnd(prompt, end, line)) {
        return -1;
      }
      int lineEnd = nextLineStart(prompt, line, end);
      int digits = line;
      while (digits < lineEnd && prompt[digits] >= '0' && prompt[digits] <= '9') {
        digits++;
      }
      boolean numbered = digits > line && digits < lineEnd && prompt[digits] == ' ';
      int start = numbered ? digits + 1 : line;
      System.arraycopy(prompt, start, out, length, lineEnd - start);
      length += lineEnd - start;
      line = lineEnd;
    }
    return -1;
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
}
