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
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way editbench writes a file whole — merges, score files, summaries, charts, the
 * compaction of a JSONL output: into a temporary sibling, forced to disk, then renamed over the
 * file in one atomic step. A full disk, an I/O error or a kill leaves the old file (or none), never
 * a half-written one; the temporary file is removed on failure.
 */
public final class AtomicFiles {
  private static final int BUFFER = 1 << 16;
  private static final String TEMP_SUFFIX = ".tmp";

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
    // A link is written through, as an editor saves it: renaming over it would replace the link
    // with a file and leave its target as it was (a dangling link's target is created).
    List<Path> chain = linkChain(file);
    Path target = chain.get(chain.size() - 1);
    if (chain.stream().anyMatch(AtomicFiles::isStream)
        || (Files.exists(target) && !Files.isRegularFile(target))) {
      // A device, a pipe or a process's open file (/dev/stdout, /proc/self/fd/1): nothing to
      // rename over, so written straight.
      return writeInPlace(file, content);
    }
    replace(target, content);
    return file;
  }

  /** {@code file}, then where it leads when it is a symbolic link, link after link. */
  private static List<Path> linkChain(Path file) {
    List<Path> chain = new ArrayList<>(List.of(file.toAbsolutePath()));
    try {
      for (Path at = chain.get(0); chain.size() < 40 && Files.isSymbolicLink(at); ) {
        at = at.getParent().resolve(Files.readSymbolicLink(at)).normalize();
        chain.add(at);
      }
    } catch (IOException e) {
      return List.of(file); // the write itself then says what is wrong
    }
    return chain;
  }

  /**
   * A process's open file ({@code /proc/self/fd/1}) or a device or link among the devices ({@code
   * /dev/stdout}): never a file to replace. A regular file under {@code /dev} ({@code /dev/shm}) is
   * one like any other.
   */
  private static boolean isStream(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith("/proc/")
        || (absolute.startsWith("/dev/")
            && (Files.isSymbolicLink(absolute)
                || (Files.exists(absolute) && !Files.isRegularFile(absolute))));
  }

  /**
   * Writes {@code file} as it stands, appending: a shell's {@code >} has emptied a redirected file
   * already, and its {@code >>} must not lose what the file held (reopening it through {@code
   * /dev/stdout} starts at its beginning).
   */
  private static Path writeInPlace(Path file, ChannelContent content) {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      content.writeTo(channel);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + describe(e), e);
    }
  }

  private static void replace(Path file, ChannelContent content) {
    Path dir = file.toAbsolutePath().getParent();
    // A fixed name per process: two processes never share one, and a leftover is overwritten.
    Path temp = dir.resolve(tempPrefix(file) + ProcessHandle.current().pid() + TEMP_SUFFIX);
    InProgress.add(temp);
    try {
      createFolder(dir);
      removeLeftovers(dir, file);
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        content.writeTo(channel);
        channel.force(true);
      }
      keepPermissions(file, temp);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(dir);
    } catch (IOException | UncheckedIOException e) {
      deleteQuietly(temp);
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new UncheckedIOException("cannot write " + file + ": " + describe(cause), cause);
    } catch (RuntimeException | Error e) {
      deleteQuietly(temp);
      throw e;
    } finally {
      InProgress.remove(temp);
    }
  }

  /**
   * Gives the new file the permissions of the one it replaces: a notebook or summary kept private
   * (600) must not become readable by all (the temporary file gets the umask's).
   */
  private static void keepPermissions(Path file, Path temp) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its files have no such permissions to keep
    }
  }

  private static String tempPrefix(Path file) {
    return "." + file.getFileName() + ".";
  }

  /**
   * Deletes the temporary files of {@code file} that processes no longer running left (killed, or
   * stopped by a signal, while writing): nothing else would, and a compaction's can be as large as
   * its output. A process still running may be writing its own, which stays.
   */
  private static void removeLeftovers(Path dir, Path file) {
    String prefix = tempPrefix(file);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(prefix)
            && name.length() > prefix.length() + TEMP_SUFFIX.length()
            && leftBehind(name.substring(prefix.length(), name.length() - TEMP_SUFFIX.length()))) {
          deleteQuietly(entry);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // only a clean-up: the write goes on, and says what fails if anything does
    }
  }

  /** Whether the process {@code pid} (a temporary file's middle part) has ended. */
  private static boolean leftBehind(String pid) {
    if (pid.isEmpty() || pid.length() > 18 || !pid.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false; // not a name this class gives
    }
    return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
  }

  /** A file where a folder is needed: the user's to move, so the CLI's bad-input exit. */
  public static final class FileInTheWayException extends IOException {
    FileInTheWayException(Path file, IOException cause) {
      super(file + " is a file, where a folder is needed", cause);
    }
  }

  /**
   * Creates {@code dir} and its parents. Where a file stands in the way, Java says only its name or
   * "Not a directory"; this names the file and says what is wrong ({@link FileInTheWayException}).
   */
  public static void createFolder(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      Optional<Path> inTheWay = fileInTheWay(dir);
      if (inTheWay.isPresent()) {
        throw new FileInTheWayException(inTheWay.get(), e);
      }
      throw e;
    }
  }

  /**
   * The file that keeps {@code dir} from being a folder — itself, or a folder above it that is a
   * file — if any: a command can refuse such a folder before its work instead of after it.
   */
  public static Optional<Path> fileInTheWay(Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
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
   * An I/O error as a user reads it: the OS's reason ("No space left on device"). Java leaves the
   * reason out of the commonest file errors, whose message is only the path ("permission denied"
   * would read as "/x/.out.123.tmp"): those are said in words, with the file they concern, which
   * may be a temporary or lock file beside the one the caller names.
   */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException fs) {
      String reason = fs.getReason() != null ? fs.getReason() : reasonOf(fs);
      return fs.getFile() == null ? reason : reason + " (" + fs.getFile() + ")";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String reasonOf(FileSystemException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    } else if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    } else if (e instanceof NotDirectoryException) {
      return "not a folder";
    } else if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    } else if (e instanceof DirectoryNotEmptyException) {
      return "folder not empty";
    }
    return e.getClass().getSimpleName();
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

  /**
   * The temporary files being written now, removed when the JVM ends on a signal (Ctrl-C, kill) in
   * the middle of one: a merge stopped so left hundreds of MB until the next write of that file. A
   * process killed outright runs no hook; {@link #removeLeftovers} takes those.
   */
  private static final class InProgress {
    private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

    static {
      try {
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> FILES.forEach(AtomicFiles::deleteQuietly), "atomic-files-cleanup"));
      } catch (IllegalStateException e) {
        // The first write of this JVM is a shutdown hook's own (a notebook saved as the process
        // ends): too late for a hook, and the write removes its temporary file itself on failure.
      }
    }

    static void add(Path temp) {
      FILES.add(temp);
    }

    static void remove(Path temp) {
      FILES.remove(temp);
    }
  }
}
