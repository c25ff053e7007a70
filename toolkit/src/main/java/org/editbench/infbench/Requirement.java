package org.editbench.infbench;

import org.editbench.bench.BenchInstance;
import org.editbench.text.PyStrings;

/** The requirement text of a prompt: PR title and body, then the issue text. */
public final class Requirement {
  private Requirement() {}

  /**
   * With the PR message: title, LF, body, LF; {@code <!-- … -->} comments dropped, CR LF and lone
   * CR turned into LF, runs of LF squeezed to one, stripped (Python white space). With the issue
   * message: the issue text appended as is, with no separator — exactly as the reference does.
   */
  public static String of(BenchInstance instance, boolean prMessage, boolean issueMessage) {
    String requirement = "";
    if (prMessage) {
      String pr = orEmpty(instance.titleMes()) + "\n" + orEmpty(instance.bodyMes()) + "\n";
      pr = withoutHtmlComments(pr);
      pr = pr.replace("\r\n", "\n").replace('\r', '\n');
      requirement = PyStrings.strip(squeezeNewlines(pr));
    }
    if (issueMessage) {
      requirement += orEmpty(instance.issuesMes());
    }
    return requirement;
  }

  /**
   * The reference's {@code re.sub(r"<!--.*?-->", "", s, flags=re.DOTALL)}: each comment runs from a
   * {@code <!--} to the first {@code -->} after it; an unclosed one stays. Plain searches rather
   * than a regex, whose engine the JIT would otherwise compile for a build's few messages.
   */
  static String withoutHtmlComments(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int from = 0;
    for (int open = s.indexOf("<!--"); open >= 0; open = s.indexOf("<!--", from)) {
      int close = s.indexOf("-->", open + 4);
      if (close < 0) {
        break;
      }
      out.append(s, from, open);
      from = close + 3;
    }
    return out.append(s, from, s.length()).toString();
  }

  /** Every run of LF replaced by one LF. */
  static String squeezeNewlines(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\n' || i == 0 || s.charAt(i - 1) != '\n') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
