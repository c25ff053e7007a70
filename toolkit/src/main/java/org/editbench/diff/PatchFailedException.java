package org.editbench.diff;

/** A diff that GNU {@code patch --batch --fuzz=1} would not apply cleanly to the given text. */
public final class PatchFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int hunkNumber;

  PatchFailedException(String message, int hunkNumber) {
    super(message);
    this.hunkNumber = hunkNumber;
  }

  /** 1-based number of the failed hunk, counted over the whole diff; 0 when no hunk is to blame. */
  public int hunkNumber() {
    return hunkNumber;
  }
}
