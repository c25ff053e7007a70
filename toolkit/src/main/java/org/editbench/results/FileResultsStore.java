package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.editbench.core.AtomicFiles;
import org.editbench.core.DataFormatException;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;
import org.editbench.text.FirstFew;

/**
 * The {@link FileResults} of prediction files, computed once and then reused while the prediction
 * file and its infbench file keep their contents: each is kept in {@code
 * n={n}/metrics/{stem}.results.json} under a key made of checksums of both files' bytes (not their
 * modification times, which copies, checkouts and restores do not keep faithfully), the token
 * encoding, the metrics defined and the format of the results. A key that does not match means the
 * entry is computed again and replaced. Entries are written whole to a temporary file and renamed
 * into place, so a crash never leaves half of one; a results folder that cannot be written to only
 * costs the reuse.
 */
public final class FileResultsStore {
  /** Raised whenever what is computed changes, so that older entries are computed again. */
  static final int FORMAT = 6;

  static final String SUFFIX = ".results.json";

  /**
   * The metrics' keys: an entry stored before a metric was defined lacks it, and is computed again.
   */
  private static final String METRICS =
      String.join(" ", Metric.ALL.stream().map(Metric::jsonKey).toList());

  private static final String MISSING = "missing";

  private FileResultsStore() {}

  /** Where the results of {@code file} are kept. */
  public static Path entryFile(PredictionFile file) {
    return file.metricsFile().resolveSibling(file.stem() + SUFFIX);
  }

