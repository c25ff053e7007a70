package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeLineWriterTest {
  @TempDir Path dir;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eachLineGetsItsLineEndAndIsCounted() throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"old\": 1}\n");
    WholeLineWriter lines =
        new WholeLineWriter(
            file, DiskFullChannel.withRoomFor(1000).open(file), JsonlAppender.FORCE_ON_CLOSE);
    lines.append(utf8("{\"a\": 1}"));
    lines.append(utf8("{\"b\": 2}"));
    lines.close();

    assertEquals(2, lines.appended());
    assertEquals("{\"old\": 1}\n{\"a\": 1}\n{\"b\": 2}\n", Files.readString(file));
  }

  @Test
  void aFailedWriteCutsBackToTheLastWholeLineAndEveryLaterAppendFailsAlikeWithoutWriting()
      throws IOException {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"old\": 1}\n");
    // room for the first line and half of the second
    FileChannel out = DiskFullChannel.withRoomFor(9 + 4).open(file);
    WholeLineWriter lines = new WholeLineWriter(file, out, Duration.ZERO);
    lines.append(utf8("{\"a\": 1}"));

    UncheckedIOException failed =
        assertThrows(UncheckedIOException.class, () -> lines.append(utf8("{\"b\": 2}")));
    assertTrue(
        failed
            .getMessage()
            .startsWith(
                "cannot append to "
                    + file
                    + ": No space left on device; cut it back to its last complete line (1 line(s)"
                    + " written by this run kept)"),
        failed.getMessage());
    assertEquals("{\"old\": 1}\n{\"a\": 1}\n", Files.readString(file));

    assertSame(failed, assertThrows(UncheckedIOException.class, () -> lines.append(utf8("{}"))));
    assertEquals("{\"old\": 1}\n{\"a\": 1}\n", Files.readString(file));
    assertEquals(1, lines.appended());

    lines.close(); // the append's error is the one reported, not another one here
    assertFalse(out.isOpen());
  }
}
