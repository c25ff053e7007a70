package org.editbench.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a resumable JSONL file holds, read once when it is opened: the instances whose records are
 * done, the records to redo (to compact away), and whether a crash left the last line torn or
 * without its line end.
 *
 * <p>Fast on large files: lines are tokenized with Jackson's streaming parser straight from bytes,
 * decoding only {@code instance_id} and the fields the {@link JsonlAppender.Resume} policy reads;
 * every other value is skipped, yet still checked to be well-formed JSON.
 *
 * @param size the file's length in bytes
 * @param done instances with a record the policy keeps, in order of first appearance
 * @param redoLines byte ranges {@code [start, end)} (line end included) of the records to redo
 * @param redoIds instances whose only records are to be redone
 * @param lastLine the number of the file's last line, 0 when it is empty
 * @param tornStart offset of an unterminated last line that is not a record (a write cut short by a
 *     crash), or -1
 * @param unterminated whether the last line is a kept record that only lacks its line end
 * @param keptLines where each kept instance's first kept record is in the file
 */
record JsonlScan(
    long size,
    Set<String> done,
    List<ByteRange> redoLines,
    Set<String> redoIds,
    int lastLine,
    long tornStart,
    boolean unterminated,
    Map<String, KeptLine> keptLines) {

  private static final JsonFactory JSON = JsonTrees.FACTORY;

  /** Bytes {@code [start, end)} of the file. */
  record ByteRange(long start, long end) {}

  static JsonlScan empty() {
    return new JsonlScan(0, new LinkedHashSet<>(), List.of(), Set.of(), 0, -1, false, Map.of());
  }

  /**
   * Where each kept record is once {@link JsonlRepair} has compacted the records to redo away: each
   * line moves up by the lines and bytes removed before it (the removed ranges are in file order).
   */
  Map<String, KeptLine> keptLinesCompacted() {
    if (redoLines.isEmpty()) {
      return keptLines;
    }
    long[] ends = new long[redoLines.size()];
    long[] removedBytes = new long[redoLines.size() + 1]; // [k]: the bytes of the first k ranges
    for (int k = 0; k < ends.length; k++) {
      ByteRange range = redoLines.get(k);
      ends[k] = range.end();
      removedBytes[k + 1] = removedBytes[k] + range.end() - range.start();
    }
    Map<String, KeptLine> moved = new HashMap<>();
    keptLines.forEach(
        (id, at) -> {
          int before = Arrays.binarySearch(ends, at.offset());
          int removed = before >= 0 ? before + 1 : -before - 1; // ranges ending at or before it
          moved.put(
              id,
              new KeptLine(at.line() - removed, at.offset() - removedBytes[removed], at.length()));
        });
    return moved;
  }

  static JsonlScan of(Path file, JsonlAppender.Resume resume) throws IOException {
    Builder scan = new Builder(file, resume);
    try {
      ByteLines.forEach(file, scan);
    } catch (NoSuchFileException e) {
      return empty();
    }
    return scan.build(Files.size(file));
  }

  /** Where a kept record is in the file: its line number, first byte and length (no line end). */
  record KeptLine(int line, long offset, int length) {}

  private static final class Builder implements ByteLines.Handler {
    private static final String[] NO_VALUES = {};

    private final Path file;
    private final JsonlAppender.Resume resume;
    private final String[] fields;
    private final Set<String> done = new LinkedHashSet<>();
    private final Set<String> redone = new HashSet<>();
    private final List<ByteRange> redoLines = new ArrayList<>();
    private int lineNumber;
    private long tornStart = -1;
    private boolean unterminated;
    private final Map<String, KeptLine> keptLines = new HashMap<>();

    Builder(Path file, JsonlAppender.Resume resume) {
      this.file = file;
      this.resume = resume;
      this.fields = resume.fields().toArray(String[]::new);
    }

    @Override
    public void tooLong(int number, long length, int limit) {
      throw new DataFormatException(file, number, ByteLines.tooLongProblem(number, length, limit));
    }

    @Override
    public void line(
        int number, byte[] buf, int off, int len, long fileOffset, boolean terminated) {
      lineNumber = number;
      int invalid = StrictUtf8.firstInvalid(buf, off, len);
      if (invalid >= 0) {
        if (!terminated) {
          tornStart = fileOffset; // a write cut short can end inside a character
          return;
        }
        throw new DataFormatException(
            file,
            number,
            StrictUtf8.problem(fileOffset + invalid - off)
                + "; editbench resumes only files it can read whole: fix or remove this line");
      }
      if (isBlank(buf, off, len)) {
        if (!terminated) {
          tornStart = fileOffset; // spaces and no line end: what is left of a torn write
        }
        return;
      }
      String[] values = fields.length == 0 ? NO_VALUES : new String[fields.length];
      String id;
      try {
        id = parse(buf, off, len, values);
      } catch (JsonProcessingException e) {
        if (!terminated) {
          tornStart = fileOffset; // only a crash mid-write leaves an unterminated, broken last line
          return;
        }
        throw new DataFormatException(
            file,
            lineNumber,
            JsonTrees.problem(e)
                + "; editbench resumes only files it can read whole: fix or remove this line");
      } catch (IOException e) {
        throw new IllegalStateException("reading bytes in memory failed", e);
      }
      if (id == null) {
        throw new DataFormatException(
            file, lineNumber, "a " + resume.record() + " needs a string instance_id");
      }
      if (resume.done(values)) {
        done.add(id);
        unterminated = !terminated;
        keptLines.putIfAbsent(id, new KeptLine(number, fileOffset, len));
      } else {
        redoLines.add(new ByteRange(fileOffset, fileOffset + len + (terminated ? 1 : 0)));
        redone.add(id);
      }
    }

    JsonlScan build(long size) {
      redone.removeAll(done);
      return new JsonlScan(
          size, done, redoLines, redone, lineNumber, tornStart, unterminated, keptLines);
    }

    private static boolean isBlank(byte[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        byte b = buf[i];
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return true;
    }

    /**
     * The record's instance_id (null when it has none), its {@code fields} decoded into {@code
     * values}.
     */
    private String parse(byte[] buf, int off, int len, String[] values) throws IOException {
      try (JsonParser p = JSON.createParser(buf, off, len)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new JsonRecordException(p, "expected a JSON object");
        }
        String id = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (value != JsonToken.VALUE_STRING) {
            p.skipChildren();
          } else if (name.equals("instance_id")) {
            id = p.getText();
          } else {
            for (int i = 0; i < fields.length; i++) {
              if (name.equals(fields[i])) {
                values[i] = p.getText();
                break;
              }
            }
          }
        }
        if (p.nextToken() != null) {
          throw new JsonRecordException(p, "more after the end of the object");
        }
        return id;
      }
    }
  }

  /** A line that is JSON but not one record. */
  private static final class JsonRecordException extends JsonProcessingException {
    JsonRecordException(JsonParser p, String message) {
      super(message, p.currentLocation());
    }
  }
}
