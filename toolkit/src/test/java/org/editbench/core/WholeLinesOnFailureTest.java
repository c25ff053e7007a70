package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12: a failed append leaves whole lines only, releases the lock, and a later run resumes
 * exactly.
 */
class WholeLinesOnFailureTest {
  @TempDir Path dir;

  private static final List<String> RECORDS =
      IntStream.range(0, 20)
          .mapToObj(
              i -> "{\"instance_id\": \"i" + i + "\", \"prompt\": \"" + "x".repeat(i * 7) + "\"}")
          .toList();

  /** What the records make when nothing fails. */
  private static String uninterrupted() {
    return String.join("\n", RECORDS) + "\n";
  }

  /**
   * Appends the records an instance at a time, as the writers do, skipping the instances already
   * done.
   */
  private static void appendMissing(JsonlAppender out) {
    for (String record : RECORDS) {
      String id = record.substring(17, record.indexOf('"', 17));
      if (!out.contains(id)) {
        out.append(record);
      }
    }
  }

  @Test
  void aFullDiskMidLineCutsTheFileBackToItsLastWholeLineAndTheNextRunResumesToTheSameFile()
      throws IOException {
    Path file = dir.resolve("out.jsonl");
    for (long room : new long[] {0, 1, 200, 201, 777, uninterrupted().length() - 1}) {
      Files.deleteIfExists(file);
      JsonlAppender full = DiskFullChannel.open(file, room);
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> appendMissing(full));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "cannot append to "
                      + file
                      + ": No space left on device; cut it back to"
                      + " its last complete line ("),
          e.getMessage());
      assertTrue(
          e.getMessage().endsWith("then run the same command again to resume"), e.getMessage());
      String left = Files.readString(file);
      assertTrue(
          left.isEmpty() || left.endsWith("\n"),
          "whole lines only after room " + room + ": " + left);
      assertTrue(uninterrupted().startsWith(left), "a prefix of the records");
      assertThrows(
          UncheckedIOException.class, () -> full.append(RECORDS.get(0)), "nothing more is written");
      assertEquals(left, Files.readString(file));
      full.close();

      try (JsonlAppender again =
          JsonlAppender.open(file, false, Reporter.SILENT)) { // the lock was released
        appendMissing(again);
      }
      assertEquals(uninterrupted(), Files.readString(file), "room " + room);
    }
  }

  @Test
  void aFailedAppendReportsTheLinesThisRunKept() {
    Path file = dir.resolve("out.jsonl");
    JsonlAppender out =
        DiskFullChannel.open(file, RECORDS.get(0).length() + RECORDS.get(1).length() + 2 + 5);
    out.append(RECORDS.get(0));
    out.append(RECORDS.get(1));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> out.append(RECORDS.get(2)));
    assertTrue(e.getMessage().contains("(2 line(s) written by this run kept)"), e.getMessage());
    assertEquals(2, out.appended());
    out.close();
    assertFalse(isLocked(file), "closing after a failure releases the lock");
  }

  @SuppressWarnings("try") // opening is the test; the appender is closed at once
  private static boolean isLocked(Path file) {
    try (JsonlAppender ignored = JsonlAppender.open(file, false, Reporter.SILENT)) {
      return false;
    } catch (OutputLockedException e) {
      return true;
    }
  }
}
