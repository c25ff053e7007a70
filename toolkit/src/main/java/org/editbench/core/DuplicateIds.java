package org.editbench.core;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The instance ids a merge has seen, and where: a second record of an id is warned of with both
 * places ({@code file:line}), the first {@value #LISTED} by name and the rest alike unlisted, so
 * that a merge never handles a duplicate without a word.
 */
public final class DuplicateIds {
  private static final int LISTED = 10;

  private final Map<String, String> firstSeen = new HashMap<>();
  private final Reporter reporter;
  private final String handling;
  private int duplicates;

  /**
   * @param handling what the merge does with a duplicate, as the warning ends: e.g. "keeping the
   *     first"
   */
  public DuplicateIds(Reporter reporter, String handling) {
    this.reporter = reporter;
    this.handling = handling;
  }

  /** Whether {@code id} at {@code file:line} is new; a duplicate is warned of. */
  public boolean firstOf(String id, Path file, int line) {
    String where = file + ":" + line;
    String first = firstSeen.putIfAbsent(id, where);
    if (first == null) {
      return true;
    }
    duplicates++;
    if (duplicates <= LISTED) {
      reporter.warn(where + ": instance_id " + id + " again (first at " + first + "); " + handling);
    } else if (duplicates == LISTED + 1) {
      reporter.warn("further duplicate instance_ids are handled alike, not listed");
    }
    return false;
  }

  /** The ids seen, each once. */
  public Set<String> ids() {
    return firstSeen.keySet();
  }

  public int duplicates() {
    return duplicates;
  }
}
