package org.editbench.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.editbench.text.LfLines;
import org.editbench.text.PyStrings;

/**
 * One edited file of a corpus instance, {@code patch_histories/{instance}/{encoded_path}/}: {@code
 * original.py}, {@code final.py}, {@code whole-1.diff} and a {@code {k}.diff} for each (global)
 * step {@code k} that edits it. Shared by the replay tests and the fixture's generator.
 *
 * @param name {@code instance_id/encoded_path}
 * @param steps the step numbers, ascending
 */
public record EditedFileHistory(String name, Path folder, List<Integer> steps) {
  private static final Pattern STEP_DIFF = Pattern.compile("(\\d+)\\.diff");
  private static final String GIT_HEADER = "diff --git a/";

  public EditedFileHistory {
    steps = List.copyOf(steps);
  }

  /** Every edited file of every instance under {@code histories}, in path order. */
  public static List<EditedFileHistory> under(Path histories) {
    List<EditedFileHistory> all = new ArrayList<>();
    for (Path instance : sortedChildren(histories)) {
      all.addAll(of(instance));
    }
    return all;
  }

  /** The edited files of one instance's folder, in path order. */
  public static List<EditedFileHistory> of(Path instance) {
    List<EditedFileHistory> files = new ArrayList<>();
    for (Path folder : sortedChildren(instance)) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<Integer> steps = new ArrayList<>();
      for (Path file : sortedChildren(folder)) {
        Matcher m = STEP_DIFF.matcher(file.getFileName().toString());
        if (m.matches()) {
          steps.add(Integer.parseInt(m.group(1)));
        }
      }
      steps.sort(null);
      files.add(
          new EditedFileHistory(
              instance.getFileName() + "/" + folder.getFileName(), folder, steps));
    }
    return files;
  }

  /** A file of the folder with universal newlines, as the infbench builder reads it. */
  public String read(String file) {
    try {
      return PyStrings.universalNewlines(
          Files.readString(folder.resolve(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first line of {@code whole-1.diff}, normally {@code diff --git a/P b/P}. */
  public String wholeDiffFirstLine() {
    return read("whole-1.diff").lines().findFirst().orElseThrow();
  }

  /**
   * The real path, from whole-1.diff's first line "diff --git a/P b/P" (in two files of the corpus
   * "whole.diff" is glued before it).
   */
  public String path() {
    String first = wholeDiffFirstLine();
    String halves = first.substring(first.indexOf(GIT_HEADER) + GIT_HEADER.length());
    return halves.substring(0, (halves.length() - " b/".length()) / 2);
  }

  /** The whole history replayed onto {@code original.py}. */
  public Replay replay() {
    return replay(Integer.MAX_VALUE);
  }

  /**
   * The steps up to {@code lastStep} replayed onto {@code original.py} the way GNU {@code patch
   * --fuzz=1} applies them, stopping at the first step that does not apply. Each step is also
   * applied to the line table the infbench builder keeps, which must give the same text.
   */
  public Replay replay(int lastStep) {
    String text = read("original.py");
    LfLines lines = LfLines.of(text);
    int applications = 0;
    int withFuzz = 0;
    int withOffset = 0;
    List<Integer> misrecorded = new ArrayList<>();
    for (int i = 0; i < steps.size() && steps.get(i) <= lastStep; i++) {
      int step = steps.get(i);
      String diff = read(step + ".diff");
      applications++;
      try {
        PatchResult result = PatchApplier.applyDetailed(text, diff);
        withFuzz += result.maxFuzz() > 0 ? 1 : 0;
        withOffset += result.hasOffset() ? 1 : 0;
        text = result.text();
        lines = PatchApplier.apply(lines, diff);
        if (!lines.text().equals(text) || !sameLines(lines, LfLines.of(text))) {
          misrecorded.add(step);
        }
      } catch (PatchFailedException e) {
        boolean last = i == steps.size() - 1;
        String failure =
            "step "
                + step
                + (last ? " (last)" : "")
                + ": "
                + e.getMessage().substring(0, e.getMessage().indexOf(')') + 1);
        return new Replay(applications, withFuzz, withOffset, failure, null, false, misrecorded);
      }
    }
    return new Replay(
        applications, withFuzz, withOffset, null, text, text.equals(read("final.py")), misrecorded);
  }

  /**
   * What a replay did.
   *
   * @param applications steps tried, the failing one included
   * @param failure {@code step k[ (last)]: hunk #n (@@ … @@…)} for the step that did not apply,
   *     else null
   * @param text the replayed text, null after a failure
   * @param reachesFinal whether the text equals {@code final.py}
   * @param misrecordedSteps steps after which the builder's line table disagrees with the text
   */
  public record Replay(
      int applications,
      int withFuzz,
      int withOffset,
      String failure,
      String text,
      boolean reachesFinal,
      List<Integer> misrecordedSteps) {}

  private static boolean sameLines(LfLines a, LfLines b) {
    if (a.count() != b.count()) {
      return false;
    }
    for (int k = 0; k <= a.count(); k++) {
      if (a.start(k) != b.start(k)) {
        return false;
      }
    }
    return true;
  }

  private static List<Path> sortedChildren(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
