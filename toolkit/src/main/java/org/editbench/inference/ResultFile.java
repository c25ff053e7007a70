package org.editbench.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.editbench.core.JsonText;
import org.editbench.core.Jsonl;
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

  /**
   * Beyond this many bytes of finished records, {@link #askedWithOtherPrompts} reads an even sample
   * of them first (all of them only once the sample finds one asked with another prompt): a study's
   * file (some hundred records of 100 kB) is read whole, and resuming stays quick however large the
   * file.
   */
  static final long SAMPLED_ABOVE_BYTES = 64L << 20;

  /** Likewise beyond this many records: each costs a read and a parser besides its bytes. */
  static final int SAMPLED_ABOVE_RECORDS = 5_000;

  /**
   * What {@link #askedWithOtherPrompts} found.
   *
   * @param finished finished instances given
   * @param checked those whose record was read: all, or when none of an even sample was asked with
   *     another prompt, that sample
   * @param otherPrompts those asked with another prompt, in the order given: all of them
   */
  public record PromptCheck(int finished, int checked, List<String> otherPrompts) {}

  /**
   * The finished instances of {@code promptsById} (instance id → its prompt in the input now) whose
   * record was asked with a prompt that differs from it outside the code block, which run-api
   * shortens to fit a model ({@link PromptFingerprint}). Records without a prompt are not compared.
   * Beyond {@link #SAMPLED_ABOVE_BYTES} or {@link #SAMPLED_ABOVE_RECORDS} an even sample is read
   * first; if any of it differs, every record is, so that all of them are named. Only the prompt of
   * each record is decoded, on every core.
   */
  public PromptCheck askedWithOtherPrompts(Map<String, String> promptsById) {
    return askedWithOtherPrompts(promptsById, SAMPLED_ABOVE_BYTES);
  }

  PromptCheck askedWithOtherPrompts(Map<String, String> promptsById, long bytesChecked) {
    List<String> finished = promptsById.keySet().stream().filter(finished()::contains).toList();
    long bytes = finished.stream().mapToLong(out::keptLength).sum();
    List<String> checked = finished;
    if (bytes > bytesChecked || finished.size() > SAMPLED_ABOVE_RECORDS) {
      long stride =
          Math.max(
              (bytes + bytesChecked - 1) / bytesChecked,
              (finished.size() + SAMPLED_ABOVE_RECORDS - 1) / SAMPLED_ABOVE_RECORDS);
      checked =
          IntStream.iterate(0, i -> i < finished.size(), i -> (int) (i + stride))
              .mapToObj(finished::get)
              .toList();
    }
    List<String> other = askedWithOtherPrompts(checked, promptsById);
    if (!other.isEmpty() && checked.size() < finished.size()) {
      checked = finished;
      other = askedWithOtherPrompts(finished, promptsById);
    }
    return new PromptCheck(finished.size(), checked.size(), other);
  }

  private List<String> askedWithOtherPrompts(List<String> ids, Map<String, String> promptsById) {
    Map<String, Long> asked = out.mapKept(ids, record -> promptFingerprint(record.bytes()));
    return ids.parallelStream()
        .filter(
            id ->
                PromptFingerprint.differ(
                    asked.getOrDefault(id, PromptFingerprint.NONE),
                    PromptFingerprint.of(promptsById.get(id))))
        .toList();
  }

  private long promptFingerprint(byte[] record) {
    try (JsonParser json = Jsonl.MAPPER.getFactory().createParser(record)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return PromptFingerprint.NONE;
      }
      long fingerprint = PromptFingerprint.NONE;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        json.skipChildren(); // an object or an array, whatever its field: not a prompt either
        if (field.equals("prompt")) {
          // the last of a repeated field, as the tree reader that scores the record takes it
          fingerprint =
              value == JsonToken.VALUE_STRING
                  ? PromptFingerprint.of(
                      json.getTextCharacters(),
                      json.getTextOffset(),
                      json.getTextOffset() + json.getTextLength())
                  : PromptFingerprint.NONE;
        }
      }
      return fingerprint;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read a record of " + path() + ": " + e.getMessage(), e);
    }
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
