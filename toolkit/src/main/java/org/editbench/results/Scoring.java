package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.Reporter;
import org.editbench.bench.AtomicFiles;
import org.editbench.bench.JsonLineReader;
import org.editbench.bench.Jsonl;

/** Offline metrics of a prediction file's successful predictions against their infbench records. */
public final class Scoring {
  private Scoring() {}

  /** What scoring needs of an infbench record. */
  public record Target(Map<String, String> preEditFiles, String groundTruth) {}

  /**
   * instance_id → pre-edit files and ground truth of an infbench file; empty when the file is
   * missing. Scoring only reads, so a line it cannot read (torn by a crash, not UTF-8, not JSON)
   * is reported as {@code file:line} and left out, and the rest is scored.
   */
  public static Map<String, Target> readTargets(Path infbenchFile, Reporter reporter) {
    Map<String, Target> targets = new LinkedHashMap<>();
    if (!Files.isRegularFile(infbenchFile)) {
      return targets;
    }
    for (Jsonl.Line line : JsonLineReader.readObjectsLeniently(infbenchFile, reporter, "left out of the scores")) {
      JsonNode record = line.json();
      targets.putIfAbsent(record.path("instance_id").asText(),
          new Target(ContextFiles.fromPrompt(record.path("prompt").asText("")),
              record.path("ground_truth").asText("")));
    }
    return targets;
  }

  /**
   * The metrics of every successful prediction that has an infbench record; failures have no
   * patch to score and are counted, not scored, by the summary.
   */
  public static List<InstanceMetrics> score(List<Prediction> predictions, Map<String, Target> targets) {
    List<InstanceMetrics> out = new ArrayList<>();
    for (Prediction p : predictions) {
      Target t = targets.get(p.instanceId());
      if (p.succeeded() && t != null) {
        out.add(InstanceMetrics.score(p.instanceId(), t.preEditFiles(), t.groundTruth(), p.modelPatch()));
      }
    }
    return out;
  }

  /**
   * {@code editbench score}: scores a prediction file and writes one JSONL line per scored
   * prediction to {@link PredictionFile#metricsFile()}, replacing it whole.
   */
  public static Path writeMetrics(PredictionFile predictions, Path infbenchDir, Reporter reporter) {
    Path infbench = predictions.infbenchFile(infbenchDir);
    if (!Files.isRegularFile(infbench)) {
      throw new IllegalArgumentException("no infbench file " + infbench + " for " + predictions.file()
          + " (pass --infbench-dir)");
    }
    List<InstanceMetrics> metrics = score(Prediction.read(predictions.file(), reporter), readTargets(infbench, reporter));
    Path out = predictions.metricsFile();
    AtomicFiles.writeText(out, w -> {
      for (InstanceMetrics m : metrics) {
        w.write(m.toJsonLine());
        w.write('\n');
      }
    });
    return out;
  }
}
