package org.editbench.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The one naming rule every stage's files follow, as the reference names them: a bench is {@code
 * {dataset}-task-instances.jsonl}, an infbench file — and the predictions and metrics made from it
 * — {@code {dataset}-task-instances_{run_id}.jsonl}; {@code dataset} is a repository ({@code
 * owner-repo}) or {@value DataPaths#MERGED_DATASET} for the merged files.
 *
 * @param runId null for a bench file
 */
public record DatasetFile(String dataset, String runId) {
  private static final String MARKER = "-task-instances";
  private static final String JSONL = ".jsonl";

  public DatasetFile {
    if (dataset == null || dataset.isEmpty()) {
      throw new IllegalArgumentException("a dataset file needs a dataset name");
    }
    if (runId != null && runId.isEmpty()) {
      throw new IllegalArgumentException("an infbench file's run_id cannot be empty");
    }
  }

  /** The bench file of {@code dataset}. */
  public static DatasetFile bench(String dataset) {
    return new DatasetFile(dataset, null);
  }

  /** The infbench (or prediction, or metrics) file of {@code dataset} and {@code runId}. */
  public static DatasetFile of(String dataset, String runId) {
    return new DatasetFile(dataset, runId);
  }

  /**
   * What a file name says, when it follows the rule: a non-empty dataset, the marker once, and for
   * an infbench file a non-empty run_id after it.
   */
  public static Optional<DatasetFile> parse(String fileName) {
    if (!fileName.endsWith(JSONL)) {
      return Optional.empty();
    }
    String stem = fileName.substring(0, fileName.length() - JSONL.length());
    int at = stem.indexOf(MARKER);
    if (at <= 0 || stem.indexOf(MARKER, at + 1) >= 0) {
      return Optional.empty();
    }
    String rest = stem.substring(at + MARKER.length());
    String dataset = stem.substring(0, at);
    if (rest.isEmpty()) {
      return Optional.of(bench(dataset));
    }
    return rest.startsWith("_") && rest.length() > 1
        ? Optional.of(of(dataset, rest.substring(1)))
        : Optional.empty();
  }

  /** {@link #parse} of a path's file name. */
  public static Optional<DatasetFile> parse(Path file) {
    return parse(file.getFileName().toString());
  }

  /** Whether this is one of the merged files, named {@value DataPaths#MERGED_DATASET}. */
  public boolean isMerged() {
    return dataset.equals(DataPaths.MERGED_DATASET);
  }

  /** {@code {dataset}-task-instances[_{run_id}]}. */
  public String stem() {
    return dataset + MARKER + (runId == null ? "" : "_" + runId);
  }

  public String fileName() {
    return stem() + JSONL;
  }

  /**
   * The run_ids with an infbench-style file of {@code dataset} in {@code dir}, sorted; none when
   * the folder is not there.
   */
  public static SortedSet<String> runIdsIn(Path dir, String dataset) {
    SortedSet<String> runIds = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return runIds;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .flatMap(file -> parse(file).stream())
          .filter(named -> named.dataset().equals(dataset) && named.runId() != null)
          .forEach(named -> runIds.add(named.runId()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + AtomicFiles.describe(e), e);
    }
    return runIds;
  }
}
