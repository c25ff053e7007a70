package org.editbench.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.editbench.bench.DataFormatException;
import org.editbench.bench.Jsonl;

/**
 * What a prediction file holds, read once at start-up: which instances are finished, which
 * records are retryable failures to compact away, and whether the last line was torn by a crash.
 *
 * <p>Fast on large files: lines are tokenized with Jackson's streaming parser straight from bytes,
 * decoding only the three fields resuming needs; every other value is skipped, yet still checked
 * to be well-formed JSON.
 *
 * @param finished instances with a success or a final failure: skipped by this run
 * @param retryLines byte ranges {@code [start, end)} (line end included) of retryable failures
 * @param retryIds instances whose only records are retryable failures
 * @param tornTailStart offset of an unterminated, unparseable last line (a write cut short by a
 *     crash), or -1
 */
record ResultFileScan(
    long size,
    int records,
    Set<String> finished,
    List<ByteRange> retryLines,
    Set<String> retryIds,
    long tornTailStart) {

  private static final JsonFactory JSON = Jsonl.MAPPER.getFactory();
  private static final int CHUNK = 1 << 20;

  static ResultFileScan of(Path file) throws IOException {
    Builder scan = new Builder(file);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[CHUNK];
      int len = 0;
      int lineStart = 0;
      int searchFrom = 0;
      long bufOffset = 0;
      boolean eof = false;
      while (true) {
        int newline = indexOf(buf, (byte) '\n', searchFrom, len);
        if (newline >= 0) {
          scan.line(buf, lineStart, newline - lineStart, bufOffset + lineStart, true);
          lineStart = newline + 1;
          searchFrom = lineStart;
          continue;
        }
        if (eof) {
          if (lineStart < len) {
            scan.line(buf, lineStart, len - lineStart, bufOffset + lineStart, false);
          }
          return scan.build(bufOffset + len);
        }
        // Keep the partial line, make room, read on.
        System.arraycopy(buf, lineStart, buf, 0, len - lineStart);
        bufOffset += lineStart;
        len -= lineStart;
        lineStart = 0;
        searchFrom = len;
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int read = in.read(buf, len, buf.length - len);
        if (read < 0) {
          eof = true;
        } else {
          len += read;
        }
      }
    } catch (NoSuchFileException e) {
      return new ResultFileScan(0, 0, Set.of(), List.of(), Set.of(), -1);
    }
  }

  private static int indexOf(byte[] buf, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Bytes {@code [start, end)} of the file. */
  record ByteRange(long start, long end) {}

  /** The three fields of a record that resuming reads. */
  private record Fields(String instanceId, String status, String error) {}

  private static final class Builder {
    private final Path file;
    private final Set<String> finished = new HashSet<>();
    private final Set<String> retried = new HashSet<>();
    private final List<ByteRange> retryLines = new ArrayList<>();
    private int lineNumber;
    private int records;
    private long tornTailStart = -1;

    Builder(Path file) {
      this.file = file;
    }

    void line(byte[] buf, int off, int len, long fileOffset, boolean terminated) {
      lineNumber++;
      if (isBlank(buf, off, len)) {
        return;
      }
      Fields fields;
      try {
        fields = parse(buf, off, len);
      } catch (JsonProcessingException e) {
        if (!terminated) {
          tornTailStart = fileOffset; // only a crash mid-write leaves an unterminated, broken last line
          return;
        }
        throw new DataFormatException(file, lineNumber, "not valid JSON (" + e.getOriginalMessage()
            + "); run-api resumes only files it can read whole: fix or remove this line");
      } catch (IOException e) {
        throw new IllegalStateException("reading bytes in memory failed", e);
      }
      if (fields.instanceId() == null) {
        throw new DataFormatException(file, lineNumber, "a prediction record needs a string instance_id");
      }
      records++;
      if (ResultRecord.retriedOnResume(fields.status(), fields.error())) {
        retryLines.add(new ByteRange(fileOffset, fileOffset + len + (terminated ? 1 : 0)));
        retried.add(fields.instanceId());
      } else {
        finished.add(fields.instanceId());
      }
    }

    ResultFileScan build(long size) {
      retried.removeAll(finished);
      return new ResultFileScan(size, records, finished, retryLines, retried, tornTailStart);
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

    private static Fields parse(byte[] buf, int off, int len) throws IOException {
      try (JsonParser p = JSON.createParser(buf, off, len)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new JsonRecordException(p, "expected a JSON object");
        }
        String id = null;
        String status = null;
        String error = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (value == JsonToken.VALUE_STRING && name.equals("instance_id")) {
            id = p.getText();
          } else if (value == JsonToken.VALUE_STRING && name.equals("status")) {
            status = p.getText();
          } else if (value == JsonToken.VALUE_STRING && name.equals("error")) {
            error = p.getText();
          } else {
            p.skipChildren();
          }
        }
        if (p.nextToken() != null) {
          throw new JsonRecordException(p, "more after the end of the object");
        }
        return new Fields(id, status, error);
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
