package org.editbench.infbench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.core.PyJson;

/**
 * One infbench variant, named as the reference names them: {@code
 * {info_pct|None}[_body][_issue][_bm25_{topn}]} — e.g. {@code 0.2}, {@code 0.2_bm25_5}, {@code
 * 0.2_body_issue}, {@code None_body_issue}.
 *
 * @param infoPct share of the edit steps given as history; {@code null} for {@code None} (no
 *     history)
 * @param prMessage whether the requirement includes the PR title and body ("body")
 * @param issueMessage whether the requirement includes the issue text ("issue")
 * @param bm25TopN number of BM25-retrieved files, or {@code null} for the oracle context
 */
public record RunId(Double infoPct, boolean prMessage, boolean issueMessage, Integer bm25TopN) {
  private static final Pattern GRAMMAR =
      Pattern.compile("(None|\\d+(?:\\.\\d*)?|\\.\\d+)(_body)?(_issue)?(?:_bm25_(\\d+))?");

  public RunId {
    if (infoPct != null && (infoPct.isNaN() || infoPct < 0 || infoPct > 1)) {
      throw new IllegalArgumentException("info_pct must lie between 0 and 1, got " + infoPct);
    }
    if (bm25TopN != null && bm25TopN < 1) {
      throw new IllegalArgumentException("BM25 top-n must be at least 1, got " + bm25TopN);
    }
  }

  /**
   * Parses a run_id; an unparseable one is an {@link IllegalArgumentException} citing the grammar.
   */
  public static RunId parse(String text) {
    Matcher m = GRAMMAR.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a run_id: '"
              + text
              + "' (expected {info_pct|None}[_body][_issue][_bm25_{topn}], e.g. 0.2, 0.2_bm25_5, None_body_issue)");
    }
    try {
      Double pct = m.group(1).equals("None") ? null : Double.valueOf(m.group(1));
      Integer topn = m.group(4) == null ? null : Integer.valueOf(m.group(4));
      return new RunId(pct, m.group(2) != null, m.group(3) != null, topn);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a run_id: '" + text + "': BM25 top-n " + m.group(4) + " is too large");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a run_id: '" + text + "': " + e.getMessage());
    }
  }

  /** The run_id text; the ratio is printed as Python prints a float ({@code 0.2}, {@code 1.0}). */
  public String text() {
    return (infoPct == null ? "None" : PyJson.floatRepr(infoPct))
        + (prMessage ? "_body" : "")
        + (issueMessage ? "_issue" : "")
        + (bm25TopN != null ? "_bm25_" + bm25TopN : "");
  }

  public boolean usesBm25() {
    return bm25TopN != null;
  }

  /** The ratio the split uses: the reference treats None (and 0) as "no history". */
  public double effectiveInfoPct() {
    return infoPct == null ? 0 : infoPct;
  }

  @Override
  public String toString() {
    return text();
  }
}
