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
import org.editbench.core.JsonText;
import org.editbench.core.TextValue;
import org.editbench.diff.GitDiffTarget;
import org.editbench.diff.PatchApplier;
import org.editbench.diff.PatchFailedException;
import org.editbench.text.LfLines;
import org.editbench.text.PyStrings;

/**
 * Turns one bench instance and its file histories into infbench records, one per variant. Pure
 * apart from the {@link CodeContextSource}: no I/O. Everything that depends only on where the
 * history is cut — replayed files, ground truth, validation, the formatted code and history blocks
 * — is computed once per split point and shared by the variants that cut there; the parts of those
 * (file versions, history steps) that several split points have in common are computed, and escaped
 * as JSON, once per instance.
 */
public final class InstanceSplitter {
  private static final TextValue LF = TextValue.of("\n");

  private final BenchInstance instance;
  private final List<EditedFile> files;
  private final List<String> paths;

  /** pre_edits of the history steps that the split points so far have needed, in step order. */
  private final List<String> preEdits = new ArrayList<>();

  private final List<TextValue> sharedPreEdits = new ArrayList<>();
  private final Map<Integer, SplitState> bySplit = new HashMap<>();
  private InstanceJson.Prepared prepared;

  /** The state after {@code splitIdx} history steps. */
  private record SplitState(
      int splitIdx,
      List<String> preEdits,
      List<TextValue> sharedPreEdits,
      Map<String, String> oracleContext,
      TextValue groundTruth,
      TextValue oracleCodeBlock,
      TextValue historyBlock) {}

  /** What a variant adds to the bench record. */
  private record Variant(SplitState split, TextValue prompt) {}

  public InstanceSplitter(BenchInstance instance, List<FileHistory> files) {
    this.instance = instance;
    this.files = files.stream().map(EditedFile::new).toList();
    this.paths = files.stream().map(FileHistory::path).toList();
  }

  /** The infbench record of this instance for {@code runId}. */
  public BenchInstance build(RunId runId, CodeContextSource contextSource)
      throws InvalidInstanceException {
    Variant v = variant(runId, contextSource);
    return instance.withInference(
        v.split().splitIdx(),
        v.split().preEdits(),
        v.split().groundTruth().text(),
        v.prompt().text());
  }

  /**
   * Writes the infbench line of this instance for {@code runId}; the bench fields are formatted
   * once.
   */
  public void writeJsonLine(RunId runId, CodeContextSource contextSource, JsonText out)
      throws InvalidInstanceException {
    Variant v = variant(runId, contextSource);
    if (prepared == null) {
      prepared = InstanceJson.prepare(instance);
    }
    prepared.writeLine(
        out, v.split().splitIdx(), v.split().sharedPreEdits(), v.split().groundTruth(), v.prompt());
  }

  private Variant variant(RunId runId, CodeContextSource contextSource)
      throws InvalidInstanceException {
    SplitState split = stateAt(Split.splitIndex(instance.stepCount(), runId.effectiveInfoPct()));
    Map<String, String> context =
        contextSource.codeContext(instance, runId, split.preEdits(), split.oracleContext());
    TextValue codeBlock =
        context == split.oracleContext() ? split.oracleCodeBlock() : Prompts.codeBlockOf(context);
    String requirement = Requirement.of(instance, runId.prMessage(), runId.issueMessage());
    return new Variant(
        split,
        Prompts.compose(requirement, codeBlock, split.historyBlock(), !split.preEdits().isEmpty()));
  }

  /**
   * One string per history step: the step's per-file diffs joined by LF, plus a final LF when the
   * step touched exactly one file (the reference's rule, kept for byte-identical output).
   */
  public static List<String> preEdits(List<List<String>> workPatchList, int splitIdx) {
    return workPatchList.subList(0, splitIdx).stream().map(InstanceSplitter::preEdit).toList();
  }

