package org.editbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.editbench.Reporter;

/**
 * A JSONL output that a run appends to and a later run resumes: it holds an exclusive lock for
 * its lifetime, knows the records already present, and writes each record as one complete line.
 *
 * <p>On opening, a last line without its newline — what a crash in the middle of a write leaves —
 * is repaired with a warning: completed when it is a whole JSON object, cut off otherwise. Any
 * other line that is not a JSON object with an {@code instance_id} is a {@link DataFormatException}:
 * it is not ours to drop.
 */
public final class JsonlAppender implements Closeable {
  private static final byte[] NEWLINE = {'\n'};

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Map<String, JsonNode> existing;

  private JsonlAppender(Path file, FileChannel channel, FileLock lock, Map<String, JsonNode> existing) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.existing = existing;
  }

  /**
   * Opens {@code file} for appending, creating it and its folder when missing; with
   * {@code override} it starts empty.
   */
  public static JsonlAppender open(Path file, boolean override, Reporter reporter) {
    FileChannel channel = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel, file);
      if (override) {
        channel.truncate(0);
      }
      Map<String, JsonNode> existing = readExisting(file, channel, reporter);
      channel.position(channel.size());
      return new JsonlAppender(file, channel, lock, existing);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot open " + file + " for writing: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IllegalStateException(file + " is being written by another editbench run; "
          + "wait for it to finish or choose another output");
    }
    return lock;
  }

  private static Map<String, JsonNode> readExisting(Path file, FileChannel channel, Reporter reporter)
      throws IOException {
    Map<String, JsonNode> records = new LinkedHashMap<>();
    byte[] bytes = Files.readAllBytes(file);
    int lineNumber = 0;
    int start = 0;
    while (start < bytes.length) {
      lineNumber++;
      int end = indexOf(bytes, (byte) '\n', start);
      boolean complete = end >= 0;
      int stop = complete ? end : bytes.length;
      String text = new String(bytes, start, stop - start, StandardCharsets.UTF_8);
      if (!complete) {
        repairTornLine(file, channel, reporter, records, lineNumber, start, text);
        break;
      }
      if (!text.isBlank()) {
        JsonNode node = JsonLineReader.parse(file, lineNumber, text);
        records.put(instanceId(file, lineNumber, node), node);
      }
      start = end + 1;
    }
    return records;
  }

  private static void repairTornLine(Path file, FileChannel channel, Reporter reporter,
      Map<String, JsonNode> records, int lineNumber, int offset, String text) throws IOException {
    JsonNode node = null;
    try {
      node = JsonLineReader.tree(text);
    } catch (IOException notJson) {
      // an interrupted write: handled below
    }
    if (node != null && node.isObject() && node.path("instance_id").isTextual()) {
      channel.write(ByteBuffer.wrap(new byte[] {'\n'}), channel.size());
      records.put(node.get("instance_id").textValue(), node);
      reporter.warn(file + ":" + lineNumber + ": last line had no line end; completed it");
    } else {
      channel.truncate(offset);
      reporter.warn(file + ":" + lineNumber + ": removed a torn last line (" + text.length()
          + " chars left by an interrupted run); its instance will be written again");
    }
  }

  private static String instanceId(Path file, int lineNumber, JsonNode node) {
    JsonNode id = node.get("instance_id");
    if (!node.isObject() || id == null || !id.isTextual()) {
      throw new DataFormatException(file, lineNumber, "expected a JSON object with a string instance_id");
    }
    return id.textValue();
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The records present when the file was opened, by instance id (first occurrence order). */
  public Map<String, JsonNode> existing() {
    return java.util.Collections.unmodifiableMap(existing);
  }

  public boolean contains(String instanceId) {
    return existing.containsKey(instanceId);
  }

  public Path file() {
    return file;
  }

  /** Appends one record: the line and its newline in a single write. */
  public void append(String jsonLine) {
    append(jsonLine.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends one record given as UTF-8 JSON without its newline; line and newline go in one write. */
  public void append(byte[] jsonLine) {
    write(ByteBuffer.wrap(jsonLine), ByteBuffer.wrap(NEWLINE));
  }

  private void write(ByteBuffer... buffers) {
    try {
      while (buffers[buffers.length - 1].hasRemaining()) {
        channel.write(buffers); // a gathering write: one system call for line and newline
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Forces the data to disk and releases the lock. */
  @Override
  public void close() {
    try {
      channel.force(false);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing; the first error is the one to report
      }
    }
  }
}
