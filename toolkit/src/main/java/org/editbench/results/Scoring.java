package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.editbench.core.AtomicFiles;
import org.editbench.core.JsonLineReader;
import org.editbench.core.Reporter;
import org.editbench.core.TextField;
import org.editbench.inference.PromptFingerprint;
import org.editbench.text.FirstFew;

/** Offline metrics of a prediction file's successful predictions against their infbench records. */
public final class Scoring {
  private Scoring() {}

  /** The fields of an infbench record that {@link #readTargets} reads. */
  private static final List<String> TARGET_FIELDS =
      List.of("instance_id", "prompt", "ground_truth");

  /** Predictions scored at a time while an infbench file is read. */
  private static final int BATCH = 32;

  /** What {@link #PROMPT_FILES} keeps of an empty prompt. */
  private static final Object NO_PROMPT = new Object();

  /**
   * A prompt is read for its files and its fingerprint only: they are worked out where its text is
   * decoded.
   */
  private static final Map<String, TextField> PROMPT_FILES =
      Map.of(
          "prompt",
          (text, length) ->
              length == 0
                  ? NO_PROMPT
                  : new PromptRead(
                      ContextFiles.fromPrompt(text, length),
                      PromptFingerprint.of(text, 0, length)));

  /** What is kept of an infbench record's prompt. */
  private record PromptRead(Map<String, String> files, long fingerprint) {}

  /**
   * What scoring needs of an infbench record.
   *
   * @param promptFingerprint the {@link PromptFingerprint} of the record's prompt
   */
  public record Target(
      Map<String, String> preEditFiles, String groundTruth, long promptFingerprint) {
    /**
     * Whether {@code prediction} was made from this record's prompt, as far as its record tells:
     * its prompt as sent differs from this one at most inside the code block, which run-api
     * shortens to fit a model. A prediction made from a rebuilt infbench file's predecessor would
     * otherwise be scored, silently, against another split or another history.
     */
    public boolean madeFrom(Prediction prediction) {
      return !PromptFingerprint.differ(prediction.promptFingerprint(), promptFingerprint);
    }
  }

  /**
   * instance_id → pre-edit files and ground truth of an infbench file's instances that have a
   * prompt; empty when the file is missing. Scoring only reads, so a line it cannot read (torn by a
   * crash, not UTF-8, not JSON) is reported as {@code file:line} and left out, and the rest is
   * scored.
   */
  public static Map<String, Target> readTargets(Path infbenchFile, Reporter reporter) {
    Map<String, Target> targets = new LinkedHashMap<>();
    if (Files.isRegularFile(infbenchFile)) {
      forEachTarget(infbenchFile, reporter, targets::put);
    }
    return targets;
  }

  /**
   * Hands the target of each instance's first record in {@code infbenchFile} to {@code targets} as
   * the file is read, reporting and leaving out lines as {@link #readTargets} does.
   */
  private static void forEachTarget(
      Path infbenchFile, Reporter reporter, BiConsumer<String, Target> targets) {
    Set<String> seen = new HashSet<>();
    JsonLineReader.forEachObjectLeniently(
        infbenchFile,
        reporter,
        "left out of the scores",
        TARGET_FIELDS,
        PROMPT_FILES,
        line -> {
          JsonNode record = line.json();
          String instanceId = record.path("instance_id").asText();
          if (!seen.add(instanceId)) {
            return;
          }
          JsonNode prompt = record.path("prompt");
          // The reference writes an empty prompt for an instance with neither history nor PR
          // text (None_body_issue); run-api asks nothing for it, so it is no instance of a run.
          if (prompt instanceof POJONode read
              ? read.getPojo() == NO_PROMPT
              : prompt.asText("").isEmpty()) {
            return;
          }
          PromptRead read =
              prompt instanceof POJONode decoded
                  ? (PromptRead) decoded.getPojo()
                  : new PromptRead(
                      ContextFiles.fromPrompt(prompt.asText("")),
                      PromptFingerprint.of(prompt.asText("")));
          targets.accept(
              instanceId,
              new Target(read.files(), record.path("ground_truth").asText(""), read.fingerprint()));
        });
  }

  /**
   * The warning about predictions of {@code file} made from prompts other than their records' in
   * {@code infbench} ({@link Target#madeFrom}), which are {@code treated} ("left out of the
   * counts", "shown unscored"): what happened, and what to do about it.
   */
  static String otherPromptsWarning(
      Path file, Path infbench, List<String> instanceIds, String treated) {
    return file
        + ": "
        + instanceIds.size()
        + " prediction(s) made from prompts other than "
        + infbench
        + "'s, "
        + treated
        + ": "
        + FirstFew.of(instanceIds, 5)
        + ". They differ outside the code block (which run-api only shortens): was the infbench"
        + " file rebuilt after run-api ran? Score them against the infbench file they were made"
        + " from; or, to ask them anew, remove their records from the files run-api wrote (for a"
        + " merged all-task-instances file, from the per-repository files it merges), run run-api"
        + " and merge the results again.";
  }

  /**
   * The scores of predictions against one infbench file.
   *
   * @param instanceIds the infbench file's instances that have a prompt: those run-api asks for
   * @param metrics for each prediction file, the metrics of its successful predictions that have a
   *     record, in the file's order
   * @param otherPrompts for each prediction file, the instances whose prediction was made from
   *     another prompt than the record's ({@link Target#madeFrom}): not scored
   */
  record Scored(
      Set<String> instanceIds,
      List<List<InstanceMetrics>> metrics,
      List<Set<String>> otherPrompts) {
    int instances() {
      return instanceIds.size();
    }
  }

