package org.editbench.diff;

import java.util.ArrayList;
import java.util.List;
import org.editbench.text.LfLines;

/**
 * Applies a unified diff to one file's text exactly as GNU patch 2.7.6 does when run as {@code
 * patch --batch --fuzz=1 -p0 -i diff target}, in pure Java.
 *
 * <p>What GNU patch does, and so what this class does:
 *
 * <ul>
 *   <li>Each hunk is first looked for where its header says, shifted by the offset the previous
 *       hunks needed, then ever further away, alternately after and before that line, but never
 *       before the end of the previous hunk's changes.
 *   <li>Only when no exact match exists anywhere is fuzz 1 tried: the outermost context line is
 *       ignored at each end that has the hunk's full context. An end with less context than the
 *       other (diffs produce that only at the start or the end of a file) must coincide with that
 *       end of the file, at fuzz 0 and, if it lacks two or more lines, at fuzz 1 too (GNU waives
 *       this for leading context when the hunk does not claim to start at line 1).
 *   <li>If the first hunk matches nowhere but its new side matches, GNU assumes the diff is
 *       reversed or already applied and applies it backwards; here that is a failure, as it is for
 *       the reference.
 *   <li>Where the file's last line lacks a newline and text follows it, a newline is inserted.
 * </ul>
 *
 * <p>How the diff text itself is read (a last line without newline, markers, comments) is described
 * in {@link UnifiedPatchReader}. Texts are expected with LF line ends only: GNU's handling of CR is
 * not reproduced.
 */
public final class PatchApplier {
  private PatchApplier() {}

  private static final int MAX_FUZZ = 1;

  /** The patched text; see {@link #applyDetailed} for where the hunks went. */
  public static String apply(String original, String diff) throws PatchFailedException {
    return apply(LfLines.of(original), diff).text();
  }

  /**
   * The patched text with its lines, recorded while it was written: a text patched step after step
   * is never scanned for its lines again.
   */
  public static LfLines apply(LfLines original, String diff) throws PatchFailedException {
    return apply(original, diff, new ArrayList<>());
  }

  /**
   * The patched text and, per hunk, the line, offset and fuzz GNU patch would report.
   *
   * @throws PatchFailedException when GNU patch would fail or report a rejected hunk, or would take
   *     the diff for a reversed one; its message names the hunk and the reason
   */
  public static PatchResult applyDetailed(String original, String diff)
      throws PatchFailedException {
    List<HunkPlacement> placements = new ArrayList<>();
    return new PatchResult(apply(LfLines.of(original), diff, placements).text(), placements);
  }

  private static LfLines apply(LfLines original, String diff, List<HunkPlacement> placements)
      throws PatchFailedException {
    UnifiedPatchReader reader = new UnifiedPatchReader(diff);
    LfLines text = original;
    while (reader.nextSection()) {
      if (text.text().isEmpty() && reader.sectionEmptiesFile()) {
        throw new PatchFailedException(
            "the diff empties a file that is already empty:"
                + " it looks reversed or already applied (GNU patch would apply it backwards)",
            0);
      }
      text = new Section(text).apply(reader, placements);
    }
    return text;
  }

  /**
   * One run of hunks applied to one input text, with GNU's bookkeeping: {@code lastFrozen} lines of
   * the input are final (copied or deleted), {@code inOffset} is how far hunks have been found from
   * their stated lines, {@code outOffset} how many lines earlier hunks added.
   */
  private static final class Section {
    private final LfLines input;
    private final int inputLines;
    private final LfLines.Builder out;
    private boolean afterNewline = true;
    private int lastFrozen;
    private int inOffset;
    private int outOffset;

    Section(LfLines input) {
      this.input = input;
      this.inputLines = input.count();
      this.out = new LfLines.Builder(input.text().length() + input.text().length() / 8);
    }

    LfLines apply(UnifiedPatchReader reader, List<HunkPlacement> placements)
        throws PatchFailedException {
      boolean first = true;
      for (Hunk hunk = reader.nextHunk(); hunk != null; hunk = reader.nextHunk()) {
        placements.add(place(hunk, first));
        first = false;
      }
      copyUntil(inputLines);
      return out.build();
    }

    private HunkPlacement place(Hunk hunk, boolean firstInSection) throws PatchFailedException {
      int maxFuzz = Math.min(MAX_FUZZ, hunk.context());
      for (int fuzz = 0; fuzz <= maxFuzz; fuzz++) {
        int where = locate(hunk, fuzz);
        if (where == 0 && firstInSection) {
          int reversedAt = locate(hunk.reversed(), fuzz);
          if (reversedAt != 0) {
            throw failure(
                hunk,
                "is reversed or already applied: its new side matches at line "
                    + reversedAt
                    + " but its old side nowhere. Was the diff made in the other"
                    + " direction, or applied before?");
          }
        }
        if (where != 0) {
          HunkPlacement placement =
              new HunkPlacement(hunk.number(), hunk.header(), where + outOffset, inOffset, fuzz);
          applyAt(hunk, where);
          return placement;
        }
      }
      String searched =
          lastFrozen > 0
              ? " after line " + lastFrozen + ", where the previous hunk's changes end"
              : "";
      String fuzzed = maxFuzz > 0 ? ", even ignoring one context line at each end" : "";
      throw failure(
          hunk,
          "does not apply: its context and removed lines match nowhere in the file"
              + searched
              + fuzzed
              + ". Was the diff made against another version of the file?");
    }

    private static PatchFailedException failure(Hunk hunk, String reason) {
      return new PatchFailedException(
          "hunk #" + hunk.number() + " (" + hunk.header() + ") " + reason, hunk.number());
    }

