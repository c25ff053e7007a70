package org.editbench.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a patch to a set of files as {@code git apply} (git 2.39, default options, {@code -p1})
 * does, in pure Java, to tell offline whether a model's patch would apply in the harness.
 *
 * <p>What git apply does by default, and so what this class does — unlike GNU patch (and {@link
 * PatchApplier}, its Java port):
 *
 * <ul>
 *   <li><b>Offsets, unlimited:</b> a hunk is looked for at its new-side start line, then one line
 *       after, one before, two after, and so on over the whole file ({@code find_pos}).
 *   <li><b>No fuzz:</b> every context and removed line must match byte for byte, line ends and
 *       white space included; context is never dropped ({@code -C} is unset).
 *   <li>A hunk whose old side starts at line 0 or 1 must match at the start of the file, and a hunk
 *       without trailing context must match at its end.
 *   <li>A hunk may not match over lines an earlier hunk wrote ({@code --allow-overlap} is unset).
 *   <li>The patch is read strictly: inside a hunk every line starts with space, {@code -}, {@code
 *       +} or {@code \} (an empty line counts as empty context) until the header's line counts are
 *       used up, else the patch is corrupt; hunks need a file header ({@code diff --git} or {@code
 *       ---}/{@code +++}); text between file patches is ignored. The hunks are read by the reader
 *       {@link PatchApplier} uses, in its {@code GIT_APPLY} dialect; the file headers here.
 *   <li>All or nothing: one failing hunk or file rejects the whole patch. A missing file, a created
 *       file that exists, or a deletion that leaves content rejects it too.
 * </ul>
 *
 * <p>Binary patches, file modes and copies are not interpreted; model patches do not carry them.
 */
public final class GitApply {
  private static final String DEV_NULL = "/dev/null";

  private GitApply() {}

  /** What applying came to: the files after the patch, or why git apply would refuse it. */
  public sealed interface Result {
    default boolean applied() {
      return this instanceof Applied;
    }
  }

  /** Every file after the patch (unchanged ones included); deleted files are absent. */
  public record Applied(Map<String, String> files) implements Result {}

  public record Rejected(String reason) implements Result {}

  /** Applies {@code patch} to {@code files} (path → content); the input map is not changed. */
  public static Result apply(Map<String, String> files, String patch) {
    try {
      List<FilePatch> patches = parse(patch);
      if (patches.isEmpty()) {
        return new Rejected("no valid patches in input");
      }
      Map<String, String> out = new LinkedHashMap<>(files);
      for (FilePatch p : patches) {
        p.applyTo(out);
      }
      return new Applied(out);
    } catch (RejectedException | PatchFailedException e) {
      return new Rejected(e.getMessage());
    }
  }

  private static final class RejectedException extends Exception {
    RejectedException(String message) {
      super(message, null, false, false);
    }
  }

  /** The hunks for one file; a null name is /dev/null (creation or deletion). */
  private record FilePatch(String oldName, String newName, List<Hunk> hunks) {
    void applyTo(Map<String, String> files) throws RejectedException {
      String content;
      if (oldName == null) {
        if (files.containsKey(newName)) {
          throw new RejectedException(newName + ": already exists");
        }
        content = "";
      } else {
        content = files.get(oldName);
        if (content == null) {
          throw new RejectedException(oldName + ": no such file");
        }
      }
      Image image = new Image(content);
      for (Hunk hunk : hunks) {
        image.apply(hunk, oldName == null ? newName : oldName);
      }
      String result = image.text();
      if (newName == null) {
        if (!result.isEmpty()) {
          throw new RejectedException(oldName + ": the removal patch leaves file contents");
        }
        files.remove(oldName);
        return;
      }
      if (oldName != null && !oldName.equals(newName)) {
        files.remove(oldName);
      }
      files.put(newName, result);
    }
  }

  /**
   * A file as lines (each with its LF, the last one may lack it) and which lines hunks wrote. The
   * file's own lines are kept as where they start in its text, not cut out: a patch changes a few
   * lines of files of thousands, and cutting every line out and joining them again was most of the
   * time applying took.
   */
  private static final class Image {
    private final String text;

    /** Where the file's line {@code i} starts; its last entry is the text's length. */
    private final int[] starts;

    /**
     * The image's lines in order: the file's line {@code i} as {@code i}, the {@code k}th line a
     * hunk wrote as {@code -1 - k}. The lines hunks wrote are the patched ones.
     */
    private int[] lines;

    private int size;
    private final List<String> written = new ArrayList<>();

    Image(String text) {
      this.text = text;
      starts = lineStarts(text);
      size = starts.length - 1;
      lines = new int[size + 16];
      for (int i = 0; i < size; i++) {
        lines[i] = i;
      }
    }

