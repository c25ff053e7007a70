package org.editbench.results;

import java.util.Map;
import org.editbench.diff.GitApply;

/**
 * A predicted patch beside its ground truth and the pre-edit files, with what several metrics share
 * (the patches applied, their texts after the harness's preprocessing) worked out once, when a
 * metric first asks for it. One per prediction, on one thread.
 */
public final class PatchComparison {
  private final Map<String, String> preEditFiles;
  private final String groundTruth;
  private final String patch;
  private final GitApply.LineStarts lineStarts = new GitApply.LineStarts();
  private GitApply.Result predicted;
  private Boolean exact;
  private String processedGroundTruth;
  private String processedPatch;

  /** {@code patch} and {@code groundTruth}: null is an empty patch. */
  public PatchComparison(Map<String, String> preEditFiles, String groundTruth, String patch) {
    this.preEditFiles = preEditFiles;
    this.groundTruth = groundTruth == null ? "" : groundTruth;
    this.patch = patch == null ? "" : patch;
  }

  public String groundTruth() {
    return groundTruth;
  }

  public String patch() {
    return patch;
  }

  /**
   * The predicted patch applied to the pre-edit files as {@code git apply} would; a blank one is
   * rejected.
   */
  public GitApply.Result predicted() {
    if (predicted == null) {
      predicted =
          patch.isBlank()
              ? new GitApply.Rejected("empty patch")
              : GitApply.apply(preEditFiles, patch, lineStarts);
    }
    return predicted;
  }

  /**
   * The predicted patch applies and yields exactly the files that applying the ground truth yields.
   */
  public boolean exact() {
    if (exact == null) {
      exact =
          predicted() instanceof GitApply.Applied p
              && GitApply.apply(preEditFiles, groundTruth, lineStarts) instanceof GitApply.Applied t
              && p.sameFiles(t);
    }
    return exact;
  }

  /** The ground truth's code lines, as the harness's preprocessing leaves them. */
  public String processedGroundTruth() {
    if (processedGroundTruth == null) {
      processedGroundTruth = PatchSimilarity.preprocess(groundTruth);
    }
    return processedGroundTruth;
  }

  /** The predicted patch's code lines, as the harness's preprocessing leaves them. */
  public String processedPatch() {
    if (processedPatch == null) {
      processedPatch = PatchSimilarity.preprocess(patch);
    }
    return processedPatch;
  }
}
