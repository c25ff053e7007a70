package org.editbench.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one writer of a JSONL output that runs append to and later runs resume — infbench files and
 * run-api's prediction files alike: crash-safe, resume-aware, exclusive.
 *
 * <ul>
 *   <li><b>Exclusive.</b> Holds an OS file lock on a hidden sidecar {@code .{name}.lock} for as
 *       long as it is open; a second writer — another process, or another run in this JVM — fails
 *       at once with {@link OutputLockedException}. The sidecar (not the data file) is locked
 *       because compaction replaces the data file, and a lock on a replaced file guards nothing.
 *   <li><b>Resume.</b> On open it reads the file ({@link JsonlScan}), every line a JSON object with
 *       a string {@code instance_id}; a {@link Resume} policy decides per record whether it is
 *       {@linkplain #done() done} (kept: this run skips its instance) or to be redone. Records to
 *       redo are removed by an atomic compaction (copy to a temp file, fsync, atomic rename, fsync
 *       the folder) so that each instance ends with exactly one record. A broken line anywhere but
 *       at the end is a {@link DataFormatException} ({@code file:line}): it is not ours to drop,
 *       and nothing is changed.
 *   <li><b>Torn last line.</b> A last line without its line end — what a crash in the middle of a
 *       write leaves — is repaired with a warning: completed when it is a whole record, cut off
 *       otherwise.
 *   <li><b>Crash-safe writes.</b> Each record is one gathering {@code write} of the line and its
 *       line end, in append mode: a killed process leaves whole lines, or at worst one torn last
 *       line that the next open repairs.
 *   <li><b>Whole lines on a failed write.</b> When an append fails (a full disk, an I/O error), the
 *       file is cut back to its last complete line at once, and every later append fails alike
 *       without writing: the file holds whole records only, and the next run resumes from them.
 *   <li><b>Stopping.</b> {@link #stopAll()} lets a process that is being stopped (SIGINT, SIGTERM)
 *       end with whole lines: each open appender finishes its write in progress, is forced, and
 *       writes nothing more.
 *   <li><b>Force policy.</b> The OS has each written line as soon as {@code write} returns, which
 *       is all a process crash needs. Only a power loss or kernel crash can lose lines the OS has
 *       not flushed, so the file is forced to disk at most once per {@link Options#forceInterval()}
 *       and on close, rather than per record: an fsync per record would queue concurrent writers
 *       behind the disk, while losing at most that interval of records only means redoing them.
 * </ul>
 */
public final class JsonlAppender implements Closeable {
  /** A force interval that forces the file only when it is closed. */
  public static final Duration FORCE_ON_CLOSE = Duration.ofNanos(Long.MAX_VALUE);

  /**
   * Decides, per record already in the file, whether it is done (kept) or to be redone (removed by
   * compaction before anything is appended), and names things in the messages users see.
   */
  public interface Resume {
    /** Every record is done: the file only grows. */
    Resume ALL_DONE = new Resume() {};

    /**
     * String fields besides {@code instance_id} that {@link #done} reads; only these are decoded.
     */
    default List<String> fields() {
      return List.of();
    }

    /**
     * Whether the record is done; {@code values[i]} is the record's {@code fields().get(i)}, or
     * null when it is missing or not a string.
     */
    default boolean done(String[] values) {
      return true;
    }

    /** What a line must be, for errors: {@code "a record needs a string instance_id"}. */
    default String record() {
      return "record";
    }

    /** The records {@link #done} rejects, for the note of a compaction. */
    default String redoRecords() {
      return "superseded";
    }

    /** What happens to an instance whose record is removed: {@code "written again"}. */
    default String redo() {
      return "written again";
    }
  }

  /**
   * How to open: which records are kept, how often appends are forced to disk, and whether the file
   * starts empty.
   */
  public record Options(Resume resume, Duration forceInterval, boolean override) {
    /** Every record done, forced on close, resumed. */
    public static final Options DEFAULT = new Options(Resume.ALL_DONE, FORCE_ON_CLOSE, false);

    public Options {
      Objects.requireNonNull(resume);
      Objects.requireNonNull(forceInterval);
    }

    public Options withResume(Resume value) {
      return new Options(value, forceInterval, override);
    }

    public Options withForceInterval(Duration value) {
      return new Options(resume, value, override);
    }

    public Options withOverride(boolean value) {
      return new Options(resume, forceInterval, value);
    }
  }

  /** Opens the data file for appending; tests hand over channels that fail. */
  interface ChannelOpener {
    FileChannel open(Path file) throws IOException;
  }

  private static final ChannelOpener APPEND =
      file ->
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

  /** The appenders open in this process, for {@link #stopAll()}. */
  private static final Set<JsonlAppender> OPEN = ConcurrentHashMap.newKeySet();

  /** What the appenders this process has closed wrote, for {@link #stopAll()}. */
  private static final List<Written> CLOSED = new CopyOnWriteArrayList<>();

  /** How many lines a run appended to a file. */
  public record Written(Path file, int lines) {}

  /**
   * A record found in the file when it was opened: its line number then, and its bytes without the
   * line end (nor a CR before it).
   */
  public record KeptRecord(int line, byte[] bytes) {}

  private final Path file;
  private final OutputLock lock;
  private final WholeLineWriter lines;
  private boolean stopped;
  private final Set<String> done;
  private final Set<String> redone;
  private final int removed;
  private final KeptLines keptLines;

  private JsonlAppender(Path file, OutputLock lock, WholeLineWriter lines, JsonlScan scan) {
    this.file = file;
    this.lock = lock;
    this.lines = lines;
    this.done = Collections.unmodifiableSet(scan.done());
    this.redone = Collections.unmodifiableSet(scan.redoIds());
    this.removed = scan.redoLines().size();
    this.keptLines = new KeptLines(file, scan.keptLinesCompacted());
  }

  /**
   * Opens {@code file} for appending where every record present is done, forced on close; with
   * {@code override} it starts empty.
   */
  public static JsonlAppender open(Path file, boolean override, Reporter reporter) {
    return open(file, Options.DEFAULT.withOverride(override), reporter);
  }

  /**
   * Locks, reads, repairs and opens {@code file} for appending, creating it and its folders when
   * missing.
   *
   * @throws OutputLockedException another writer holds the file
   * @throws DataFormatException a line other than a torn last one is not a record
   */
  public static JsonlAppender open(Path file, Options options, Reporter reporter) {
    return open(file, options, reporter, APPEND);
  }

  static JsonlAppender open(
      Path linkOrFile, Options options, Reporter reporter, ChannelOpener opener) {
    Path file = SafePaths.throughLink(linkOrFile);
    SafePaths.requireNotDirectory(file);
    Path dir = file.toAbsolutePath().getParent();
    try {
      AtomicFiles.createFolder(dir);
      OutputLock lock = OutputLock.acquire(file);
      try {
        boolean existed = Files.exists(file);
        JsonlScan scan;
        if (options.override()) {
          scan = JsonlScan.empty();
          if (existed) {
            JsonlRepair.truncate(file, 0);
          }
        } else {
          scan = JsonlScan.of(file, options.resume());
          JsonlRepair.repair(file, scan, options.resume(), reporter);
        }
        FileChannel out = opener.open(file);
        if (!existed) {
          AtomicFiles.forceDirectory(
              dir); // the new file's name must survive a power loss as well as its lines
        }
        WholeLineWriter lines = new WholeLineWriter(file, out, options.forceInterval());
        JsonlAppender appender = new JsonlAppender(file, lock, lines, scan);
        OPEN.add(appender);
        return appender;
      } catch (IOException | RuntimeException e) {
        lock.release();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open " + file + " for writing: " + AtomicFiles.describe(e), e);
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Instances with a record the policy keeps, in order of first appearance: this run skips them.
   */
  public Set<String> done() {
    return done;
  }

  public boolean contains(String instanceId) {
    return done.contains(instanceId);
  }

  /**
   * The record of {@code instanceId} that the file held when it was opened and that is kept, read
   * again from the file: for checking that what this run appends is made the way it was. Empty when
   * there is none. Its line is the line in the file as opening left it, after any compaction.
   */
  public Optional<KeptRecord> kept(String instanceId) {
    return keptLines.kept(instanceId);
  }

  /** The length in bytes of the kept record of {@code instanceId}; 0 when there is none. */
  public int keptLength(String instanceId) {
    return keptLines.length(instanceId);
  }

  /**
   * {@code function} of the kept record ({@link #kept}) of each of {@code instanceIds} that has
   * one, the records read through one channel on every core: a resumed run may check thousands.
   */
  public <T> Map<String, T> mapKept(
      Collection<String> instanceIds, Function<KeptRecord, T> function) {
    return keptLines.map(instanceIds, function);
  }

  /** How many records the compaction at open removed. */
  public int removed() {
    return removed;
  }

  /** Instances whose only records the compaction at open removed. */
  public Set<String> redone() {
    return redone;
  }

  /** Appends one record given as JSON without its line end: one line in one write. Thread-safe. */
  public void append(String jsonLine) {
    append(jsonLine.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends one record given as UTF-8 JSON without its line end; line and line end go in one
   * gathering write. Thread-safe.
   */
  public synchronized void append(byte[] jsonLine) {
    awaitEndIfStopped();
    lines.append(jsonLine);
  }

  /**
   * Stops every appender open in this process for good, each once its write in progress ends, and
   * forces what they wrote: for a process being stopped by a signal, which must end with whole
   * lines. A thread that appends afterwards waits until the process ends.
   *
   * @return what every appender of this process wrote, those closed before included, in order of
   *     file
   */
  public static List<Written> stopAll() {
    List<Written> written = new ArrayList<>(CLOSED);
    for (JsonlAppender appender : OPEN) {
      written.add(appender.stop());
    }
    written.sort(Comparator.comparing(w -> w.file().toString()));
    return written;
  }

  private synchronized Written stop() {
    stopped = true;
    try {
      lines.force();
    } catch (IOException e) {
      // the lines are with the OS, which keeps them when this process ends
    }
    return new Written(file, lines.appended());
  }

  /** Holds an appending thread, for good, once {@link #stopAll()} has stopped this appender. */
  private void awaitEndIfStopped() {
    while (stopped) {
      try {
        wait();
      } catch (InterruptedException e) {
        // the process is ending; nothing more may be written
      }
    }
  }

  /** How many lines this run has appended. */
  public synchronized int appended() {
    return lines.appended();
  }

  /** Forces what was written to disk and releases the lock. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return; // the process is ending: the OS releases the lock
    }
    if (OPEN.remove(this) && lines.appended() > 0) {
      CLOSED.add(new Written(file, lines.appended()));
    }
    try {
      lines.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + AtomicFiles.describe(e), e);
    } finally {
      lock.release();
    }
  }
}
