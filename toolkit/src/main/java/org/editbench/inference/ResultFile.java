package org.editbench.inference;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.editbench.core.JsonText;
import org.editbench.core.JsonlAppender;
import org.editbench.core.Reporter;

/**
 * A prediction file: a {@link JsonlAppender} (exclusive through a sidecar lock, crash-safe
 * one-write appends, torn-line repair, forced at most once per interval) whose resume policy is
 * run-api's: an instance with a success or a final failure is {@linkplain #finished() finished}; a
 * retryable failure ({@link ResultRecord#retriedOnResume}) is compacted away at open, so that every
 * instance ends with exactly one record however often a run is killed and restarted.
 */
public final class ResultFile implements Closeable {
  public static final Duration DEFAULT_FORCE_INTERVAL = Duration.ofSeconds(1);

  /** Success or final failure: done; retryable failure: removed, and the instance asked again. */
  static final JsonlAppender.Resume RESUME =
      new JsonlAppender.Resume() {
        @Override
        public List<String> fields() {
          return List.of("status", "error");
        }

        @Override
        public boolean done(String[] statusAndError) {
          return !ResultRecord.retriedOnResume(statusAndError[0], statusAndError[1]);
        }

        @Override
        public String record() {
          return "prediction record";
        }

        @Override
        public String redoRecords() {
          return "retryable failure";
        }

        @Override
        public String redo() {
          return "asked again";
        }
      };

  private final JsonlAppender out;

  private ResultFile(JsonlAppender out) {
    this.out = out;
  }

  /**
   * Locks, reads, repairs and opens {@code file} for appending, creating it and its folders when
   * missing.
   *
   * @throws org.editbench.core.OutputLockedException another writer holds the file
   * @throws org.editbench.core.DataFormatException a line other than a torn last one is not a
   *     record
   */
  public static ResultFile open(Path file, Duration forceInterval, Reporter reporter) {
    return new ResultFile(
        JsonlAppender.open(
            file,
            JsonlAppender.Options.DEFAULT.withResume(RESUME).withForceInterval(forceInterval),
            reporter));
  }

  public Path path() {
    return out.file();
  }

  /** Instances that have a success or a final failure in the file: this run skips them. */
  public Set<String> finished() {
    return out.done();
  }

  /** How many retryable failure records the compaction at open removed. */
  public int retryRecordsRemoved() {
    return out.removed();
  }

  /** Appends one record as one line in one write. Thread-safe. */
  public void append(ResultRecord record) {
    out.append(record.writeJson(new JsonText(4096)).toBytes());
  }

  /** Forces what was written to disk and releases the lock. */
  @Override
  public void close() {
    out.close();
  }
}
