package org.editbench.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.editbench.core.JsonlAppender.KeptRecord;

/**
 * Where a {@link JsonlAppender}'s kept records are in its file, as opening left it, and reading
 * them again from there: the records stay on disk rather than in memory (a resumed run's file may
 * hold hundreds of MB of prompts).
 */
final class KeptLines {
  private final Path file;
  private final Map<String, JsonlScan.KeptLine> at;

  KeptLines(Path file, Map<String, JsonlScan.KeptLine> at) {
    this.file = file;
    this.at = at;
  }

  Optional<KeptRecord> kept(String instanceId) {
    try (FileChannel channel = FileChannel.open(file)) {
      return Optional.ofNullable(read(channel, instanceId));
    } catch (IOException e) {
      throw cannotRead(e);
    }
  }

  int length(String instanceId) {
    JsonlScan.KeptLine line = at.get(instanceId);
    return line == null ? 0 : line.length();
  }

  <T> Map<String, T> map(Collection<String> instanceIds, Function<KeptRecord, T> function) {
    Map<String, T> results = new ConcurrentHashMap<>();
    try (FileChannel channel = FileChannel.open(file)) {
      // positional reads: one channel serves every thread
      instanceIds.parallelStream()
          .forEach(
              id -> {
                KeptRecord record = read(channel, id);
                if (record != null) {
                  results.put(id, function.apply(record));
                }
              });
    } catch (IOException e) {
      throw cannotRead(e);
    }
    return results;
  }

  /** The kept record of {@code instanceId}, read at its place through {@code channel}; or null. */
  private KeptRecord read(FileChannel channel, String instanceId) {
    JsonlScan.KeptLine line = at.get(instanceId);
    if (line == null) {
      return null;
    }
    ByteBuffer bytes = ByteBuffer.allocate(line.length());
    try {
      while (bytes.hasRemaining()) {
        if (channel.read(bytes, line.offset() + bytes.position()) < 0) {
          throw new EOFException(file + " became shorter while it was open");
        }
      }
    } catch (IOException e) {
      throw cannotRead(e);
    }
    int length = line.length();
    if (length > 0 && bytes.get(length - 1) == '\r') {
      length--; // a line end written as CRLF
    }
    return new KeptRecord(line.line(), Arrays.copyOf(bytes.array(), length));
  }

  private UncheckedIOException cannotRead(IOException e) {
    return new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
  }
}
