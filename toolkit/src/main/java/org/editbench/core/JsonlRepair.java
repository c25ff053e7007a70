package org.editbench.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What {@link JsonlAppender} does to a file before it appends, so that the file holds whole records
 * only and none to redo: cuts a torn last line, removes the records its resume policy rejects by an
 * atomic compaction, and ends a last line that lacks its line end.
 */
final class JsonlRepair {
  private JsonlRepair() {}

  /** Cuts a torn last line, compacts records to redo away, completes a last record's line end. */
  static void repair(Path file, JsonlScan scan, JsonlAppender.Resume resume, Reporter reporter)
      throws IOException {
    long end = scan.tornStart() >= 0 ? scan.tornStart() : scan.size();
    if (scan.tornStart() >= 0) {
      reporter.warn(
          file
              + ":"
              + scan.lastLine()
              + ": removed a torn last line: the last line was cut short by an"
              + " interrupted write ("
              + (scan.size() - end)
              + " bytes); its instance will be "
              + resume.redo());
    }
    if (!scan.redoLines().isEmpty()) {
      compact(file, scan, end);
      reporter.info(
          file
              + ": removed "
              + scan.redoLines().size()
              + " "
              + resume.redoRecords()
              + " record(s); "
              + scan.redoIds().size()
              + " instance(s) will be "
              + resume.redo());
    } else if (end < scan.size()) {
      truncate(file, end);
    } else if (scan.unterminated()) {
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ch.write(WholeLineWriter.NEWLINE.duplicate());
        ch.force(false);
      }
    }
    if (scan.unterminated()) {
      reporter.warn(file + ":" + scan.lastLine() + ": last line had no line end; completed it");
    }
  }

  /**
   * Rewrites the file without its records to redo and its torn tail, and with its last line ended,
   * atomically.
   */
  private static void compact(Path file, JsonlScan scan, long end) {
    AtomicFiles.writeChannel(
        file,
        dst -> {
          try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 0;
            for (JsonlScan.ByteRange drop : scan.redoLines()) {
              copy(src, pos, drop.start(), dst);
              pos = drop.end();
            }
            copy(src, pos, end, dst);
          }
          if (scan.unterminated()) {
            dst.write(WholeLineWriter.NEWLINE.duplicate());
          }
        });
  }

  private static void copy(FileChannel src, long from, long to, FileChannel dst)
      throws IOException {
    for (long pos = from; pos < to; ) {
      pos += src.transferTo(pos, to - pos, dst);
    }
  }

  static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
      ch.force(false);
    }
  }
}
