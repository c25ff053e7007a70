package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written whole or not at all: a write that fails half-way leaves the old file and no
 * leftovers.
 */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteThatFailsAfterSomeBytesLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("summary.md");
    AtomicFiles.writeString(file, "old\n");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write("new, but only the first ".repeat(10_000).getBytes());
                      throw new IOException("No space left on device");
                    }));
    assertEquals("cannot write " + file + ": No space left on device", e.getMessage());
    assertEquals("old\n", Files.readString(file));
    assertEquals(List.of("summary.md"), names());
  }

  @Test
  void writesCreateTheFolderAndReplaceTheFileWhole() throws IOException {
    Path file = dir.resolve("a/b/metrics.jsonl");
    AtomicFiles.writeText(file, w -> w.write("{\"x\": 1}\n"));
    AtomicFiles.writeText(file, w -> w.write("{\"x\": 2}\n"));
    assertEquals("{\"x\": 2}\n", Files.readString(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void temporaryFilesLeftByEndedProcessesAreRemovedByTheNextWrite() throws IOException {
    Path file = dir.resolve("all-task-instances_0.2.jsonl");
    // 2^31 - 1: above any process id Linux hands out (at most 2^22)
    Path ended =
        Files.writeString(dir.resolve(".all-task-instances_0.2.jsonl.2147483647.tmp"), "x");
    long running = ProcessHandle.current().parent().orElseThrow().pid();
    Path writing =
        Files.writeString(dir.resolve(".all-task-instances_0.2.jsonl." + running + ".tmp"), "x");
    Path otherFiles = Files.writeString(dir.resolve(".other.jsonl.2147483647.tmp"), "x");
    Path notOurs = Files.writeString(dir.resolve(".all-task-instances_0.2.jsonl.notes.tmp"), "x");
    Path noPid = Files.writeString(dir.resolve(".all-task-instances_0.2.jsonl.tmp"), "x");

    AtomicFiles.writeString(file, "{}\n");

    assertFalse(Files.exists(ended), "left by a process that ended");
    assertTrue(Files.exists(writing), "a running process may still be writing it");
    assertTrue(Files.exists(otherFiles), "another file's, left for its own next write");
    assertTrue(Files.exists(notOurs) && Files.exists(noPid), "not names AtomicFiles gives");
    assertEquals("{}\n", Files.readString(file));
  }

  @Test
  void aFileWhereAFolderIsNeededIsSaidSo() throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "kept");
    var write =
        assertThrows(
            java.io.UncheckedIOException.class,
            () -> AtomicFiles.writeString(file.resolve("out.md"), "x"));
    assertEquals(
        "cannot write "
            + file.resolve("out.md")
            + ": "
            + file
            + " is a file, where a folder is needed",
        write.getMessage());
    var append =
        assertThrows(
            java.io.UncheckedIOException.class,
            () -> JsonlAppender.open(file.resolve("sub/x.jsonl"), false, Reporter.SILENT));
    assertEquals(
        "cannot open "
            + file.resolve("sub/x.jsonl")
            + " for writing: "
            + file
            + " is a file, where a folder is needed",
        append.getMessage());
    assertEquals("kept", Files.readString(file));
  }

  @Test
  void aDirectoryWhereTheFileGoesIsBadInput() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("out.png"));
    var e = assertThrows(DataFormatException.class, () -> AtomicFiles.writeString(folder, "x"));
    assertEquals(folder + ": is a directory; expected a file", e.getMessage());
  }

  @Test
  void fileErrorsWithoutAReasonAreSaidInWordsWithTheFileTheyConcern() {
    assertEquals(
        "permission denied (/x/.out.json.7.tmp)",
        AtomicFiles.describe(new AccessDeniedException("/x/.out.json.7.tmp")));
    assertEquals(
        "no such file or folder (/x/y)", AtomicFiles.describe(new NoSuchFileException("/x/y")));
    assertEquals(
        "Read-only file system (/x)",
        AtomicFiles.describe(new FileSystemException("/x", null, "Read-only file system")));
    assertEquals(
        "No space left on device",
        AtomicFiles.describe(new IOException("No space left on device")));
  }

  @Test
  void aLinkIsWrittenThroughAndStaysALink() throws IOException {
    Path target =
        Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("t.csv"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
    AtomicFiles.writeString(link, "new");
    assertTrue(Files.isSymbolicLink(link), "still a link");
    assertEquals("new", Files.readString(target));
  }

  @Test
  void aDanglingLinkIsWrittenThroughToTheFileItNames() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("made/t.csv"));
    Files.createDirectories(dir.resolve("made"));
    AtomicFiles.writeString(link, "new");
    assertTrue(Files.isSymbolicLink(link), "still a link");
    assertEquals("new", Files.readString(dir.resolve("made/t.csv")));
  }

  @Test
  void aRegularFileAmongTheDevicesIsReplacedLikeAnyOther() throws IOException {
    // /dev/shm holds regular files (tmpfs): written whole, not appended to as /dev/stdout is.
    Path file = Files.createTempFile(Path.of("/dev/shm"), "editbench-test", ".csv");
    try {
      Files.writeString(file, "old table\n");
      AtomicFiles.writeString(file, "new table\n");
      assertEquals("new table\n", Files.readString(file));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws IOException {
    Path file = Files.writeString(dir.resolve("private.ipynb"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    AtomicFiles.writeString(file, "new");
    assertEquals("new", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aPipeIsWrittenStraightNotReplaced() throws Exception {
    Path pipe = dir.resolve("pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(pipe);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    AtomicFiles.writeString(pipe, "through the pipe");
    assertEquals("through the pipe", read.get(10, TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(pipe), "still a pipe");
  }
}