  private static String preEdit(List<String> step) {
    return String.join("\n", step) + (step.size() == 1 ? "\n" : "");
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
    List<TextValue> numbered = new ArrayList<>(files.size());
    List<TextValue> groundTruth = new ArrayList<>(2 * files.size());
    for (EditedFile file : files) {
      EditedFile.Version version = file.after(splitIdx);
      context.put(file.history.path(), version.lines().text());
      numbered.add(version.numbered());
      if (version.groundTruth() != null) {
        if (!groundTruth.isEmpty()) {
          groundTruth.add(LF);
        }
        groundTruth.add(version.groundTruth());
      }
    }
    while (preEdits.size() < splitIdx) {
      String step = preEdit(instance.workPatchList().get(preEdits.size()));
      preEdits.add(step);
      sharedPreEdits.add(TextValue.shared(step));
    }
    List<TextValue> history = List.copyOf(sharedPreEdits.subList(0, splitIdx));
    return new SplitState(
        splitIdx,
        List.copyOf(preEdits.subList(0, splitIdx)),
        history,
        Collections.unmodifiableMap(context),
        TextValue.concat(groundTruth),
        Prompts.codeBlockOf(paths, numbered),
        Prompts.historyBlockOf(history));
  }

  /**
   * One edited file as the split points see it. Split points that differ only in steps that did not
   * touch the file see the same version of it, so each version is replayed, diffed against the
   * final file and validated once; and every diff ends at the final file, so its side of the diff
   * is prepared once.
   */
  private static final class EditedFile {
    /**
     * The file after the steps up to a step number, its lines numbered for the code block, and its
     * ground truth (null when it equals the final file).
     */
    record Version(LfLines lines, TextValue numbered, TextValue groundTruth) {}

    private final FileHistory history;

    /** By the number of the last step applied (0 for the original). */
    private final TreeMap<Integer, Version> versions = new TreeMap<>();

    private GitDiffTarget finalText;

    EditedFile(FileHistory history) {
      this.history = history;
    }

    /** The file after every recorded step numbered up to {@code splitIdx}. */
    Version after(int splitIdx) throws InvalidInstanceException {
      Integer lastStep = history.stepDiffs().floorKey(splitIdx);
      int key = lastStep == null ? 0 : lastStep;
      Version version = versions.get(key);
      if (version == null) {
        version = validated(replayTo(key));
        versions.put(key, version);
      }
      return version;
    }

    /**
     * Applies the steps up to {@code lastStep} in order, starting from the latest version known.
     */
    private LfLines replayTo(int lastStep) throws InvalidInstanceException {
      Map.Entry<Integer, Version> from = versions.floorEntry(lastStep);
      LfLines text = from == null ? LfLines.of(history.original()) : from.getValue().lines();
      int fromStep = from == null ? 0 : from.getKey();
      for (Map.Entry<Integer, String> step :
          history.stepDiffs().subMap(fromStep, false, lastStep, true).entrySet()) {
        try {
          text = PatchApplier.apply(text, step.getValue());
        } catch (PatchFailedException e) {
          throw new InvalidInstanceException(
              "history step "
                  + step.getKey()
                  + " does not apply to "
                  + history.path()
                  + ": "
                  + e.getMessage());
        }
      }
      return text;
    }

    /** The version with its ground truth, which must turn it into the final file exactly. */
    private Version validated(LfLines before) throws InvalidInstanceException {
      if (finalText == null) {
        finalText = new GitDiffTarget(history.finalText(), history.path());
      }
      String diff = finalText.diffFrom(before.text());
      if (!hasHunks(diff)) {
        return new Version(before, Prompts.numberedLines(before), null);
      }
      String after;
      try {
        after = PatchApplier.apply(before, diff).text();
      } catch (PatchFailedException e) {
        throw new InvalidInstanceException(
            "ground truth does not apply to " + history.path() + ": " + e.getMessage());
      }
      if (!after.equals(history.finalText())) {
        throw new InvalidInstanceException(
            "ground truth applied to " + history.path() + " does not reproduce its final version");
      }
      return new Version(before, Prompts.numberedLines(before), TextValue.shared(diff));
    }
  }

  /**
   * The reference keeps a file's diff when {@code len(diff.strip().split("\n")) > 2}: more than the
   * {@code diff --git} line alone (difflib yields nothing for identical texts).
   */
  static boolean hasHunks(String diff) {
    String stripped = PyStrings.strip(diff);
    int first = stripped.indexOf('\n');
    return first >= 0 && stripped.indexOf('\n', first + 1) >= 0;
  }
}
