package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {
  @TempDir Path dir;

  @Test
  void theLockIsOnAHiddenSidecarNotOnTheDataFile() throws IOException {
    Path file = dir.resolve("out.jsonl");
    OutputLock lock = OutputLock.acquire(file);
    try {
      assertTrue(Files.isRegularFile(dir.resolve(".out.jsonl.lock")));
      assertFalse(Files.exists(file));
    } finally {
      lock.release();
    }
  }

  @Test
  void aSecondHolderIsRefusedUntilTheFirstReleases() throws IOException {
    Path file = dir.resolve("out.jsonl");
    OutputLock first = OutputLock.acquire(file);
    OutputLockedException refused =
        assertThrows(OutputLockedException.class, () -> OutputLock.acquire(file));
    assertEquals(file, refused.file());
    assertTrue(refused.getMessage().contains(".out.jsonl.lock"), refused.getMessage());

    first.release();
    OutputLock second = OutputLock.acquire(file);
    second.release();
    second.release(); // releasing twice is harmless: it runs on paths that are already failing
  }

  @Test
  void twoLinksToOneFileAreOneOutputAndWritingThroughALinkKeepsIt() throws IOException {
    Path store = Files.createDirectories(dir.resolve("store")).resolve("preds.jsonl");
    Path a = Files.createDirectories(dir.resolve("a")).resolve("all-task-instances_0.2.jsonl");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("all-task-instances_0.2.jsonl");
    Files.createSymbolicLink(a, store);
    Files.createSymbolicLink(b, Path.of("../store/preds.jsonl")); // relative, as ln -s makes it
    try (JsonlAppender first = JsonlAppender.open(a, false, Reporter.SILENT)) {
      assertThrows(
          OutputLockedException.class, () -> JsonlAppender.open(b, false, Reporter.SILENT));
      first.append("{\"instance_id\": \"x\"}");
    }
    assertTrue(Files.isSymbolicLink(a) && Files.isSymbolicLink(b), "the links stay links");
    assertEquals("{\"instance_id\": \"x\"}\n", Files.readString(store));
  }
}
