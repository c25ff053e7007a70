package org.editbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.editbench.core.AtomicFiles;
import org.editbench.core.DataFormatException;
import org.editbench.core.DataPaths;
import org.editbench.core.DatasetFile;
import org.editbench.core.DuplicateIds;
import org.editbench.core.JsonLineReader;
import org.editbench.core.Jsonl;
import org.editbench.core.MergedOutput;
import org.editbench.core.OutputLock;
import org.editbench.core.Reporter;
import org.editbench.core.SafePaths;
import org.editbench.text.PyStrings;

/**
 * The reference's merges of per-repository bench and infbench files into {@code all-…} files.
 * Outputs are written to a temporary file and moved into place, so a failed merge leaves the
 * previous output intact; invalid JSON lines are reported as {@code file:line} and skipped. Unlike
 * the reference, a merge does not replace an output that holds instances it would leave out (one
 * built from the whole bench directly, or merged from files since removed) unless {@code force}
 * ({@link MergedOutput}).
 */
public final class DatasetMerges {
  /** How an infbench {@code all} file comes to hold instances a merge leaves out. */
  private static final String INFBENCH_WHENCE =
      "a run over the whole bench writes there directly, or the files merged before are gone or"
          + " hold fewer instances; infbench files can be built again";

  /** How a bench {@code all} file comes to hold instances a merge leaves out. */
  private static final String BENCH_WHENCE =
      "it is a bench of its own, or the bench files merged before are gone or hold fewer"
          + " instances";

  /**
   * How an output comes to hold instances a merge leaves out: {@code unfiltered}, or for a merge of
   * some repositories only, that filter, which is then the likelier cause.
   */
  private static String whence(String unfiltered, List<String> repos, String outputOption) {
    return repos == null || repos.isEmpty()
        ? unfiltered
        : "--repos "
            + String.join(" ", repos)
            + " merges only those repositories' files; give the merge an output of its own ("
            + outputOption
            + ") to keep this one whole";
  }

  private DatasetMerges() {}

  /**
   * What a merge wrote: records, duplicate instance ids left out (infbench) or kept (bench, as the
   * reference's concatenation keeps them), and lines that were not JSON.
   */
  public record MergeResult(
      Path output,
      List<Path> inputs,
      int records,
      int duplicatesSkipped,
      int duplicatesKept,
      int invalidLines) {}

  /** The task whose progress counts the merged files written, as a stop's notice names it. */
  public static final String MERGED_FILES = "merged files";

  /** What merging an input that is still being written would do, as a refusal says it. */
  public static final String MERGING_HALF_WRITTEN =
      "the merge would take what it holds so far, and the merged file would lack the rest";

