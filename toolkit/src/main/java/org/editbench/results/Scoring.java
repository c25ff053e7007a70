package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.core.AtomicFiles;
import org.editbench.core.JsonLineReader;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;
import org.editbench.core.TextField;

/** Offline metrics of a prediction file's successful predictions against their infbench records. */
public final class Scoring {
  private Scoring() {}

  /** The fields of an infbench record that {@link #readTargets} reads. */
  private static final List<String> TARGET_FIELDS =
      List.of("instance_id", "prompt", "ground_truth");

  /** A prompt is read for its files only: they are read where its text is decoded. */
  private static final Map<String, TextField> PROMPT_FILES =
      Map.of("prompt", ContextFiles::fromPrompt);

  /** What scoring needs of an infbench record. */
  public record Target(Map<String, String> preEditFiles, String groundTruth) {}

  /**
   * instance_id → pre-edit files and ground truth of an infbench file; empty when the file is
   * missing. Scoring only reads, so a line it cannot read (torn by a crash, not UTF-8, not JSON) is
   * reported as {@code file:line} and left out, and the rest is scored.
   */
  public static Map<String, Target> readTargets(Path infbenchFile, Reporter reporter) {
    Map<String, Target> targets = new LinkedHashMap<>();
    if (!Files.isRegularFile(infbenchFile)) {
      return targets;
    }
    for (Jsonl.Line line :
        JsonLineReader.readObjectsLeniently(
            infbenchFile, reporter, "left out of the scores", TARGET_FIELDS, PROMPT_FILES)) {
      JsonNode record = line.json();
      JsonNode prompt = record.path("prompt");
      @SuppressWarnings("unchecked")
      Map<String, String> files =
          prompt instanceof POJONode read
              ? (Map<String, String>) read.getPojo()
              : ContextFiles.fromPrompt(prompt.asText(""));
      targets.putIfAbsent(
          record.path("instance_id").asText(),
          new Target(files, record.path("ground_truth").asText("")));
    }
    return targets;
  }

  /**
   * The metrics of every successful prediction that has an infbench record, in the predictions'
   * order, spread over the processor's cores; failures have no patch to score and are counted, not
   * scored, by the summary.
   */
  public static List<InstanceMetrics> score(
      List<Prediction> predictions, Map<String, Target> targets) {
    return predictions.parallelStream()
        .filter(p -> p.succeeded() && targets.containsKey(p.instanceId()))
        .map(
            p -> {
              Target t = targets.get(p.instanceId());
              return InstanceMetrics.score(
                  p.instanceId(), t.preEditFiles(), t.groundTruth(), p.modelPatch());
            })
        .toList();
  }

  /**
   * {@code editbench score}: writes one JSONL line per scored prediction of each file to {@link
   * PredictionFile#metricsFile()}, replacing it whole. The scores come from {@link
   * FileResultsStore}: computed for files that changed since they were last scored, reused for the
   * others.
   */
  public static List<Path> writeMetrics(
      List<PredictionFile> files, Path infbenchDir, Reporter reporter) {
    for (PredictionFile file : files) {
      Path infbench = file.infbenchFile(infbenchDir);
      if (!Files.isRegularFile(infbench)) {
        throw new IllegalArgumentException(
            "no infbench file " + infbench + " for " + file.file() + " (pass --infbench-dir)");
      }
    }
    List<FileResults> results =
        FileResultsStore.results(files, infbenchDir, ResultsSummary.encodings(), reporter);
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      StringBuilder lines = new StringBuilder();
      for (InstanceMetrics m : results.get(i).metrics()) {
        lines.append(m.toJsonLine()).append('\n');
      }
      Path out = files.get(i).metricsFile();
      AtomicFiles.writeString(out, lines.toString());
      written.add(out);
    }
    return written;
  }
}