    void apply(Hunk hunk, String path) throws RejectedException {
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
        throw new RejectedException(
            path + ": patch does not apply (the hunk at patch line " + hunk.line() + ")");
      }
      int grown = size - pre.length + post.length;
      if (grown > lines.length) {
        lines = Arrays.copyOf(lines, grown + 16);
      }
      System.arraycopy(lines, at + pre.length, lines, at + post.length, size - at - pre.length);
      for (int i = 0; i < post.length; i++) {
        lines[at + i] = -1 - written.size();
        written.add(post[i]);
      }
      size = grown;
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
          return false;
        }
      }
      return true;
    }

    String text() {
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
      return out.toString();
    }
  }

  /** Where each line of {@code text} starts (at LF), then the text's length. */
  private static int[] lineStarts(String text) {
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

  // ---- reading the patch ----------------------------------------------------------------

  private static List<FilePatch> parse(String patch)
      throws RejectedException, PatchFailedException {
    // A last line without LF is not a patch line for git ("corrupt patch"); the harness writes
    // the patch file with an LF appended, so do the same.
    String text = patch + "\n";
    PatchLines lines = new PatchLines(text);
    UnifiedPatchReader hunkReader =
        new UnifiedPatchReader(text, UnifiedPatchReader.Dialect.GIT_APPLY);
    List<FilePatch> patches = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      if (lines.startsWith(i, "@@ -")) {
        throw new RejectedException("patch fragment without header at line " + (i + 1));
      }
      boolean gitHeader = lines.startsWith(i, "diff --git ");
      boolean traditional =
          lines.startsWith(i, "--- ") && i + 1 < lines.size() && lines.startsWith(i + 1, "+++ ");
      if (!gitHeader && !traditional) {
        i++;
        continue;
      }
      if (gitHeader) {
        i++;
        while (i < lines.size()
            && !lines.startsWith(i, "--- ")
            && !lines.startsWith(i, "diff --git ")
            && !lines.startsWith(i, "@@ -")) {
          i++; // extended header lines: index, modes, similarity
        }
        if (i >= lines.size() || !lines.startsWith(i, "--- ")) {
          continue; // a header without content change (mode only): nothing to apply
        }
        if (i + 1 >= lines.size() || !lines.startsWith(i + 1, "+++ ")) {
          throw new RejectedException(
              "git diff header lacks filename information at line " + (i + 1));
        }
      }
      String oldName = headerName(lines.get(i), i + 1);
      String newName = headerName(lines.get(i + 1), i + 2);
      i += 2;
      List<Hunk> hunks = new ArrayList<>();
      while (i < lines.size() && lines.startsWith(i, "@@ -")) {
        hunkReader.moveTo(lines.offset(i), i);
        hunks.add(hunkReader.nextHunk());
        i = hunkReader.lineNumber();
      }
      if (hunks.isEmpty()) {
        throw new RejectedException(
            "patch with no hunks for " + (newName != null ? newName : oldName));
      }
      patches.add(new FilePatch(oldName, newName, hunks));
    }
    return patches;
  }

  /**
   * The lines of a patch text (each with its LF) by where they start: only header lines are cut
   * out.
   */
  private static final class PatchLines {
    private final String text;
    private final int[] starts;
    private final int size;

    PatchLines(String text) {
      this.text = text;
      int[] found = new int[16];
      int n = 0;
      for (int start = 0; start < text.length(); ) {
        if (n == found.length) {
          found = Arrays.copyOf(found, n * 2);
        }
        found[n++] = start;
        int lf = text.indexOf('\n', start);
        start = lf < 0 ? text.length() : lf + 1;
      }
      this.starts = found;
      this.size = n;
    }

    int size() {
      return size;
    }

    int offset(int i) {
      return starts[i];
    }

    boolean startsWith(int i, String prefix) {
      return text.startsWith(prefix, starts[i]);
    }

    String get(int i) {
      return text.substring(starts[i], i + 1 < size ? starts[i + 1] : text.length());
    }
  }

  /**
   * {@code --- a/P} → {@code P} (the first path component dropped, as {@code -p1}); /dev/null →
   * null.
   */
  private static String headerName(String line, int number) throws RejectedException {
    String name = line.substring(4).replaceFirst("\n$", "");
    int tab = name.indexOf('\t');
    if (tab >= 0) {
      name = name.substring(0, tab);
    }
    name = name.strip();
    if (name.equals(DEV_NULL)) {
      return null;
    }
    int slash = name.indexOf('/');
    if (slash < 0 || slash == name.length() - 1) {
      throw new RejectedException(
          "cannot find a file name with -p1 in line " + number + ": " + name);
    }
    return name.substring(slash + 1);
  }
}
