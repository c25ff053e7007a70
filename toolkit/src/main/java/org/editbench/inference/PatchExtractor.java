package org.editbench.inference;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.text.PyRegex;

/**
 * Finds the patch in a model's answer the way the reference's {@code extract_diff} does, so that
 * {@code model_patch} means the same thing for predictions from either implementation.
 */
public final class PatchExtractor {
  /** {@code <tag>…</tag>} with the same tag name at both ends; Python's {@code \w} is Unicode. */
  private static final Pattern ELEMENT = PyRegex.compile("<([\\w-]+)>(.*?)</\\1>", Pattern.DOTALL);

  /** A fenced block with an optional language word right after the opening fence. */
  private static final Pattern FENCE = PyRegex.compile("```(\\w+)?\n(.*?)```", Pattern.DOTALL);

  private PatchExtractor() {}

  /**
   * The first {@code <diff>}/{@code <patch>} element, else the first {@code ```diff}/{@code
   * ```patch} block (elements are searched before fences, as in the reference), else the first
   * other element or fenced block, else the text before the first {@code </s>}. Null for null.
   */
  public static String extract(String response) {
    if (response == null) {
      return null;
    }
    String firstPatch = null;
    String firstOther = null;
    for (Pattern pattern : new Pattern[] {ELEMENT, FENCE}) {
      Matcher m = pattern.matcher(response);
      while (m.find()) {
        boolean isPatch = "diff".equals(m.group(1)) || "patch".equals(m.group(1));
        if (isPatch && firstPatch == null) {
          firstPatch = m.group(2);
        } else if (!isPatch && firstOther == null) {
          firstOther = m.group(2);
        }
      }
      if (firstPatch != null) {
        return firstPatch;
      }
    }
    if (firstOther != null) {
      return firstOther;
    }
    int end = response.indexOf("</s>");
    return end < 0 ? response : response.substring(0, end);
  }
}
