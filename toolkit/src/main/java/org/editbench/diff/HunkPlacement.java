package org.editbench.diff;

/**
 * Where one hunk was applied, in GNU patch's terms ("Hunk #n succeeded at line with fuzz f (offset
 * o lines)").
 *
 * @param number 1-based position of the hunk in the diff
 * @param header the hunk's {@code @@ ... @@} line, without its newline
 * @param line the line of the patched text the hunk was applied at
 * @param offset how far the hunk's old start had to move to match, accumulated over the earlier
 *     hunks as GNU patch does; 0 when every hunk so far matched where its header said
 * @param fuzz 0 for an exact match, 1 when a context line at either end had to be ignored
 */
public record HunkPlacement(int number, String header, int line, int offset, int fuzz) {}
