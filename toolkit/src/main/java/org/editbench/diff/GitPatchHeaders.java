package org.editbench.diff;

/**
 * Finds and reads the file headers of a patch as git apply 2.39 does with its default options
 * (apply.c's {@code find_header}, {@code parse_git_diff_header}, {@code parse_traditional_patch}),
 * for {@link GitApply}. What decides whether a model's patch applies in the harness:
 *
 * <ul>
 *   <li>A {@code diff --git} header says itself whether it creates or deletes a file, by a {@code
 *       new file mode} or {@code deleted file mode} line; without one, {@code --- /dev/null} is the
 *       file {@code dev/null}. Its {@code ---} and {@code +++} names must agree with what the
 *       header said before them.
 *   <li>A {@code ---}/{@code +++} pair is a header only when a {@code @@ -} line follows it; its
 *       file is the {@code +++} name (the {@code ---} one when that is a prefix of it), and whether
 *       it creates or deletes is left open, to be decided by its hunks and the files. The first
 *       pair whose names have no slash makes git strip no leading directory from then on.
 *   <li>Names end at a tab or a carriage return, not at a space; {@code -p1} strips the first
 *       directory; repeated slashes count as one.
 *   <li>Text that is not a header is skipped, but a line that parses as a hunk header outside a
 *       file's patch rejects the whole patch.
 * </ul>
 *
 * <p>C-quoted names, timestamps after a space rather than a tab, and binary patches are not read.
 */
final class GitPatchHeaders {
  /** Git's tri-state for creation and deletion: not decided yet (a traditional header). */
  static final int UNDECIDED = -1;

  /**
   * One file's header.
   *
   * @param oldName the file patched, null when the header creates one
   * @param newName the file written, null when the header deletes one
   * @param isNew 1 when the header creates the file, 0 when not, {@link #UNDECIDED}
   * @param isDelete 1 when the header deletes the file, 0 when not, {@link #UNDECIDED}
   * @param isRename whether the header names a rename (the old file goes)
   * @param isCopy whether the header names a copy (the old file stays)
   * @param metadataChanges whether the header changes something without hunks (git's {@code
   *     metadata_changes}: creation, deletion, rename, copy, mode)
   * @param firstHunkLine the index of the line after the header
   */
  record Header(
      String oldName,
      String newName,
      int isNew,
      int isDelete,
      boolean isRename,
      boolean isCopy,
      boolean metadataChanges,
      int firstHunkLine) {
    /** This header with whether it creates and deletes as its hunks decided. */
    Header decided(int creates, int deletes) {
      return new Header(
          oldName, newName, creates, deletes, isRename, isCopy, metadataChanges, firstHunkLine);
    }
  }

  private final PatchLines lines;
  private int pValue = 1;
  private boolean pValueKnown;

  GitPatchHeaders(PatchLines lines) {
    this.lines = lines;
  }

  /** What one search for a header has read: git keeps it across a header it skips. */
  private static final class Reading {
    String oldName;
    String newName;
    int isNew = UNDECIDED;
    int isDelete = UNDECIDED;
    boolean isRename;
    boolean isCopy;
    int oldMode; // 0: not given
    int newMode;
  }

