package org.editbench.text;

import java.util.Arrays;

/**
 * A text and where its lines start, the lines cut after each LF as patch reads them and the code
 * block numbers them (a last line may lack the LF). Patching writes the next version of a file
 * through a {@link Builder}, which records the line starts as it appends, so that no version is
 * scanned for them again.
 */
public final class LfLines {
  private final String text;

  /**
   * Line k (from 0) spans {@code [starts[k], starts[k + 1])}; {@code starts[count]} is the text's
   * length.
   */
  private final int[] starts;

  private LfLines(String text, int[] starts) {
    this.text = text;
    this.starts = starts;
  }

  public static LfLines of(String text) {
    int[] starts = new int[Math.max(16, text.length() / 32)];
    int count = 0;
    for (int start = 0; start < text.length(); ) {
      if (count + 1 >= starts.length) {
        starts = Arrays.copyOf(starts, 2 * starts.length);
      }
      starts[count++] = start;
      int lf = text.indexOf('\n', start);
      start = lf < 0 ? text.length() : lf + 1;
    }
    starts[count] = text.length();
    return new LfLines(text, Arrays.copyOf(starts, count + 1));
  }

  public String text() {
    return text;
  }

  /** How many lines: none for an empty text, and a final LF does not start one. */
  public int count() {
    return starts.length - 1;
  }

  /** Where line {@code k} (from 0) starts; {@code start(count())} is the text's length. */
  public int start(int k) {
    return starts[k];
  }

  /** Writes a text, recording where each of its lines starts as content is appended. */
  public static final class Builder {
    private final StringBuilder out;
    private int[] starts = new int[16];
    private int count;

    public Builder(int capacity) {
      out = new StringBuilder(capacity);
    }

    public int length() {
      return out.length();
    }

    /** Appends lines [from, to) of {@code source}, their line starts taken from it. */
    public Builder appendLines(LfLines source, int from, int to) {
      if (from >= to) {
        return this;
      }
      int shift = out.length() - source.starts[from];
      startLineHere();
      for (int k = from + 1; k < to; k++) {
        addStart(source.starts[k] + shift);
      }
      out.append(source.text, source.starts[from], source.starts[to]);
      return this;
    }

    public Builder append(String s) {
      if (s.isEmpty()) {
        return this;
      }
      startLineHere();
      int at = out.length();
      for (int lf = s.indexOf('\n'); lf >= 0 && lf + 1 < s.length(); lf = s.indexOf('\n', lf + 1)) {
        addStart(at + lf + 1);
      }
      out.append(s);
      return this;
    }

    public Builder append(char c) {
      startLineHere();
      out.append(c);
      return this;
    }

    public LfLines build() {
      int[] exact = Arrays.copyOf(starts, count + 1);
      exact[count] = out.length();
      return new LfLines(out.toString(), exact);
    }

    /** Content appended at the start of a line begins a line; appended after its middle, not. */
    private void startLineHere() {
      int at = out.length();
      if (at == 0 || out.charAt(at - 1) == '\n') {
        addStart(at);
      }
    }

    private void addStart(int at) {
      if (count + 1 >= starts.length) {
        starts = Arrays.copyOf(starts, 2 * starts.length);
      }
      starts[count++] = at;
    }
  }
}
