package org.editbench.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pre-edit files of an infbench record, read back from its prompt: prompt-builder frames each
 * file as {@code [start of P]}, its lines each prefixed with the 1-based number and a space, then
 * {@code [end of P]} (see {@link org.editbench.infbench.Prompts#codeBlock}). The inverse is exact:
 * a file that ends with a line end has a last numbered empty line. Only the {@code <code>} section is
 * read: the history steps that follow it are framed the same way ({@code [start of step 1]}).
 *
 * <p>The patterns use UNIX_LINES ({@code d}): prompt-builder splits at LF only, and a CR inside a
 * line must not start a new one.
 */
public final class ContextFiles {
  private static final Pattern FILE = Pattern.compile("(?md)^\\[start of ([^\\]\\n]+)\\]\\n(.*?)\\n\\[end of \\1\\]$",
      Pattern.DOTALL);
  private static final String CODE_START = "<code>\n";
  private static final String CODE_END = "\n</code>";
  private static final Pattern LINE_NUMBER = Pattern.compile("(?md)^\\d+ ");

  private ContextFiles() {}

  /** Path → content of every file framed in {@code prompt}, in prompt order; empty when none is. */
  public static Map<String, String> fromPrompt(String prompt) {
    Map<String, String> files = new LinkedHashMap<>();
    if (prompt == null) {
      return files;
    }
    // The section opens with its first file, which keeps a requirement that quotes "<code>" out.
    int start = prompt.indexOf(CODE_START + "[start of ");
    if (start < 0) {
      return files;
    }
    start += CODE_START.length();
    // Inside the section every file line starts with its number, so the first line that is the
    // closing tag ends it.
    int end = prompt.indexOf(CODE_END, start - 1);
    Matcher m = FILE.matcher(prompt).region(start, end < 0 ? prompt.length() : end + 1);
    while (m.find()) {
      files.putIfAbsent(m.group(1), LINE_NUMBER.matcher(m.group(2)).replaceAll(""));
    }
    return files;
  }
}