  /**
   * Concatenates every {@code *task-instances.jsonl} of {@code benchDir} except {@code
   * all-task-instances.jsonl}, sorted by file name, into {@code output}; {@code repos} ({@code
   * owner/repo}, may be null) keeps files whose name contains {@code owner-repo}.
   */
  public static MergeResult mergeBench(
      Path benchDir, Path output, List<String> repos, boolean force, Reporter reporter) {
    List<Path> all = perRepositoryBench(benchDir);
    List<Path> files = select(all, repos);
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          all.isEmpty()
              ? "no bench files to merge in "
                  + benchDir
                  + " (expected {owner}-{repo}-task-instances.jsonl files)"
              : "no bench files of --repos "
                  + String.join(" ", repos)
                  + " in "
                  + benchDir
                  + " (there: "
                  + String.join(", ", all.stream().map(DatasetMerges::name).toList())
                  + ")");
    }
    return concatenate(
        files,
        output,
        false,
        force ? null : whence(BENCH_WHENCE, repos, "--output-path"),
        "merge-bench --force replaces it",
        reporter);
  }

  /**
   * The infbench files of {@code infbenchDir} by condition (run_id): every {@code
   * {name}-task-instances_{condition}.jsonl} but the merged ones ({@code name} {@value
   * DataPaths#MERGED_DATASET}), sorted. A repository whose name ends in "all" ({@code
   * o-firewall-task-instances_0.2.jsonl}) is one to merge.
   */
  public static Map<String, List<Path>> infbenchConditions(Path infbenchDir) {
    Map<String, List<Path>> byCondition = new TreeMap<>();
    for (Path f : listJsonl(infbenchDir)) {
      DatasetFile.parse(f)
          .filter(named -> named.runId() != null && !named.isMerged())
          .ifPresent(
              named -> byCondition.computeIfAbsent(named.runId(), c -> new ArrayList<>()).add(f));
    }
    return byCondition;
  }

  /**
   * The per-repository bench files of {@code benchDir} ({@code {name}-task-instances.jsonl}, not
   * the merged one), by name; empty when there are none.
   */
  public static List<Path> perRepositoryBench(Path benchDir) {
    return listJsonl(benchDir).stream()
        .filter(
            f ->
                DatasetFile.parse(f)
                    .filter(named -> named.runId() == null && !named.isMerged())
                    .isPresent())
        .toList();
  }

  /** Merges the infbench files of one condition; the first record of an instance_id wins. */
  public static MergeResult mergeInfbench(
      Path infbenchDir,
      String condition,
      Path output,
      List<String> repos,
      boolean force,
      Reporter reporter) {
    Map<String, List<Path>> conditions = infbenchConditions(infbenchDir);
    List<Path> files = conditions.get(condition);
    if (files == null) {
      throw new IllegalArgumentException(
          "condition '"
              + condition
              + "' not found in "
              + infbenchDir
              + "; available: "
              + (conditions.isEmpty() ? "none" : String.join(", ", conditions.keySet())));
    }
    files = select(files, repos);
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "no infbench files of condition '" + condition + "' match " + repos);
    }
    return concatenate(
        files,
        output,
        true,
        force ? null : whence(INFBENCH_WHENCE, repos, "--output-path"),
        "merge-infbench --force replaces it",
        reporter);
  }

  /**
   * {@link #mergeInfbench} for every condition, into {@code outDir/all-task-instances_{c}.jsonl}.
   */
  public static List<MergeResult> mergeAllInfbench(
      Path infbenchDir, Path outDir, List<String> repos, boolean force, Reporter reporter) {
    Map<String, List<Path>> conditions = infbenchConditions(infbenchDir);
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException(
          "no {name}-task-instances_{run_id}.jsonl files in " + infbenchDir);
    }
    Function<String, Path> outputOf =
        condition -> outDir.resolve(DatasetFile.of(DataPaths.MERGED_DATASET, condition).fileName());
    // Every input read and every output checked before any is written: bytes that are not UTF-8
    // or a refusal leave them all as they were, not some merged and the rest not.
    for (Map.Entry<String, List<Path>> condition : conditions.entrySet()) {
      List<Path> inputs = select(condition.getValue(), repos);
      OutputLock.requireFinished(inputs, MERGING_HALF_WRITTEN);
      Set<String> ids = instanceIds(inputs);
      if (!force) {
        MergedOutput.refuseToDrop(
            outputOf.apply(condition.getKey()),
            ids,
            inputs,
            whence(INFBENCH_WHENCE, repos, "--output-dir"),
            "merge-all-infbench --force replaces it");
      }
    }
    List<MergeResult> results = new ArrayList<>();
    if (!conditions.isEmpty()) {
      reporter.progress(MERGED_FILES, 0, conditions.size());
    }
    for (String condition : conditions.keySet()) {
      // Checked above: each merge need not read its output again.
      results.add(
          mergeInfbench(infbenchDir, condition, outputOf.apply(condition), repos, true, reporter));
      // Each output is replaced whole: a stop between them leaves the rest as they were.
      reporter.progress(MERGED_FILES, results.size(), conditions.size());
    }
    return results;
  }

  /**
   * The instance ids of {@code files}' records; lines a merge would leave out are passed over, and
   * a line that is not UTF-8 stops the merge, as it would stop the merge of its condition.
   */
  private static Set<String> instanceIds(List<Path> files) {
    Set<String> ids = new HashSet<>();
    for (Path file : files) {
      JsonLineReader.forEachObjectLeavingOutTornLines(
          file,
          Reporter.SILENT,
          "",
          List.of("instance_id"),
          line -> ids.add(line.json().path("instance_id").asText("")));
    }
    return ids;
  }

  /**
   * Writes the records of {@code files} to {@code output}; unless {@code whence} is null (forced),
   * refuses to replace an output holding instances they lack, whose coming about it names.
   */
  private static MergeResult concatenate(
      List<Path> files,
      Path output,
      boolean dedupe,
      String whence,
      String replacing,
      Reporter reporter) {
    SafePaths.requireNotAnInput(output, files);
    OutputLock.requireFinished(files, MERGING_HALF_WRITTEN);
    // The reference's bench merge concatenates; its infbench merge keeps an id's first record.
    DuplicateIds seen =
        new DuplicateIds(
            reporter,
            dedupe
                ? "keeping the first"
                : "both kept, as the reference's merge keeps them (prompt-builder reads the"
                    + " first)");
    int[] counts = new int[2]; // records, invalid
    // Read while writing, into a file renamed over the output at the end: a line that is not
    // UTF-8 stops the merge with the output untouched. Not while a run appends to the output.
    OutputLock.whileHeld(
        output,
        () ->
            AtomicFiles.writeText(
                output,
                out -> {
                  for (Path file : files) {
                    JsonLineReader.forEachLine(
                        file,
                        (number, text) -> {
                          String line = PyStrings.strip(text);
                          if (line.isEmpty()) {
                            return;
                          }
                          JsonNode node;
                          try {
                            node = Jsonl.parse(file, number, line);
                          } catch (DataFormatException e) {
                            reporter.warn(e.getMessage() + "; line skipped");
                            counts[1]++;
                            return;
                          }
                          String id = node.path("instance_id").asText("");
                          if (!id.isEmpty() && !seen.firstOf(id, file, number) && dedupe) {
                            return;
                          }
                          try {
                            out.write(line);
                            out.write('\n');
                          } catch (IOException e) {
                            throw new UncheckedIOException(e);
                          }
                          counts[0]++;
                        });
                  }
                  if (whence != null) {
                    MergedOutput.refuseToDrop(output, seen.ids(), files, whence, replacing);
                  }
                }));
    return new MergeResult(
        output,
        files,
        counts[0],
        dedupe ? seen.duplicates() : 0,
        dedupe ? 0 : seen.duplicates(),
        counts[1]);
  }

  private static List<Path> select(List<Path> files, List<String> repos) {
    if (repos == null || repos.isEmpty()) {
      return files;
    }
    List<String> patterns = repos.stream().map(r -> r.replace('/', '-')).toList();
    return files.stream().filter(f -> patterns.stream().anyMatch(name(f)::contains)).toList();
  }

  private static List<Path> listJsonl(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no such folder: " + dir);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(f -> name(f).endsWith(".jsonl") && Files.isRegularFile(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + AtomicFiles.describe(e), e);
    }
  }

  private static String name(Path f) {
    return f.getFileName().toString();
  }
}
