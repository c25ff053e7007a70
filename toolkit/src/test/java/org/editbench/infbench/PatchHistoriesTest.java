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
    assertEquals("caf\u00e9 \ud83d\ude00\nx\ny\n\ufeffz \ufffd\n",
        PatchHistories.readText(file(text.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void malformedUtf8IsReported() throws Exception {
    for (byte[] bytes : new byte[][] {
        {'a', (byte) 0xff, 'b'}, {'a', (byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
      Path f = file(bytes);
      var e = assertThrows(PatchHistories.MissingHistoryException.class, () -> PatchHistories.readText(f));
      assertEquals(f + " is not valid UTF-8", e.getMessage());
    }
  }
}
