package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PatchHistories#readText} reads as Python's {@code Path.read_text()} with UTF-8 does. */
class PatchHistoriesTest {
  @TempDir Path dir;

  private Path file(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("f.py"), bytes);
  }

  @Test
  void decodesUtf8WithUniversalNewlines() throws Exception {
    String text = "caf\u00e9 \ud83d\ude00\r\nx\ry\n\ufeffz \ufffd\n";
    assertEquals(
        "caf\u00e9 \ud83d\ude00\nx\ny\n\ufeffz \ufffd\n",
        PatchHistories.readText(file(text.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void malformedUtf8IsReported() throws Exception {
    byte[][] inputs = {
      {'a', (byte) 0xff, 'b'},
      {'a', (byte) 0xc3},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {'a', '\n', 'b', 'c', (byte) 0xc3, '(', '\n'}
    };
    String[] where = {
      ":1: invalid UTF-8 at byte 1",
      ":1: invalid UTF-8 at byte 1",
      ":1: invalid UTF-8 at byte 0",
      ":2: invalid UTF-8 at byte 4"
    };
    for (int i = 0; i < inputs.length; i++) {
      Path f = file(inputs[i]);
      var e =
          assertThrows(
              PatchHistories.MissingHistoryException.class, () -> PatchHistories.readText(f));
      assertEquals(f + where[i], e.getMessage());
    }
  }
}
