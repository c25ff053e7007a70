package org.editbench.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *       git's: a hunk's old side is compared as bytes from its first line on, so a line whose
 *       newline a "\ No newline at end of file" marker took away need only start the file's line,
 *       white space after it; the whole line is replaced, so the next line joins the hunk's last
 *       new-side line.
 *   <li>A hunk whose old side starts at line 0 or 1 must match at the start of the file, and a hunk
 *       without trailing context must match at its end.
 *   <li>A hunk may not match over lines an earlier hunk wrote ({@code --allow-overlap} is unset).
 *   <li>The patch is read strictly: inside a hunk every line starts with space, {@code -}, {@code
 *       +} or {@code \} (an empty line counts as empty context) until the header's line counts are
 *       used up, else the patch is corrupt; hunks need a file header, found and read as git does
 *       ({@link GitPatchHeaders}: a {@code diff --git} header creates or deletes only with its mode
 *       lines, a {@code ---}/{@code +++} one is a header only before a hunk); other text is
 *       skipped. The hunks are read by the reader {@link PatchApplier} uses, in its {@code
 *       GIT_APPLY} dialect.
 *   <li>All or nothing: one failing hunk or file rejects the whole patch. A missing file, a created
 *       file that exists, or a deletion that leaves content rejects it too; a {@code ---}/{@code
 *       +++} header whose file is missing creates it when its one hunk has no old lines.
 * </ul>
 *
 * <p>Binary patches are not read, and file modes only to tell whether a header without hunks
 * changes something; model patches rarely carry either.
 */
