package org.editbench.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A file as lines (each with its LF, the last one may lack it) and which lines hunks wrote. The
 * file's own lines are kept as where they start in its text, not cut out: a patch changes a few
 * lines of files of thousands, and cutting every line out and joining them again was most of the
 * time applying took.
 */
final class LineImage {
  private final String text;

  /** Where the file's line {@code i} starts; its last entry is the text's length. */
  private final int[] starts;

  /**
   * The image's lines in order: the file's line {@code i} as {@code i}, the {@code k}th line a hunk
   * wrote as {@code -1 - k}. The lines hunks wrote are the patched ones.
   */
  private int[] lines;

  private int size;
  private final List<String> written = new ArrayList<>();

  /** The length of the text after the hunks; the text itself once asked for. */
  private int length;

  private String patchedText;

  /** {@code starts}: {@link #lineStarts} of {@code text}, not changed. */
  LineImage(String text, int[] starts) {
    this.text = text;
    length = text.length();
    this.starts = starts;
    size = starts.length - 1;
    lines = new int[size + 16];
    for (int i = 0; i < size; i++) {
      lines[i] = i;
    }
  }

  /**
   * Applies {@code hunk} where git apply would place it; false when it matches nowhere (the image
   * is then unchanged).
   */
  boolean apply(Hunk hunk) {
    String[] pre = hunk.oldSide().lines();
    String[] post = hunk.newSide().lines();
    boolean matchBeginning = hunk.oldSide().headerStart() <= 1;
    boolean matchEnd = hunk.suffixContext() == 0;
    int newStart = hunk.newSide().headerStart();
    int line = newStart > 0 ? newStart - 1 : 0;
    if (matchBeginning) {
      line = 0;
    } else if (matchEnd) {
      line = size - pre.length;
    }
    line = Math.max(0, Math.min(line, size));
    int at = findPosition(pre, line, matchBeginning, matchEnd);
    if (at < 0) {
      return false;
    }
    int grown = size - pre.length + post.length;
    if (grown > lines.length) {
      lines = Arrays.copyOf(lines, grown + 16);
    }
    // The file's lines are taken out whole, as in git: an old side whose bytes only started them
    // (see matches) leaves nothing of them behind.
    for (int i = 0; i < pre.length; i++) {
      int replaced = lines[at + i];
      length -= starts[replaced + 1] - starts[replaced];
    }
    System.arraycopy(lines, at + pre.length, lines, at + post.length, size - at - pre.length);
    for (int i = 0; i < post.length; i++) {
      lines[at + i] = -1 - written.size();
      written.add(post[i]);
      length += post[i].length();
    }
    size = grown;
    patchedText = null;
    return true;
  }

  /** The length of {@link #text()}, without putting it together. */
  int length() {
    return length;
  }

  /** git's find_pos: the start line, then alternately one further after and before it. */
  private int findPosition(String[] pre, int start, boolean matchBeginning, boolean matchEnd) {
    int backwards = start;
    int forwards = start;
    int current = start;
    for (int i = 0; ; i++) {
      if (matches(pre, current, matchBeginning, matchEnd)) {
        return current;
      }
      while (true) {
        if (backwards == 0 && forwards == size) {
          return -1;
        }
        if ((i & 1) != 0) {
          if (backwards == 0) {
            i++;
            continue;
          }
          current = --backwards;
        } else {
          if (forwards == size) {
            i++;
            continue;
          }
          current = ++forwards;
        }
        break;
      }
    }
  }

