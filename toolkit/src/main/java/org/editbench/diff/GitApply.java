package org.editbench.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
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
 *       white space included; context is never dropped ({@code -C} is unset). One exception is
 *       git's: a hunk's last old-side line without its newline ("\ No newline at end of file"), in
 *       a hunk with trailing context, need only start the file's line, white space after it; the
 *       whole line is replaced, so the next line joins the hunk's last new-side line.
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

  /**
   * Every file after the patch (unchanged ones included); deleted files are absent. A patched
   * file's text is put together when first asked for: whether a patch applies needs none, and
   * whether two patches make the same files mostly only their lengths.
   */
  public static final class Applied implements Result {
    /** Path → an unchanged file's text or a patched file's {@link LineImage}. */
    private final Map<String, Object> files;

    private Map<String, String> texts;

    private Applied(Map<String, Object> files) {
      this.files = files;
    }

    /** Path → content, in the order of the files given, renamed and created ones last. */
    public synchronized Map<String, String> files() {
      if (texts == null) {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, file) -> out.put(path, text(file)));
        texts = Collections.unmodifiableMap(out);
      }
      return texts;
    }

    /**
     * {@code files().equals(other.files())}, with the lengths of patched files compared before
     * their texts are put together.
     */
    public boolean sameFiles(Applied other) {
      if (!files.keySet().equals(other.files.keySet())) {
        return false;
      }
      for (Map.Entry<String, Object> file : files.entrySet()) {
        Object mine = file.getValue();
        Object theirs = other.files.get(file.getKey());
        if (mine != theirs && length(mine) != length(theirs)) {
          return false;
        }
      }
      for (Map.Entry<String, Object> file : files.entrySet()) {
        Object mine = file.getValue();
        Object theirs = other.files.get(file.getKey());
        if (mine != theirs && !text(mine).equals(text(theirs))) {
          return false;
        }
      }
      return true;
    }

    private static String text(Object file) {
      return file instanceof LineImage image ? image.text() : (String) file;
    }

    private static int length(Object file) {
      return file instanceof LineImage image ? image.length() : ((String) file).length();
    }
  }

  public record Rejected(String reason) implements Result {}

  /** Applies {@code patch} to {@code files} (path → content); the input map is not changed. */
  public static Result apply(Map<String, String> files, String patch) {
    return apply(files, patch, new LineStarts());
  }

  /**
   * Where the lines of files start, for several patches applied to the same files (a prediction and
   * its ground truth): found once per file rather than once per patch, a twentieth of scoring. Kept
   * by the identity of the file's text; for one thread.
   */
  public static final class LineStarts {
    private final Map<String, int[]> byText = new IdentityHashMap<>();

    int[] of(String text) {
      return byText.computeIfAbsent(text, LineImage::lineStarts);
    }
  }

  /**
   * {@link #apply(Map, String)} with the line starts of {@code files} kept in {@code lineStarts}.
   */
  public static Result apply(Map<String, String> files, String patch, LineStarts lineStarts) {
    try {
      List<FilePatch> patches = parse(patch);
      if (patches.isEmpty()) {
        return new Rejected("no valid patches in input");
      }
      Map<String, Object> out = new LinkedHashMap<>(files);
      for (FilePatch p : patches) {
        p.applyTo(out, lineStarts);
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
    /** {@code files}: path → text, or the {@link LineImage} an earlier file patch made. */
    void applyTo(Map<String, Object> files, LineStarts lineStarts) throws RejectedException {
      String content;
      if (oldName == null) {
        if (files.containsKey(newName)) {
          throw new RejectedException(newName + ": already exists");
        }
        content = "";
      } else {
        Object file = files.get(oldName);
        if (file == null) {
          throw new RejectedException(oldName + ": no such file");
        }
        content = Applied.text(file);
      }
      LineImage image = new LineImage(content, lineStarts.of(content));
      for (Hunk hunk : hunks) {
        if (!image.apply(hunk)) {
          throw new RejectedException(
              (oldName == null ? newName : oldName)
                  + ": patch does not apply (the hunk at patch line "
                  + hunk.line()
                  + ")");
        }
      }
      if (newName == null) {
        if (image.length() != 0) {
          throw new RejectedException(oldName + ": the removal patch leaves file contents");
        }
        files.remove(oldName);
        return;
      }
      if (oldName != null && !oldName.equals(newName)) {
        files.remove(oldName);
      }
      files.put(newName, image);
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