  /**
   * Scores the successful predictions of {@code files} (prediction files made from one infbench
   * file) while {@code infbenchFile} is read: each record is scored against the predictions for its
   * instance, a few dozen at a time over the processor's cores, and dropped. Holding a file's
   * records (some 100 kB of pre-edit files each) until all were read kept hundreds of MB alive
   * through the collector's copies, a fifth of a first score's time in pauses.
   */
  static Scored scoreAsRead(List<List<Prediction>> files, Path infbenchFile, Reporter reporter) {
    Map<String, List<int[]>> byInstance = new HashMap<>();
    InstanceMetrics[][] metrics = new InstanceMetrics[files.size()][];
    List<Set<String>> otherPrompts = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      metrics[f] = new InstanceMetrics[files.get(f).size()];
      otherPrompts.add(new LinkedHashSet<>());
      for (int i = 0; i < files.get(f).size(); i++) {
        Prediction p = files.get(f).get(i);
        byInstance.computeIfAbsent(p.instanceId(), id -> new ArrayList<>()).add(new int[] {f, i});
      }
    }
    List<Runnable> batch = new ArrayList<>();
    Set<String> instanceIds = new HashSet<>();
    forEachTarget(
        infbenchFile,
        reporter,
        (instanceId, target) -> {
          instanceIds.add(instanceId);
          for (int[] at : byInstance.getOrDefault(instanceId, List.of())) {
            Prediction prediction = files.get(at[0]).get(at[1]);
            if (!target.madeFrom(prediction)) {
              otherPrompts.get(at[0]).add(instanceId);
            } else if (prediction.succeeded()) {
              String patch = prediction.modelPatch();
              batch.add(
                  () ->
                      metrics[at[0]][at[1]] =
                          InstanceMetrics.score(
                              instanceId, target.preEditFiles(), target.groundTruth(), patch));
            }
          }
          if (batch.size() >= BATCH) {
            batch.parallelStream().forEach(Runnable::run);
            batch.clear();
          }
        });
    batch.parallelStream().forEach(Runnable::run);
    List<List<InstanceMetrics>> scored = new ArrayList<>();
    for (InstanceMetrics[] file : metrics) {
      scored.add(Arrays.stream(file).filter(Objects::nonNull).toList());
    }
    return new Scored(instanceIds, scored, otherPrompts);
  }

  /**
   * What {@code editbench score} wrote for one prediction file.
   *
   * @param predictions the file's predictions (one per instance)
   * @param failed those without an answer (their error is recorded), which are not scored
   * @param scored the successful ones scored against their infbench record: the metrics file's
   *     lines
   * @param applies the share of the scored whose patch applies; NaN when none was scored
   * @param exact the share of the scored whose patch yields the ground truth's files; NaN likewise
   */
  public record ScoredFile(
      Path metricsFile, int predictions, int failed, int scored, double applies, double exact) {
    /**
     * Successful predictions without a record in the infbench file, or whose record has an empty
     * prompt (run-api asks nothing for it): not scored.
     */
    public int withoutRecord() {
      return predictions - failed - scored;
    }
  }

  /**
   * {@code editbench score}: writes one JSONL line per scored prediction of each file to {@link
   * PredictionFile#metricsFile()}, replacing it whole. The scores come from {@link
   * FileResultsStore}: computed for files that changed since they were last scored, reused for the
   * others.
   */
  public static List<ScoredFile> writeMetrics(
      List<PredictionFile> selected, Path infbenchDir, Reporter reporter) {
    if (!selected.isEmpty() && !Files.isDirectory(infbenchDir)) {
      throw new IllegalArgumentException(
          "no infbench folder "
              + infbenchDir
              + ": scoring reads each prediction's ground truth and pre-edit files there; pass"
              + " --infbench-dir (default: crawled_data/infbench under $EDITBENCH_HOME or the"
              + " working directory)");
    }
    // As summarize does: a file whose infbench file is missing is left out with a warning, the
    // others are scored; only when none can be is it an error.
    List<PredictionFile> files = new ArrayList<>();
    for (PredictionFile file : selected) {
      Path infbench = file.infbenchFile(infbenchDir);
      if (Files.isRegularFile(infbench)) {
        files.add(file);
      } else {
        reporter.warn(
            "no infbench file "
                + infbench
                + " for "
                + file.file()
                + ": not scored (--infbench-dir)");
      }
    }
    if (files.isEmpty() && !selected.isEmpty()) {
      throw new IllegalArgumentException(
          "no infbench file for any of the "
              + selected.size()
              + " prediction file(s) under "
              + infbenchDir
              + " (pass --infbench-dir)");
    }
    List<FileResults> results =
        FileResultsStore.results(files, infbenchDir, ResultsSummary.encodings(), reporter);
    List<ScoredFile> written = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileResults result = results.get(i);
      StringBuilder lines = new StringBuilder();
      for (InstanceMetrics m : result.metrics()) {
        lines.append(m.toJsonLine()).append('\n');
      }
      Path out = files.get(i).metricsFile();
      AtomicFiles.writeString(out, lines.toString());
      written.add(
          new ScoredFile(
              out,
              result.predictions().size(),
              (int) result.predictions().stream().filter(p -> !p.succeeded()).count(),
              result.metrics().size(),
              share(result.metrics(), Metric.APPLIES),
              share(result.metrics(), Metric.EXACT)));
    }
    return written;
  }

  private static double share(List<InstanceMetrics> metrics, Metric passFail) {
    return metrics.stream().mapToDouble(m -> m.values().get(passFail)).average().orElse(Double.NaN);
  }
}