public final class GitApply {
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
      // As git does: each file patch reads what the ones before it made of its file (renames and
      // copies read the file as it was), and the results are written at the end, every file a
      // patch removes first and every file one writes after.
      Set<String> toBeDeleted = new HashSet<>();
      for (FilePatch p : patches) {
        if (p.header.oldName() != null && (p.header.newName() == null || p.header.isRename())) {
          toBeDeleted.add(p.header.oldName());
        }
      }
      Map<String, Object> made = new HashMap<>();
      Set<String> removed = new HashSet<>();
      Map<String, Object> written = new LinkedHashMap<>();
      for (FilePatch p : patches) {
        p.applyTo(files, made, toBeDeleted, removed, written, lineStarts);
      }
      Map<String, Object> out = new LinkedHashMap<>(files);
      out.keySet().removeAll(removed);
      out.putAll(written);
      return new Applied(out);
    } catch (RejectedException | PatchFailedException e) {
      return new Rejected(e.getMessage());
    }
  }

  /** Why git apply would refuse the patch, in its words where they say where. */
  static final class RejectedException extends Exception {
    RejectedException(String message) {
      super(message, null, false, false);
    }
  }

  /** What an earlier file patch left of a file it deleted or renamed away. */
  private static final Object GONE = new Object();

  /** One file's header and hunks. */
  private record FilePatch(GitPatchHeaders.Header header, List<Hunk> hunks) {
    /**
     * Applies this file patch to the {@code files} given, or to what an earlier file patch {@code
     * made} of its file (path → {@link LineImage}, or {@link #GONE} once deleted or renamed away;
     * git's fn_table); adds the file it removes to {@code removed}, the one it writes to {@code
     * written}. {@code toBeDeleted}: the files some file patch deletes or renames away.
     */
    void applyTo(
        Map<String, String> files,
        Map<String, Object> made,
        Set<String> toBeDeleted,
        Set<String> removed,
        Map<String, Object> written,
        LineStarts lineStarts)
        throws RejectedException {
      String oldName = header.oldName();
      String newName = header.newName();
      for (String name : new String[] {oldName, newName}) {
        if (name != null && !isValidPath(name)) {
          throw new RejectedException("invalid path '" + name + "'");
        }
      }
      String content = "";
      boolean creates = oldName == null;
      if (oldName != null) {
        Object previous = header.isRename() || header.isCopy() ? null : made.get(oldName);
        if (previous == GONE) {
          throw new RejectedException("path " + oldName + " has been renamed/deleted");
        }
        Object source = previous != null ? previous : files.get(oldName);
        if (source != null) {
          content = Applied.text(source);
        } else if (header.isNew() == GitPatchHeaders.UNDECIDED) {
          creates = true; // git's is_new: a header that left it open, whose file is missing
          oldName = null;
        } else {
          throw new RejectedException(oldName + ": no such file");
        }
      }
      if (newName != null && (creates || header.isRename() || header.isCopy())) {
        Object there = made.get(newName);
        boolean mayExist = there == GONE || there == null && toBeDeleted.contains(newName);
        if (files.containsKey(newName) && !mayExist) {
          throw new RejectedException(newName + ": already exists");
        }
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
        made.put(oldName, GONE);
        removed.add(oldName);
        return;
      }
      made.put(newName, image);
      written.put(newName, image);
      if (oldName != null && !oldName.equals(newName) && !header.isCopy()) {
        removed.add(oldName);
        if (header.isRename()) {
          made.put(oldName, GONE);
        }
      }
    }
  }

  /**
   * git's verify_path: no absolute path, and no empty, {@code .}, {@code ..} or {@code .git}
   * component.
   */
  private static boolean isValidPath(String path) {
    for (String part : path.split("/", -1)) {
      if (part.isEmpty()
          || part.equals(".")
          || part.equals("..")
          || part.equalsIgnoreCase(".git")) {
        return false;
      }
    }
    return true;
  }

  // ---- reading the patch ----------------------------------------------------------------

  private static List<FilePatch> parse(String patch)
      throws RejectedException, PatchFailedException {
    // A last line without LF is not a patch line for git ("corrupt patch"); the harness writes
    // the patch file with an LF appended, so do the same.
    String text = patch + "\n";
    PatchLines lines = new PatchLines(text);
    GitPatchHeaders headers = new GitPatchHeaders(lines);
    UnifiedPatchReader hunkReader =
        new UnifiedPatchReader(text, UnifiedPatchReader.Dialect.GIT_APPLY);
    List<FilePatch> patches = new ArrayList<>();
    for (GitPatchHeaders.Header header = headers.find(0);
        header != null;
        header = headers.find(hunkReader.lineNumber())) {
      List<Hunk> hunks = new ArrayList<>();
      int first = header.firstHunkLine();
      hunkReader.moveTo(first < lines.size() ? lines.offset(first) : text.length(), first);
      while (lines.startsWith(hunkReader.lineNumber(), "@@ -")) {
        hunks.add(hunkReader.nextHunk());
      }
      patches.add(new FilePatch(decided(header, hunks, first), hunks));
    }
    return patches;
  }

  /**
   * The header with what its hunks decide (git's parse_single_patch): a header that left open
   * whether it creates or deletes does not once its hunks have old or new lines or are several; a
   * creation may not have old lines, a deletion no new ones, and a header without hunks must change
   * something itself.
   */
  private static GitPatchHeaders.Header decided(
      GitPatchHeaders.Header header, List<Hunk> hunks, int line) throws RejectedException {
    int oldLines = 0;
    int newLines = 0;
    for (Hunk hunk : hunks) {
      oldLines += hunk.oldSide().size();
      newLines += hunk.newSide().size();
    }
    if (hunks.isEmpty() && !header.metadataChanges()) {
      throw new RejectedException("patch with only garbage at line " + (line + 1));
    }
    int isNew = header.isNew();
    int isDelete = header.isDelete();
    if (isNew == GitPatchHeaders.UNDECIDED && (oldLines > 0 || hunks.size() > 1)) {
      isNew = 0;
    }
    if (isDelete == GitPatchHeaders.UNDECIDED && (newLines > 0 || hunks.size() > 1)) {
      isDelete = 0;
    }
    if (isNew == 1 && oldLines > 0) {
      throw new RejectedException("new file " + header.newName() + " depends on old contents");
    }
    if (isDelete == 1 && newLines > 0) {
      throw new RejectedException("deleted file " + header.oldName() + " still has contents");
    }
    return header.decided(isNew, isDelete);
  }
}
