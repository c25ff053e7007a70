package org.editbench.core;

import java.nio.file.Path;

/**
 * Bad input data, located as {@code file:line} so that a user can open the file at the place. The
 * CLI maps it to exit code 2.
 */
public final class DataFormatException extends RuntimeException {
  private final Path file;
  private final int line;

  public DataFormatException(Path file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public DataFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
    this.line = 0;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number, 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }
}
