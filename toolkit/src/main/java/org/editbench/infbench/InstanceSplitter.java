package org.editbench.infbench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.InstanceJson;
import org.editbench.bench.JsonText;
import org.editbench.bench.TextValue;
import org.editbench.diff.PatchApplier;
import org.editbench.diff.PatchFailedException;
import org.editbench.diff.UnifiedDiff;
import org.editbench.text.PyStrings;

/**
 * Turns one bench instance and its file histories into infbench records, one per variant.
 * Pure apart from the {@link CodeContextSource}: no I/O. Everything that depends only on where
 * the history is cut — replayed files, ground truth, validation, the formatted code and history
 * blocks — is computed once per split point and shared by the variants that cut there.
 */
public final class InstanceSplitter {
  private final BenchInstance instance;
  private final List<FileHistory> files;
  private final Map<Integer, SplitState> bySplit = new HashMap<>();
  /** Per file, its text after each step replayed so far: later splits continue from there. */
  private final Map<String, TreeMap<Integer, String>> replayed = new HashMap<>();
  private InstanceJson.Prepared prepared;

  /** The state after {@code splitIdx} history steps. */
  private record SplitState(
      int splitIdx, List<String> preEdits, Map<String, String> oracleContext, TextValue groundTruth,
      TextValue oracleCodeBlock, TextValue historyBlock) {}

  /** What a variant adds to the bench record. */
  private record Variant(SplitState split, TextValue prompt) {}

  public InstanceSplitter(BenchInstance instance, List<FileHistory> files) {
    this.instance = instance;
    this.files = List.copyOf(files);
  }

  /** The infbench record of this instance for {@code runId}. */
  public BenchInstance build(RunId runId, CodeContextSource contextSource) throws InvalidInstanceException {
    Variant v = variant(runId, contextSource);
    return instance.withInference(
        v.split().splitIdx(), v.split().preEdits(), v.split().groundTruth().text(), v.prompt().text());
  }

  /** Writes the infbench line of this instance for {@code runId}; the bench fields are formatted once. */
  public void writeJsonLine(RunId runId, CodeContextSource contextSource, JsonText out)
      throws InvalidInstanceException {
    Variant v = variant(runId, contextSource);
    if (prepared == null) {
      prepared = InstanceJson.prepare(instance);
    }
    prepared.writeLine(out, v.split().splitIdx(), v.split().preEdits(), v.split().groundTruth(), v.prompt());
  }

  private Variant variant(RunId runId, CodeContextSource contextSource) throws InvalidInstanceException {
    SplitState split = stateAt(Split.splitIndex(instance.stepCount(), runId.effectiveInfoPct()));
    Map<String, String> context =
        contextSource.codeContext(instance, runId, split.preEdits(), split.oracleContext());
    TextValue codeBlock = context == split.oracleContext()
        ? split.oracleCodeBlock()
        : TextValue.of(Prompts.codeBlock(context));
    String requirement = Requirement.of(instance, runId.prMessage(), runId.issueMessage());
    return new Variant(split,
        Prompts.compose(requirement, codeBlock, split.historyBlock(), !split.preEdits().isEmpty()));
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
    List<String> preEdits = preEdits(instance.workPatchList(), splitIdx);
    context = Collections.unmodifiableMap(context);
    return new SplitState(splitIdx, preEdits, context, TextValue.shared(String.join("\n", fileDiffs)),
        TextValue.shared(Prompts.codeBlock(context)), TextValue.shared(Prompts.historyBlock(preEdits)));
  }

  /** The file after every recorded step numbered up to {@code splitIdx}, applied in order. */
  private String applyHistory(FileHistory file, int splitIdx) throws InvalidInstanceException {
    TreeMap<Integer, String> states = replayed.computeIfAbsent(file.path(), p -> new TreeMap<>(Map.of(0, file.original())));
    Map.Entry<Integer, String> from = states.floorEntry(splitIdx);
    String text = from.getValue();
    for (Map.Entry<Integer, String> step : file.stepDiffs().subMap(from.getKey(), false, splitIdx, true).entrySet()) {
      try {
        text = PatchApplier.apply(text, step.getValue());
      } catch (PatchFailedException e) {
        throw new InvalidInstanceException(
            "history step " + step.getKey() + " does not apply to " + file.path() + ": " + e.getMessage());
      }
      states.put(step.getKey(), text);
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
          "ground truth applied to " + file.path() + " does not reproduce its final version");
    }
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
