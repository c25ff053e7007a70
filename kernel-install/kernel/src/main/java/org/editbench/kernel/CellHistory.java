package org.editbench.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells this kernel process has run, for Jupyter's history requests (tail, range, search).
 *
 * <p>History lives as long as the process: a restart starts a new, empty session. The session is
 * numbered {@value #SESSION}; a range request for session 0 (IPython's "current session") or
 * {@value #SESSION} reads it, older sessions are empty.
 */
final class CellHistory implements HistoryManager {
  static final int SESSION = 1;

  private record Cell(int number, String input, String output) {}

  private final List<Cell> cells = new ArrayList<>();

  synchronized void record(int number, String input, String output) {
    cells.add(new Cell(number, input, output));
  }

  @Override
  public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
    int from = length <= 0 ? 0 : Math.max(0, cells.size() - length);
    return entries(cells.subList(from, cells.size()), flags);
  }

  @Override
  public synchronized List<HistoryEntry> lookupRange(
      int session, int start, int stop, Set<ResultFlag> flags) {
    if (session != 0 && session != SESSION) {
      return List.of();
    }
    List<Cell> selected =
        cells.stream()
            .filter(cell -> cell.number() >= start && (stop <= 0 || cell.number() < stop))
            .toList();
    return entries(selected, flags);
  }

  /** The last {@code length} cells (all, when 0) whose input matches the glob {@code pattern}. */
  @Override
  public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
    Pattern regex = globToRegex(pattern);
    List<Cell> matching =
        new ArrayList<>(
            cells.stream().filter(cell -> regex.matcher(cell.input()).matches()).toList());
    if (flags.contains(ResultFlag.UNIQUE)) {
      // Keep the latest run of each input, in run order.
      Set<String> seen = new LinkedHashSet<>();
      List<Cell> unique = new ArrayList<>();
      for (int i = matching.size() - 1; i >= 0; i--) {
        if (seen.add(matching.get(i).input())) {
          unique.add(matching.get(i));
        }
      }
      Collections.reverse(unique);
      matching = unique;
    }
    int from = length <= 0 ? 0 : Math.max(0, matching.size() - length);
    return entries(matching.subList(from, matching.size()), flags);
  }

  private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
    boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
    return cells.stream()
        .map(
            cell ->
                new HistoryEntry(
                    SESSION, cell.number(), cell.input(), withOutput ? cell.output() : null))
        .toList();
  }

  /** SQLite's glob, as IPython's history search uses it: {@code *}, {@code ?} and {@code [...]}. */
  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    boolean inClass = false;
    for (char c : glob.toCharArray()) {
      if (inClass) {
        // [a-z] and [^abc] mean in a regex what they mean in the glob.
        regex.append(c == '\\' ? "\\\\" : String.valueOf(c));
        inClass = c != ']';
      } else if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        regex.append('[');
        inClass = true;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
