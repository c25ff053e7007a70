package org.editbench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.editbench.bench.BenchInstance;
import org.editbench.diff.EditedFileHistory;
import org.editbench.infbench.Requirement;
import org.editbench.infbench.Split;

/**
 * The facts about the corpus's data that an implementation must honour (its README's list, and a
 * few the parity tests found), each decided from an instance's bench record and patch histories.
 * The fixture is chosen so that every one is present; {@code FixtureContentsTest} checks it.
 */
public enum CorpusQuirk {
  CUT_MID_LINE("a step diff ends in the middle of a line (no final newline)"),
  FUZZ_1("a step applies only with fuzz 1"),
  OFFSET("a step applies at a line offset"),
  FAILING_STEP("a step diff does not apply (a last step, which no split replays)"),
  REPLAY_MISSES_FINAL("a file's replayed history does not reproduce final.py"),
  GROUND_TRUTH_OMITS_FILE(
      "at 0.2 the history already finishes a file, so the ground truth has no diff for it"),
  STEP_GAPS("a file's step numbers have gaps (steps are numbered over the whole PR)"),
  MULTI_FILE_STEP("one step edits several files"),
  GLUED_WHOLE_DIFF("whole-1.diff has whole.diff glued before its diff --git line"),
  SPLIT_CLAMPED(
      "round(steps × info_pct) is 0 or every step for a published ratio, so the split is clamped"),
  EMPTY_REQUIREMENT("no title, body or issue text: None_body_issue's requirement is empty"),
  TITLE_ONLY("a PR title and nothing else"),
  HTML_COMMENT("<!-- --> comments in the messages"),
  CR_LINE_ENDS("CR LF or CR line ends in the messages"),
  NON_ASCII_MESSAGE("non-ASCII text in the messages"),
  NON_ASCII_CODE("non-ASCII text in the step diffs");

  private static final double[] PUBLISHED_RATIOS = {0.2, 0.4, 0.6, 0.8};

  private final String description;

  CorpusQuirk(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The quirks of one instance, whose edited files are under {@code histories/{instance_id}}. */
  public static Set<CorpusQuirk> of(BenchInstance instance, Path histories) {
    Set<CorpusQuirk> quirks = EnumSet.noneOf(CorpusQuirk.class);
    int firstPredicted = Split.splitIndex(instance.stepCount(), 0.2) + 1;
    for (EditedFileHistory file : EditedFileHistory.of(histories.resolve(instance.instanceId()))) {
      for (int k = 0; k < file.steps().size(); k++) {
        if (!file.read(file.steps().get(k) + ".diff").endsWith("\n")) {
          quirks.add(CUT_MID_LINE);
        }
        if (file.steps().get(k) != file.steps().get(0) + k) {
          quirks.add(STEP_GAPS);
        }
      }
      EditedFileHistory.Replay replay = file.replay();
      if (replay.withFuzz() > 0) {
        quirks.add(FUZZ_1);
      }
      if (replay.withOffset() > 0) {
        quirks.add(OFFSET);
      }
      if (replay.failure() != null) {
        quirks.add(FAILING_STEP);
      } else if (!replay.reachesFinal()) {
        quirks.add(REPLAY_MISSES_FINAL);
      }
      if (file.steps().get(0) < firstPredicted && file.replay(firstPredicted - 1).reachesFinal()) {
        quirks.add(GROUND_TRUTH_OMITS_FILE);
      }
      if (!file.wholeDiffFirstLine().startsWith("diff --git ")) {
        quirks.add(GLUED_WHOLE_DIFF);
      }
    }
    if (instance.workPatchList().stream().anyMatch(step -> step.size() > 1)) {
      quirks.add(MULTI_FILE_STEP);
    }
    for (double ratio : PUBLISHED_RATIOS) {
      long raw = (long) Math.rint(instance.stepCount() * ratio);
      if (raw < 1 || raw > instance.stepCount() - 1) {
        quirks.add(SPLIT_CLAMPED);
      }
    }
    if (Requirement.of(instance, true, true).isEmpty()) {
      quirks.add(EMPTY_REQUIREMENT);
    }
    List<String> messages =
        List.of(
            orEmpty(instance.titleMes()),
            orEmpty(instance.bodyMes()),
            orEmpty(instance.issuesMes()));
    if (!messages.get(0).isEmpty() && messages.get(1).isEmpty() && messages.get(2).isEmpty()) {
      quirks.add(TITLE_ONLY);
    }
    if (messages.stream().anyMatch(m -> m.contains("<!--"))) {
      quirks.add(HTML_COMMENT);
    }
    if (messages.stream().anyMatch(m -> m.indexOf('\r') >= 0)) {
      quirks.add(CR_LINE_ENDS);
    }
    if (messages.stream().anyMatch(CorpusQuirk::hasNonAscii)) {
      quirks.add(NON_ASCII_MESSAGE);
    }
    if (instance.workPatchList().stream()
        .flatMap(List::stream)
        .anyMatch(CorpusQuirk::hasNonAscii)) {
      quirks.add(NON_ASCII_CODE);
    }
    return quirks;
  }

  private static boolean hasNonAscii(String s) {
    return s.chars().anyMatch(c -> c > 0x7f);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
