package org.editbench.diff;

/**
 * The new side of git diffs that all end at the same version of a file: its lines, their numbering
 * and the matcher's index over them are built once, so that each diff from an earlier version costs
 * only that version's side. {@code diffFrom(before)} equals {@link UnifiedDiff#gitDiff
 * UnifiedDiff.gitDiff(before, after, path)}. Immutable.
 */
public final class GitDiffTarget {
  private final String path;
  private final TextLines after;
  private final TextLines.Ids ids;
  private final SequenceMatcher.Index index;

  public GitDiffTarget(String after, String path) {
    this.path = path;
    this.after = TextLines.of(after);
    this.ids = new TextLines.Ids(this.after);
    this.index = new SequenceMatcher.Index(ids.ofB(), ids.distinct());
  }

  /** The git diff from {@code before} to this target; only the header line when they are equal. */
  public String diffFrom(String before) {
    if (before.equals(after.text())) {
      // difflib finds no hunks in equal texts: spare cutting and matching them
      return UnifiedDiff.gitHeader(path);
    }
    TextLines a = TextLines.sharingEnds(before, after);
    return UnifiedDiff.gitDiff(a, after, new SequenceMatcher(ids.of(a), index), path);
  }
}