  /** The first header at or after line {@code from}, or null when the patch has none left. */
  Header find(int from) throws GitApply.RejectedException {
    Reading reading = new Reading();
    String text = lines.text();
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.length() < 6) {
        continue;
      }
      if (line.startsWith("@@ -")) {
        if (!isHunkHeader(line)) {
          continue;
        }
        throw new GitApply.RejectedException(
            "patch fragment without header at line "
                + (i + 1)
                + ": "
                + UnifiedPatchReader.withoutNewline(line));
      }
      if (text.length() - lines.offset(i) < line.length() + 6) {
        break;
      }
      if (line.startsWith("diff --git ")) {
        Header header = gitHeader(i, reading);
        if (header != null) {
          return header;
        }
        continue;
      }
      if (line.startsWith("--- ")
          && lines.startsWith(i + 1, "+++ ")
          && lines.startsWith(i + 2, "@@ -")) {
        return traditionalHeader(i, reading);
      }
    }
    return null;
  }

  /** A {@code diff --git} header; null when it is that line alone, which git skips. */
  private Header gitHeader(int at, Reading r) throws GitApply.RejectedException {
    r.isNew = 0;
    r.isDelete = 0;
    String defaultName = headerName(UnifiedPatchReader.withoutNewline(lines.get(at)).substring(11));
    int i = at + 1;
    for (; i < lines.size() && lines.get(i).endsWith("\n"); i++) {
      String line = lines.get(i);
      int number = i + 1;
      if (line.startsWith("@@ -")) {
        break;
      } else if (line.startsWith("--- ")) {
        r.oldName = verifiedName(line.substring(4), r.isNew, r.oldName, "old", number);
      } else if (line.startsWith("+++ ")) {
        r.newName = verifiedName(line.substring(4), r.isDelete, r.newName, "new", number);
      } else if (line.startsWith("old mode ")) {
        r.oldMode = GitFileModes.read(line, 9, number);
      } else if (line.startsWith("new mode ")) {
        r.newMode = GitFileModes.read(line, 9, number);
      } else if (line.startsWith("deleted file mode ")) {
        r.isDelete = 1;
        r.oldName = defaultName;
        r.oldMode = GitFileModes.read(line, 18, number);
      } else if (line.startsWith("new file mode ")) {
        r.isNew = 1;
        r.newName = defaultName;
        r.newMode = GitFileModes.read(line, 14, number);
      } else if (line.startsWith("copy from ")) {
        r.isCopy = true;
        r.oldName = renameOrCopyName(line);
      } else if (line.startsWith("copy to ")) {
        r.isCopy = true;
        r.newName = renameOrCopyName(line);
      } else if (line.startsWith("rename old ") || line.startsWith("rename from ")) {
        r.isRename = true;
        r.oldName = renameOrCopyName(line);
      } else if (line.startsWith("rename new ") || line.startsWith("rename to ")) {
        r.isRename = true;
        r.newName = renameOrCopyName(line);
      } else if (line.startsWith("index ")) {
        int mode = GitFileModes.ofIndexLine(line, number);
        if (mode != 0) {
          r.oldMode = mode;
        }
      } else if (!line.startsWith("similarity index ")
          && !line.startsWith("dissimilarity index ")) {
        break;
      }
      int kinds =
          (r.isDelete == 1 ? 1 : 0)
              + (r.isNew == 1 ? 1 : 0)
              + (r.isRename ? 1 : 0)
              + (r.isCopy ? 1 : 0);
      if (kinds > 1) {
        throw new GitApply.RejectedException("inconsistent header lines at line " + number);
      }
    }
    if (r.oldName == null && r.newName == null) {
      if (defaultName == null) {
        throw new GitApply.RejectedException(
            "git diff header lacks filename information when removing "
                + pValue
                + " leading pathname component (line "
                + (at + 1)
                + ")");
      }
      r.oldName = defaultName;
      r.newName = defaultName;
    }
    if (r.newName == null && r.isDelete != 1 || r.oldName == null && r.isNew != 1) {
      throw new GitApply.RejectedException(
          "git diff header lacks filename information (line " + (at + 1) + ")");
    }
    if (i == at + 1) {
      return null;
    }
    boolean modeChange = r.oldMode != 0 && r.newMode != 0 && r.oldMode != r.newMode;
    return new Header(
        r.isNew == 1 ? null : r.oldName,
        r.isDelete == 1 ? null : r.newName,
        r.isNew,
        r.isDelete,
        r.isRename,
        r.isCopy,
        r.isNew == 1 || r.isDelete == 1 || r.isRename || r.isCopy || modeChange,
        i);
  }

  /**
   * The name after a rename or copy line's two words: the path without its {@code a/} or {@code
   * b/}, so one directory fewer is stripped, and a space does not end it.
   */
  private String renameOrCopyName(String line) {
    String field = line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1);
    return name(field, null, Math.max(0, pValue - 1), false);
  }

  /**
   * A {@code ---}/{@code +++} name of a git header: the first one read sets the side's name, a
   * later one must repeat it, and a side the header creates or deletes must be {@code /dev/null}.
   */
  private String verifiedName(String field, int isNull, String name, String side, int number)
      throws GitApply.RejectedException {
    if (name == null && isNull != 1) {
      return name(field, null, pValue, true);
    }
    if (name != null) {
      if (isNull == 1) {
        throw new GitApply.RejectedException(
            "git apply: bad git-diff - expected /dev/null, got " + name + " on line " + number);
      }
      if (!name.equals(name(field, null, pValue, true))) {
        throw new GitApply.RejectedException(
            "git apply: bad git-diff - inconsistent " + side + " filename on line " + number);
      }
    } else if (!isDevNull(field)) {
      throw new GitApply.RejectedException(
          "git apply: bad git-diff - expected /dev/null on line " + number);
    }
    return name;
  }

  private Header traditionalHeader(int at, Reading r) throws GitApply.RejectedException {
    String first = lines.get(at).substring(4);
    String second = lines.get(at + 1).substring(4);
    if (!pValueKnown) {
      int p = guessedPValue(first);
      int q = guessedPValue(second);
      if (p < 0) {
        p = q;
      }
      if (p >= 0 && p == q) {
        pValue = p;
        pValueKnown = true;
      }
    }
    String name;
    if (isDevNull(first)) {
      r.isNew = 1;
      r.isDelete = 0;
      name = name(second, null, pValue, true);
      r.newName = name;
    } else if (isDevNull(second)) {
      r.isNew = 0;
      r.isDelete = 1;
      name = name(first, null, pValue, true);
      r.oldName = name;
    } else {
      name = name(second, name(first, null, pValue, true), pValue, true);
      r.oldName = name;
      r.newName = name;
    }
    if (name == null) {
      throw new GitApply.RejectedException("unable to find filename in patch at line " + (at + 1));
    }
    return new Header(
        r.isNew == 1 ? null : r.oldName,
        r.isDelete == 1 ? null : r.newName,
        r.isNew,
        r.isDelete,
        false,
        false,
        r.isNew == 1 || r.isDelete != 0,
        at + 2);
  }

  /** 0 when a traditional header's name has no slash, else -1: git guesses no other value. */
  private static int guessedPValue(String field) {
    if (isDevNull(field)) {
      return -1;
    }
    String name = name(field, null, 0, true);
    return name == null ? -1 : name.indexOf('/') < 0 ? 0 : -1;
  }

  /** The name a {@code diff --git a/P b/P} line repeats, or null when its two names differ. */
  private String headerName(String names) {
    String first = skipDirectories(names);
    if (first == null || first.indexOf('"') >= 0) {
      return null;
    }
    for (int length = 0; length < first.length(); length++) {
      char c = first.charAt(length);
      if (c != ' ' && c != '\t') {
        continue;
      }
      String second = skipDirectories(first.substring(length + 1));
      if (second != null
          && second.length() == length
          && first.regionMatches(0, second, 0, length)) {
        return first.substring(0, length);
      }
    }
    return null;
  }

  /**
   * {@code path} less its first {@code pValue} directories; null when it has fewer or is absolute.
   */
  private String skipDirectories(String path) {
    if (pValue == 0) {
      return path.startsWith("/") ? null : path;
    }
    for (int i = 0, slashes = pValue; i < path.length(); i++) {
      if (path.charAt(i) == '/' && --slashes <= 0) {
        return i == 0 ? null : path.substring(i + 1);
      }
    }
    return null;
  }

  /**
   * git's {@code find_name_common}: the name in a header field after {@code pValue} slashes, ending
   * at the line end, at a carriage return and, when {@code tabEnds}, at a tab (never at a space);
   * {@code preferred} when the field has none or starts with it; repeated slashes squashed.
   */
  private static String name(String field, String preferred, int pValue, boolean tabEnds) {
    int start = pValue == 0 ? 0 : -1;
    int end = 0;
    for (int slashes = pValue; end < field.length(); end++) {
      char c = field.charAt(end);
      if (c == '\n' || c == '\r' || c == '\t' && tabEnds) {
        break;
      }
      if (c == '/' && --slashes == 0) {
        start = end + 1;
      }
    }
    if (start < 0 || end == start) {
      return preferred;
    }
    if (preferred != null
        && preferred.length() < end - start
        && field.startsWith(preferred, start)) {
      return preferred;
    }
    return field.substring(start, end).replaceAll("/{2,}", "/");
  }

  private static boolean isHunkHeader(String line) {
    try {
      HunkHeader.parse(line, 0, 0, UnifiedPatchReader.Dialect.GIT_APPLY);
      return true;
    } catch (PatchFailedException e) {
      return false;
    }
  }

  private static boolean isDevNull(String field) {
    return field.startsWith("/dev/null")
        && field.length() > 9
        && LineImage.isSpace(field.charAt(9));
  }
}
