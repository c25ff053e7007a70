package org.editbench.core;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way editbench writes a file whole — merges, score files, summaries, charts, the
 * compaction of a JSONL output: into a temporary sibling, forced to disk, then renamed over the
 * file in one atomic step. A full disk, an I/O error or a kill leaves the old file (or none), never
 * a half-written one; the temporary file is removed on failure.
 */
public final class AtomicFiles {
  private static final int BUFFER = 1 << 16;

  private AtomicFiles() {}

  /** Writes a file's content to a stream. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes a file's content to its channel, for copies between files ({@link
   * FileChannel#transferTo}).
   */
  public interface ChannelContent {
    void writeTo(FileChannel out) throws IOException;
  }

  /** Writes a file's content as text (UTF-8). */
  public interface TextContent {
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Replaces {@code file} with what {@code content} writes, creating its folder.
   *
   * @return {@code file}
   * @throws DataFormatException {@code file} is a directory
   * @throws UncheckedIOException writing failed ({@code cannot write FILE: cause}); the file is as
   *     it was
   */
  public static Path write(Path file, Content content) {
    return writeChannel(
        file,
        channel -> {
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
          content.writeTo(out);
          out.flush();
        });
  }

  /**
   * {@link #write(Path, Content)}, the content written straight to the temporary file's channel.
   */
  public static Path writeChannel(Path file, ChannelContent content) {
    SafePaths.requireNotDirectory(file);
    Path dir = file.toAbsolutePath().getParent();
    // A fixed name per process: two processes never share one, and a leftover is overwritten.
    Path temp =
        dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        content.writeTo(channel);
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(dir);
      return file;
    } catch (IOException | UncheckedIOException e) {
      deleteQuietly(temp);
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new UncheckedIOException("cannot write " + file + ": " + describe(cause), cause);
    } catch (RuntimeException | Error e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /** {@link #write(Path, Content)} of UTF-8 text. */
  public static Path writeText(Path file, TextContent content) {
    return write(
        file,
        out -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
          content.writeTo(writer);
          writer.flush();
        });
  }

  /** {@link #write(Path, Content)} of one string. */
  public static Path writeString(Path file, String text) {
    return writeText(file, out -> out.write(text));
  }

  /**
   * An I/O error as a user reads it: the OS's reason ("No space left on device"), else the
   * exception's name.
   */
  public static String describe(IOException e) {
    String message = e.getMessage();
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      message = fs.getReason();
    }
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /**
   * Makes a rename or a new file's name durable; some platforms cannot open folders, and need not.
   */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a folder as a channel; its renames are durable without it.
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the error being reported is the one that matters
    }
  }
}