  /**
   * The results of each file, in order: reused where the stored entry's key matches, computed (and
   * stored) otherwise. Files made from the same infbench file are computed together, which reads
   * that infbench file once; each distinct prompt's tokens are counted once.
   */
  public static List<FileResults> results(
      List<PredictionFile> files,
      Path infbenchDir,
      Function<PredictionFile, String> encodingOf,
      Reporter reporter) {
    Map<Path, String> infbenchChecksums = new ConcurrentHashMap<>();
    List<String> keys =
        files.parallelStream()
            .map(
                file -> {
                  Path infbench = file.infbenchFile(infbenchDir);
                  return "format "
                      + FORMAT
                      + ", metrics "
                      + METRICS
                      + ", encoding "
                      + encodingOf.apply(file)
                      + ", predictions "
                      + checksum(file.file())
                      + ", infbench "
                      + infbenchChecksums.computeIfAbsent(
                          infbench, FileResultsStore::checksumOrMissing);
                })
            .toList();
    FileResults[] results = new FileResults[files.size()];
    Map<Path, List<Integer>> toCompute = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      results[i] = stored(files.get(i), keys.get(i));
      if (results[i] == null) {
        toCompute
            .computeIfAbsent(files.get(i).infbenchFile(infbenchDir), f -> new ArrayList<>())
            .add(i);
      }
    }
    int total = toCompute.values().stream().mapToInt(List::size).sum();
    if (total > 0) {
      // Shown before the first group is scored, which can take most of the call.
      reporter.progress("scoring prediction files", 0, total);
    }
    AtomicInteger done = new AtomicInteger();
    // One token count cache per encoding for the whole call: the variants of an instance repeat its
    // lines.
    Map<String, PromptTokens> tokensByEncoding = new ConcurrentHashMap<>();
    // Infbench files in parallel too: one file's reading is sequential, and a case may have one
    // prediction file per infbench file. The prediction files first (small: their prompts are
    // counted as they are read), then the infbench file, scored as it is read.
    toCompute.entrySet().parallelStream()
        .forEach(
            group -> {
              Path infbench = group.getKey();
              List<Integer> members = group.getValue();
              List<List<String>> readWarnings = new ArrayList<>();
              members.forEach(i -> readWarnings.add(new ArrayList<>()));
              List<List<Prediction>> predictions =
                  IntStream.range(0, members.size())
                      .parallel()
                      .mapToObj(
                          k -> {
                            PredictionFile file = files.get(members.get(k));
                            return Prediction.read(
                                file.file(),
                                tokensByEncoding.computeIfAbsent(
                                    encodingOf.apply(file), PromptTokens::new),
                                collecting(readWarnings.get(k)));
                          })
                      .toList();
              List<String> infbenchWarnings = new ArrayList<>();
              Scoring.Scored scored =
                  Files.isRegularFile(infbench)
                      ? Scoring.scoreAsRead(predictions, infbench, collecting(infbenchWarnings))
                      : null;
              for (int k = 0; k < members.size(); k++) {
                int i = members.get(k);
                List<String> warnings = new ArrayList<>(infbenchWarnings);
                warnings.addAll(readWarnings.get(k));
                List<Prediction> counted = predictions.get(k);
                if (scored != null && scored.instances() > 0) {
                  counted = ofInstances(files.get(i), counted, scored, k, infbench, warnings);
                }
                results[i] =
                    FileResults.of(
                        scored == null || scored.instances() == 0 ? null : scored.instances(),
                        counted,
                        scored == null ? List.of() : scored.metrics().get(k),
                        warnings);
                store(files.get(i), keys.get(i), results[i], reporter);
                synchronized (done) {
                  reporter.progress("scoring prediction files", done.incrementAndGet(), total);
                }
              }
            });
    // Said once each, also when several files share an infbench file with bad lines.
    Arrays.stream(results).flatMap(r -> r.warnings().stream()).distinct().forEach(reporter::warn);
    return List.of(results);
  }

  /**
   * The predictions of {@code file} for the infbench file's instances, made from their records'
   * prompts. Others would count as predictions and successes of a run beyond its instances: an
   * instance it does not hold, or one whose prompt is empty, which run-api never asks; a prediction
   * made from another prompt (the infbench file rebuilt since run-api ran, or another run's file
   * under the same name), which would be scored against another split. They are left out of the
   * counts, with a warning naming them.
   *
   * @param k the file's place among those scored together
   */
  private static List<Prediction> ofInstances(
      PredictionFile file,
      List<Prediction> predictions,
      Scoring.Scored scored,
      int k,
      Path infbench,
      List<String> warnings) {
    List<Prediction> kept = new ArrayList<>(predictions.size());
    List<String> strangers = new ArrayList<>();
    Set<String> otherPrompts = scored.otherPrompts().get(k);
    for (Prediction p : predictions) {
      if (!scored.instanceIds().contains(p.instanceId())) {
        strangers.add(p.instanceId());
      } else if (!otherPrompts.contains(p.instanceId())) {
        kept.add(p);
      }
    }
    if (!strangers.isEmpty()) {
      warnings.add(
          file.file()
              + ": "
              + strangers.size()
              + " prediction(s) for instances that "
              + infbench
              + " does not hold, or holds with an empty prompt, left out of the counts: "
              + FirstFew.of(strangers, 5));
    }
    if (!otherPrompts.isEmpty()) {
      warnings.add(
          Scoring.otherPromptsWarning(
              file.file(), infbench, List.copyOf(otherPrompts), "left out of the counts"));
    }
    return kept;
  }

  private static FileResults stored(PredictionFile file, String key) {
    Path entry = entryFile(file);
    try {
      JsonNode json = Jsonl.MAPPER.readTree(Files.readString(entry, StandardCharsets.UTF_8));
      return key.equals(json.path("key").asText()) ? FileResults.fromJson(json) : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable or from an older format: computed again and replaced
    }
  }

  private static void store(
      PredictionFile file, String key, FileResults results, Reporter reporter) {
    Path entry = entryFile(file);
    try {
      AtomicFiles.writeString(entry, results.toJson(key) + "\n");
    } catch (UncheckedIOException | DataFormatException e) {
      reporter.warn("cannot keep the scores of " + file.file() + " for reuse: " + e.getMessage());
    }
  }

  /** A reporter that keeps the warnings, so that a reused entry can say them again. */
  private static Reporter collecting(List<String> warnings) {
    return new Reporter() {
      @Override
      public void warn(String message) {
        warnings.add(message);
      }

      @Override
      public void info(String message) {}
    };
  }

  private static String checksumOrMissing(Path file) {
    return Files.isRegularFile(file) ? checksum(file) : MISSING;
  }

  /**
   * The file's length and two different 32-bit CRCs of its bytes (CRC-32C and CRC-32, both computed
   * by the processor's own instructions): any accidental change shows. A cryptographic digest would
   * guard against forged files as well, but at this JVM's speed for SHA-256 (tens of MB/s without
   * the C2 compiler) checking a study's 3 GB would take longer than scoring it.
   */
  static String checksum(Path file) {
    CRC32C castagnoli = new CRC32C();
    CRC32 crc = new CRC32();
    long length = 0;
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    try (FileChannel channel = FileChannel.open(file)) {
      for (int read; (read = channel.read(buffer.clear())) >= 0; ) {
        castagnoli.update(buffer.array(), 0, read);
        crc.update(buffer.array(), 0, read);
        length += read;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
    }
    return String.format("%d:%08x:%08x", length, castagnoli.getValue(), crc.getValue());
  }
}