    /**
     * GNU's locate_hunk: the 1-based line where the hunk's old side matches with the given fuzz, or
     * 0. A match moves {@code inOffset}.
     */
    private int locate(Hunk hunk, int fuzz) {
      Hunk.Side pattern = hunk.oldSide();
      int firstGuess = pattern.start() + inOffset;
      int patternLines = pattern.size();
      int context = hunk.context();
      // An end with less context than the other ignores correspondingly fewer lines; negative
      // means that end must coincide with the start or the end of the file.
      int prefixFuzz = fuzz + hunk.prefixContext() - context;
      int suffixFuzz = fuzz + hunk.suffixContext() - context;
      int maxWhere = inputLines - (patternLines - suffixFuzz) + 1;
      int minWhere = lastFrozen + 1;
      int maxPositiveOffset = maxWhere - firstGuess;
      int maxNegativeOffset = firstGuess - minWhere;
      int maxOffset = Math.max(maxPositiveOffset, maxNegativeOffset);

      if (patternLines == 0) {
        return firstGuess;
      }
      if (firstGuess <= maxNegativeOffset) {
        maxNegativeOffset = firstGuess - 1;
      }
      if (prefixFuzz < 0 && pattern.start() <= 1) {
        if (suffixFuzz < 0 && (patternLines != inputLines || hunk.prefixContext() < lastFrozen)) {
          return 0;
        }
        int offset = 1 - firstGuess;
        if (lastFrozen <= hunk.prefixContext()
            && offset <= maxPositiveOffset
            && matches(pattern, firstGuess + offset, 0, suffixFuzz)) {
          inOffset += offset;
          return firstGuess + offset;
        }
        return 0;
      }
      prefixFuzz = Math.max(prefixFuzz, 0);
      if (suffixFuzz < 0) {
        int offset = firstGuess - (inputLines - patternLines + 1);
        if (offset <= maxNegativeOffset && matches(pattern, firstGuess - offset, prefixFuzz, 0)) {
          inOffset -= offset;
          return firstGuess - offset;
        }
        return 0;
      }
      int minOffset =
          maxPositiveOffset < 0
              ? firstGuess - maxWhere
              : maxNegativeOffset < 0 ? firstGuess - minWhere : 0;
      for (int offset = minOffset; offset <= maxOffset; offset++) {
        if (offset <= maxPositiveOffset
            && matches(pattern, firstGuess + offset, prefixFuzz, suffixFuzz)) {
          inOffset += offset;
          return firstGuess + offset;
        }
        if (offset <= maxNegativeOffset
            && matches(pattern, firstGuess - offset, prefixFuzz, suffixFuzz)) {
          inOffset -= offset;
          return firstGuess - offset;
        }
      }
      return 0;
    }

    /** Whether the pattern, minus the ignored lines at each end, equals the input at {@code at}. */
    private boolean matches(Hunk.Side pattern, int at, int prefixFuzz, int suffixFuzz) {
      int last = pattern.size() - suffixFuzz;
      for (int p = prefixFuzz; p < last; p++) {
        if (!lineEquals(at + p, pattern.lines()[p])) {
          return false;
        }
      }
      return true;
    }

    private boolean lineEquals(int line, String expected) {
      if (line < 1 || line > inputLines) {
        return expected.isEmpty();
      }
      int start = input.start(line - 1);
      int length = input.start(line) - start;
      return length == expected.length() && input.text().regionMatches(start, expected, 0, length);
    }

    /** GNU's apply_hunk for a unified hunk found at 1-based line {@code where}. */
    private void applyAt(Hunk hunk, int where) throws PatchFailedException {
      Hunk.Side old = hunk.oldSide();
      Hunk.Side replacement = hunk.newSide();
      int before = where - 1;
      int o = 0;
      int n = 0;
      while (o < old.size()) {
        if (old.changed()[o]) {
          copyUntil(hunk, before + o);
          lastFrozen++;
          o++;
        } else if (n >= replacement.size()) {
          break;
        } else if (replacement.changed()[n]) {
          copyUntil(hunk, before + o);
          write(replacement.lines()[n++]);
        } else {
          o++;
          n++;
        }
      }
      if (n < replacement.size() && replacement.changed()[n]) {
        copyUntil(hunk, before + o);
        do {
          if (!afterNewline) {
            out.append('\n');
          }
          write(replacement.lines()[n++]);
        } while (n < replacement.size() && replacement.changed()[n]);
      }
      outOffset += replacement.size() - old.size();
    }

    /** Copies input lines up to {@code line}, failing as GNU does when they were passed already. */
    private void copyUntil(Hunk hunk, int line) throws PatchFailedException {
      if (lastFrozen > line) {
        throw failure(
            hunk,
            "would change line "
                + (line + 1)
                + " of the file, which an earlier"
                + " hunk has changed already (GNU patch: \"misordered hunks\"). Are the hunks in"
                + " file order?");
      }
      copyUntil(line);
    }

    private void copyUntil(int line) {
      // Only the input's last line can lack a newline, so a run of lines is copied in one piece.
      int last = Math.min(line, inputLines);
      if (lastFrozen < last) {
        if (!afterNewline) {
          out.append('\n');
        }
        // lines lastFrozen + 1 to last, counted from 1
        out.appendLines(input, lastFrozen, last);
        afterNewline = input.text().charAt(input.start(last) - 1) == '\n';
      }
      lastFrozen = Math.max(lastFrozen, line);
    }

    private void write(String line) {
      out.append(line);
      afterNewline = !line.isEmpty() && line.charAt(line.length() - 1) == '\n';
    }
  }
}
