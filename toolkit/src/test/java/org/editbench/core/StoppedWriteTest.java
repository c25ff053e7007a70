package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole-file write stopped by a signal leaves neither the file half written nor its temp file.
 */
class StoppedWriteTest {
  /** Writes {@code args[0]} through AtomicFiles slowly, saying when it has begun. */
  public static void main(String[] args) {
    AtomicFiles.write(
        Path.of(args[0]),
        out -> {
          out.write("begun\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          System.out.println("writing");
          System.out.flush();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  @Test
  void aSignalDuringAWriteRemovesItsTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("all-task-instances_0.2.jsonl");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoppedWriteTest.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("writing", out.readLine());
      child.destroy(); // SIGTERM, as Ctrl-C or a scheduler's stop sends a signal
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "no temporary file and no half-written output");
    }
  }
}
