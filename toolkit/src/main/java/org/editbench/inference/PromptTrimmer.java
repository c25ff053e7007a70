package org.editbench.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.text.PyRegex;
import org.editbench.text.PyStrings;

/**
 * Shrinks a prompt's {@code <code>} block by the reference's rules ({@code
 * remove_last_file_from_prompt}): drop the last {@code [start of F] … [end of F]} file, or — when
 * only one file is left — keep the first half of its lines if it has at least 2,000 of them. Used
 * both before a run (prompts over the model's token limit) and during it (an API answer "context
 * length exceeded").
 */
public final class PromptTrimmer {
  private static final Pattern CODE_BLOCK = PyRegex.compile("<code>(.*?)</code>", Pattern.DOTALL);
  private static final Pattern FILE =
      PyRegex.compile("\\[start of ([^\\]]+)\\]\n(.*?)\n\\[end of \\1\\]", Pattern.DOTALL);

  /** A single file is halved only from this many lines on, so that at least 1,000 remain. */
  private static final int MIN_LINES_TO_HALVE = 2000;

  private PromptTrimmer() {}

  /**
   * The prompt with its last file dropped or its only file halved; the same string (identical
   * reference) when there is nothing left to drop, so callers can stop.
   */
  public static String dropLastFile(String prompt) {
    Matcher code = CODE_BLOCK.matcher(prompt);
    if (!code.find()) {
      return prompt;
    }
    String context = code.group(1);
    List<FileSection> files = new ArrayList<>();
    Matcher file = FILE.matcher(context);
    while (file.find()) {
      files.add(new FileSection(file.start(), file.group(1), file.group(2)));
    }
    String newContext;
    if (files.isEmpty()) {
      return prompt;
    } else if (files.size() == 1) {
      FileSection only = files.get(0);
      String[] lines = only.content().split("\n", -1); // Python's str.split keeps empty tails
      if (lines.length < MIN_LINES_TO_HALVE) {
        return prompt;
      }
      String kept = String.join("\n", Arrays.asList(lines).subList(0, lines.length / 2));
      newContext = "[start of " + only.name() + "]\n" + kept + "\n[end of " + only.name() + "]";
    } else {
      newContext = PyStrings.rstrip(context.substring(0, files.get(files.size() - 1).start()));
    }
    return prompt.substring(0, code.start(1))
        + "\n"
        + newContext
        + "\n"
        + prompt.substring(code.end(1));
  }

  private record FileSection(int start, String name, String content) {}
}
