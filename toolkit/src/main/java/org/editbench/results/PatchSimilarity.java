package org.editbench.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.text.Levenshtein;
import org.editbench.text.PyRegex;
import org.editbench.text.PyStrings;

/**
 * The evaluation harness's text metrics between a predicted and a ground-truth patch, as its {@code
 * metric_utils.py} computes them, so that numbers seen here match the harness's without Docker.
 * Pure functions.
 */
public final class PatchSimilarity {
  /**
   * The harness's {@code DIFF_META_PATTERN}, matched at the start of a stripped line. DOTALL
   * because Python's {@code .} matches a CR (or U+2028) inside a line and Java's does not.
   */
  private static final Pattern DIFF_META =
      Pattern.compile("^(diff --git|index |--- |\\+\\+\\+ |@@.*@@)", Pattern.DOTALL);

  private static final Pattern INLINE_COMMENT = Pattern.compile("#.*$", Pattern.DOTALL);
  private static final Pattern TOKEN =
      Pattern.compile("[a-zA-Z0-9_]+|[()\\[\\]{}:;,.+*/=<>!&|%^~@#-]");

  /**
   * The harness's file pattern for the file hit rate: the old path of each {@code diff --git}
   * header.
   */
  private static final Pattern DIFF_GIT_FILE = PyRegex.compile("diff --git a/(\\S+) b/\\S+");

  private PatchSimilarity() {}

  /**
   * The code lines of a diff: the text stripped and split at LF; each line stripped; diff meta
   * lines ({@code diff --git}, {@code index }, {@code --- }, {@code +++ }, {@code @@…@@}), blank
   * lines and lines starting with {@code #} dropped; a leading {@code +} or {@code -} removed and
   * the rest stripped; an inline {@code #} comment removed; lines left empty dropped; joined with
   * LF.
   */
  public static String preprocess(String diff) {
    if (diff == null || diff.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String raw : PyStrings.strip(diff).split("\n", -1)) {
      String line = PyStrings.strip(raw);
      if (DIFF_META.matcher(line).find() || line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String code =
          line.startsWith("+") || line.startsWith("-") ? PyStrings.strip(line.substring(1)) : line;
      code = PyStrings.strip(INLINE_COMMENT.matcher(code).replaceFirst(""));
      if (!code.isEmpty()) {
        kept.add(code);
      }
    }
    return String.join("\n", kept);
  }

  /** The harness's code tokens: identifiers and numbers, and single punctuation characters. */
  public static List<String> tokens(String code) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(code);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * Levenshtein distance over code points divided by the longer text's length, rounded to 4 places
   * as the harness rounds it; 0 when both are empty.
   */
  public static double normalizedEditDistance(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int longer = Math.max(x.length, y.length);
    if (longer == 0) {
      return 0.0;
    }
    return round4((double) Levenshtein.distance(x, y) / longer);
  }

  /** Jaccard index of the token sets, rounded to 4 places; 1 when both are empty, 0 when one is. */
  public static double tokenJaccard(List<String> a, List<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1.0;
    }
    if (a.isEmpty() || b.isEmpty()) {
      return 0.0;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> common = new HashSet<>(a);
    common.retainAll(new HashSet<>(b));
    return round4((double) common.size() / union.size());
  }

  /** The files a patch's {@code diff --git a/P b/P} headers name, in order of appearance. */
  public static Set<String> filesTouched(String diff) {
    Set<String> files = new LinkedHashSet<>();
    if (diff != null) {
      Matcher m = DIFF_GIT_FILE.matcher(diff);
      while (m.find()) {
        files.add(m.group(1));
      }
    }
    return files;
  }

  /**
   * Files in both patches / files in the ground truth; 0 when the ground truth names none, as in
   * the harness.
   */
  public static double fileHitRate(String groundTruth, String prediction) {
    Set<String> truth = filesTouched(groundTruth);
    if (truth.isEmpty()) {
      return 0.0;
    }
    Set<String> hit = new HashSet<>(filesTouched(prediction));
    hit.retainAll(truth);
    return (double) hit.size() / truth.size();
  }

  /** Python's {@code round(x, 4)}: half to even on the double's exact decimal value. */
  static double round4(double x) {
    return new BigDecimal(x).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
  }
}
