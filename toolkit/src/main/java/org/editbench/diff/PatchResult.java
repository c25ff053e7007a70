package org.editbench.diff;

import java.util.List;

/** A patched text and where each hunk went, for tests and statistics. */
public record PatchResult(String text, List<HunkPlacement> hunks) {
  public PatchResult {
    hunks = List.copyOf(hunks);
  }

  /** The largest fuzz any hunk needed. */
  public int maxFuzz() {
    return hunks.stream().mapToInt(HunkPlacement::fuzz).max().orElse(0);
  }

  /** True when some hunk matched away from the line its header names. */
  public boolean hasOffset() {
    return hunks.stream().anyMatch(h -> h.offset() != 0);
  }
}
