package org.editbench.infbench;

import java.util.regex.Pattern;
import org.editbench.bench.BenchInstance;
import org.editbench.text.PyStrings;

/** The requirement text of a prompt: PR title and body, then the issue text. */
public final class Requirement {
  private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern NEWLINE_RUN = Pattern.compile("\n+");

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
      pr = HTML_COMMENT.matcher(pr).replaceAll("");
      pr = pr.replace("\r\n", "\n").replace('\r', '\n');
      pr = NEWLINE_RUN.matcher(pr).replaceAll("\n");
      requirement = PyStrings.strip(pr);
    }
    if (issueMessage) {
      requirement += orEmpty(instance.issuesMes());
    }
    return requirement;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
