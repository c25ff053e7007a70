package org.editbench.diff;

/**
 * One parsed hunk. Its old side is the pattern searched for in the file, its new side the
 * replacement; context lines appear on both sides.
 *
 * @param number 1-based position in the whole diff
 * @param header the {@code @@} line without its newline, for messages
 * @param line the 1-based line of the diff the header is on
 * @param prefixContext context lines before the first change
 * @param suffixContext context lines after the last change
 */
record Hunk(
    int number,
    String header,
    int line,
    Side oldSide,
    Side newSide,
    int prefixContext,
    int suffixContext) {

  /**
   * One side of a hunk. Each line keeps its newline unless a "\ No newline at end of file" marker
   * followed it.
   *
   * @param start the line the side starts at; for an empty side, the line after the one the header
   *     names, as GNU patch counts it
   * @param headerStart the start as the header wrote it (git places hunks by it); it differs from
   *     {@code start} when the header announced no lines
   * @param lines the lines of this side (git leaves some out, see UnifiedPatchReader)
   * @param changed per line: removed (old side) or added (new side), else context
   */
  record Side(int start, int headerStart, String[] lines, boolean[] changed) {
    int size() {
      return lines.length;
    }
  }

  /** The same hunk read backwards, as GNU patch tries it to detect an already applied diff. */
  Hunk reversed() {
    return new Hunk(number, header, line, newSide, oldSide, prefixContext, suffixContext);
  }

  /** The most context lines at either end. */
  int context() {
    return Math.max(prefixContext, suffixContext);
  }
}
