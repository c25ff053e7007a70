package org.editbench.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Another editbench process (or another run in this one) is writing the same output file. */
public final class OutputLockedException extends UncheckedIOException {
  private final Path file;

  public OutputLockedException(Path file, Path lockFile) {
    super(
        new IOException(
            file
                + " is being written by another editbench process (it holds the lock "
                + lockFile
                + "); wait for that run to finish or stop it, then start this one again"));
    this.file = file;
  }

  public Path file() {
    return file;
  }

  @Override
  public String getMessage() {
    return getCause().getMessage();
  }
}
