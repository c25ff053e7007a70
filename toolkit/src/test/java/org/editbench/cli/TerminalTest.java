package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTest {
  @TempDir Path dir;

  @Test
  void aDescriptorLeadingToATerminalDeviceIsATerminalAndAFileOrPipeIsNot() throws IOException {
    assertTrue(
        Terminal.isTerminal(Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"))));
    assertTrue(
        Terminal.isTerminal(Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"))));
    assertFalse(
        Terminal.isTerminal(
            Files.createSymbolicLink(dir.resolve("log"), dir.resolve("progress.log"))));
    assertFalse(
        Terminal.isTerminal(Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"))));
    assertFalse(
        Terminal.isTerminal(Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[123]"))));
    assertFalse(Terminal.isTerminal(Files.writeString(dir.resolve("plain"), "")), "not a link");
  }
}