  /**
   * git's match_fragment without white-space options: each old-side line has its file line's
   * characters apart from white space (git first compares lines by a hash that skips it), and the
   * old side's bytes, put together, start the file's from the first line on. Lines that are equal
   * pass both, and most positions fail at their first line. Others still match when a marker took
   * an old-side line's newline away: such a last line need only start its file line (white space
   * may follow there), in a hunk that need not end the file.
   */
  private boolean matches(String[] pre, int at, boolean matchBeginning, boolean matchEnd) {
    if (matchBeginning && at != 0) {
      return false;
    }
    if (matchEnd && at + pre.length != size) {
      return false;
    }
    if (at + pre.length > size) {
      return false;
    }
    for (int i = 0; i < pre.length; i++) {
      int line = lines[at + i];
      if (line < 0) {
        return false; // written by an earlier hunk
      }
      int start = starts[line];
      int length = starts[line + 1] - start;
      if (pre[i].length() != length || !text.regionMatches(start, pre[i], 0, length)) {
        // The bytes first: they differ at once where the file differs.
        return startsTheImage(pre, at, matchEnd) && sameApartFromSpace(pre, at);
      }
    }
    return true;
  }

  /** Whether each old-side line and its file line differ only in git's spaces. */
  private boolean sameApartFromSpace(String[] pre, int at) {
    for (int k = 0; k < pre.length; k++) {
      int line = lines[at + k];
      if (line < 0) {
        return false; // written by an earlier hunk
      }
      String old = pre[k];
      int to = starts[line + 1];
      int i = 0;
      int j = starts[line];
      while (true) {
        while (i < old.length() && isSpace(old.charAt(i))) {
          i++;
        }
        while (j < to && isSpace(text.charAt(j))) {
          j++;
        }
        if (i == old.length() || j == to) {
          if (i != old.length() || j != to) {
            return false;
          }
          break;
        }
        if (old.charAt(i++) != text.charAt(j++)) {
          return false;
        }
      }
    }
    return true;
  }

  /** git's isspace: space, tab, LF and CR, not the vertical tab or the form feed. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * Whether the old side's bytes start the image's from line {@code at} on (and, when the hunk must
   * end the file, are all of them).
   */
  private boolean startsTheImage(String[] pre, int at, boolean matchEnd) {
    if (matchEnd) {
      int preLength = 0;
      for (String line : pre) {
        preLength += line.length();
      }
      int imageLength = 0;
      for (int i = at; i < size; i++) {
        imageLength += lineLength(i);
      }
      if (imageLength != preLength) {
        return false;
      }
    }
    int image = at;
    int offset = 0;
    for (String line : pre) {
      for (int k = 0; k < line.length(); ) {
        if (image == size) {
          return false;
        }
        int length = lineLength(image);
        int n = Math.min(line.length() - k, length - offset);
        if (n > 0 && !regionMatches(image, offset, line, k, n)) {
          return false;
        }
        k += n;
        offset += n;
        if (offset == length) {
          image++;
          offset = 0;
        }
      }
    }
    return true;
  }

  private int lineLength(int i) {
    int line = lines[i];
    return line < 0 ? written.get(-1 - line).length() : starts[line + 1] - starts[line];
  }

  /** Whether the image's line {@code i} from {@code offset} on has {@code other}'s n chars at k. */
  private boolean regionMatches(int i, int offset, String other, int k, int n) {
    int line = lines[i];
    return line < 0
        ? written.get(-1 - line).regionMatches(offset, other, k, n)
        : text.regionMatches(starts[line] + offset, other, k, n);
  }

  /** The file after the hunks applied so far. */
  String text() {
    if (patchedText != null) {
      return patchedText;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < size; ) {
      int line = lines[i];
      if (line < 0) {
        out.append(written.get(-1 - line));
        i++;
        continue;
      }
      // a run of the file's own consecutive lines is one piece of its text
      int last = line;
      for (i++; i < size && lines[i] == last + 1; i++) {
        last++;
      }
      out.append(text, starts[line], starts[last + 1]);
    }
    patchedText = out.toString();
    return patchedText;
  }

  /** Where each line of {@code text} starts (at LF), then the text's length. */
  static int[] lineStarts(String text) {
    int[] starts = new int[64];
    int n = 0;
    for (int start = 0; ; ) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = start;
      if (start == text.length()) {
        return Arrays.copyOf(starts, n);
      }
      int lf = text.indexOf('\n', start);
      start = lf < 0 ? text.length() : lf + 1;
    }
  }
}
