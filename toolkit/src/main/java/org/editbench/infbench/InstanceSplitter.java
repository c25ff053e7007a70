package org.editbench.infbench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.bench.BenchInstance;
import org.editbench.diff.PatchApplier;
import org.editbench.diff.PatchFailedException;
import org.editbench.diff.UnifiedDiff;
import org.editbench.text.PyStrings;

/**
 * Turns one bench instance and its file histories into infbench records, one per variant.
 * Pure apart from the {@link CodeContextSource}: no I/O. The state after each split point is
 * computed once and shared by all variants that cut the history at the same step.
 */
public final class InstanceSplitter {
  private final BenchInstance instance;
  private final List<FileHistory> files;
  private final Map<Integer, SplitState> bySplit = new HashMap<>();

  /** The edited files after {@code splitIdx} history steps, and the diff from there to the end. */
  private record SplitState(Map<String, String> context, String groundTruth) {}

  public InstanceSplitter(BenchInstance instance, List<FileHistory> files) {
    this.instance = instance;
    this.files = List.copyOf(files);
  }

  /** The infbench record of this instance for {@code runId}. */
  public BenchInstance build(RunId runId, CodeContextSource contextSource) throws InvalidInstanceException {
    int splitIdx = Split.splitIndex(instance.stepCount(), runId.effectiveInfoPct());
    List<String> preEdits = preEdits(instance.workPatchList(), splitIdx);
    SplitState state = stateAt(splitIdx);
    Map<String, String> context =
        contextSource.codeContext(instance, runId, preEdits, state.context());
    String requirement = Requirement.of(instance, runId.prMessage(), runId.issueMessage());
    String prompt = Prompts.build(requirement, context, preEdits);
    return instance.withInference(splitIdx, preEdits, state.groundTruth(), prompt);
  }

  /**
   * One string per history step: the step's per-file diffs joined by LF, plus a final LF when
   * the step touched exactly one file (the reference's rule, kept for byte-identical output).
   */
  public static List<String> preEdits(List<List<String>> workPatchList, int splitIdx) {
    List<String> out = new ArrayList<>(splitIdx);
    for (List<String> step : workPatchList.subList(0, splitIdx)) {
      out.add(String.join("\n", step) + (step.size() == 1 ? "\n" : ""));
    }
    return out;
  }

  private SplitState stateAt(int splitIdx) throws InvalidInstanceException {
    SplitState cached = bySplit.get(splitIdx);
    if (cached == null) {
      cached = computeState(splitIdx);
      bySplit.put(splitIdx, cached);
    }
    return cached;
  }

  private SplitState computeState(int splitIdx) throws InvalidInstanceException {
    Map<String, String> context = new LinkedHashMap<>();
    List<String> fileDiffs = new ArrayList<>();
    for (FileHistory file : files) {
      String before = applyHistory(file, splitIdx);
      context.put(file.path(), before);
      String diff = UnifiedDiff.gitDiff(before, file.finalText(), file.path());
      if (hasHunks(diff)) {
        fileDiffs.add(diff);
        verifyReproducesFinal(file, before, diff);
      }
    }
    return new SplitState(Collections.unmodifiableMap(context), String.join("\n", fileDiffs));
  }

  /** The file after every recorded step numbered up to {@code splitIdx}, applied in order. */
  private String applyHistory(FileHistory file, int splitIdx) throws InvalidInstanceException {
    String text = file.original();
    for (Map.Entry<Integer, String> step : file.stepDiffs().headMap(splitIdx, true).entrySet()) {
      try {
        text = PatchApplier.apply(text, step.getValue());
      } catch (PatchFailedException e) {
        throw new InvalidInstanceException(
            "history step " + step.getKey() + " does not apply to " + file.path() + ": " + e.getMessage());
      }
    }
    return text;
  }

  /** Validation: the ground truth applied to the context must give the final file exactly. */
  private static void verifyReproducesFinal(FileHistory file, String before, String diff)
      throws InvalidInstanceException {
    String after;
    try {
      after = PatchApplier.apply(before, diff);
    } catch (PatchFailedException e) {
      throw new InvalidInstanceException(
          "ground truth does not apply to " + file.path() + ": " + e.getMessage());
    }
    if (!after.equals(file.finalText())) {
      throw new InvalidInstanceException(
          "ground truth applied to " + file.path() + " does not reproduce final" + extensionOf(file.path()));
    }
  }

  private static String extensionOf(String path) {
    int dot = path.lastIndexOf('.');
    return dot > path.lastIndexOf('/') ? path.substring(dot) : "";
  }

  /**
   * The reference keeps a file's diff when {@code len(diff.strip().split("\n")) > 2}: more than
   * the {@code diff --git} line alone (difflib yields nothing for identical texts).
   */
  static boolean hasHunks(String diff) {
    String stripped = PyStrings.strip(diff);
    int first = stripped.indexOf('\n');
    return first >= 0 && stripped.indexOf('\n', first + 1) >= 0;
  }
}
