package org.editbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error — where progress is drawn — is a terminal. {@code System.console()} says
 * whether standard input and output are, which is the wrong stream: {@code run-api > stats.txt}
 * lost its bar, and {@code run-api 2> progress.log} filled the log with redrawn lines. On Linux the
 * answer is where file descriptor 2 leads; elsewhere the console's is the best there is.
 */
final class Terminal {
  private static final Path STDERR = Path.of("/proc/self/fd/2");

  private Terminal() {}

  static boolean isStandardError() {
    return Files.exists(STDERR.getParent()) ? isTerminal(STDERR) : System.console() != null;
  }

  /** Whether the file descriptor link {@code fd} leads to a terminal device. */
  static boolean isTerminal(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("/dev/pts/") || target.matches("/dev/tty[0-9A-Za-z]*");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
