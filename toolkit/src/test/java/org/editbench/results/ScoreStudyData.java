package org.editbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.editbench.EditBench;
import org.editbench.core.Jsonl;
import org.editbench.inference.Completion;
import org.editbench.inference.ModelSpec;
import org.editbench.inference.ResultRecord;
import org.editbench.inference.UsageCost;

/**
 * The scoring benchmark's data (bench/score-benchmark.sh): infbench files built from the shared
 * corpus's 416 instances, and prediction files whose patches are those ground truths with 30 % of
 * the added lines changed, the same bytes on every run (the changes are drawn from a generator
 * seeded by instance, run_id and model).
 *
 * <p>Predictions are written only for the records run-api asks for: the 151 records of {@code
 * None_body_issue} whose prompt is empty (no history and no PR text) have none in a real run, and
 * scoring leaves them out. {@code case}: one model × the six published run_ids = 2,345 predictions
 * (416 for each run_id, 265 for {@code None_body_issue}). {@code study}: seven models × nine
 * run_ids = 25,151 predictions, about a study's 478 instances × 9 run_ids × 6 models.
 */
public final class ScoreStudyData {
  static final List<String> CASE_RUN_IDS =
      List.of("0.2", "0.4", "0.6", "0.8", "0.2_body_issue", "None_body_issue");
  static final List<String> STUDY_RUN_IDS =
      List.of(
          "0.2",
          "0.4",
          "0.6",
          "0.8",
          "0.2_body_issue",
          "None_body_issue",
          "0.4_body_issue",
          "0.6_body_issue",
          "0.8_body_issue");
  static final int STUDY_MODELS = 7;
  static final double CHANGED_SHARE = 0.3;

  private ScoreStudyData() {}

  /** Usage: {@code ScoreStudyData CORPUS WORK}; writes WORK/infbench, WORK/case and WORK/study. */
  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path work = Path.of(args[1]);
    Path infbench = work.resolve("infbench");
    EditBench.buildInfbench(
        corpus.resolve("crawled_data/bench/all-task-instances.jsonl").toString(),
        corpus.resolve("patch_histories").toString(),
        infbench.toString(),
        STUDY_RUN_IDS.toArray(String[]::new));
    for (String runId : STUDY_RUN_IDS) {
      List<Jsonl.Line> records =
          Jsonl.readAll(infbench.resolve("all-task-instances_" + runId + ".jsonl"));
      if (CASE_RUN_IDS.contains(runId)) {
        writePredictions(records, work.resolve("case"), "model-0", runId);
      }
      for (int m = 0; m < STUDY_MODELS; m++) {
        writePredictions(records, work.resolve("study"), "model-" + m, runId);
      }
    }
  }

  private static void writePredictions(
      List<Jsonl.Line> records, Path resultsDir, String model, String runId) throws IOException {
    ModelSpec spec = ModelSpec.builder(model).temperature(0).build();
    Path file = resultsDir.resolve(model).resolve("T=0/n=1/all-task-instances_" + runId + ".jsonl");
    Files.createDirectories(file.getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Jsonl.Line line : records) {
        JsonNode record = line.json();
        if (record.path("prompt").asText().isEmpty()) {
          continue;
        }
        String id = record.path("instance_id").asText();
        SplittableRandom random =
            new SplittableRandom((id + "\n" + runId + "\n" + model).hashCode());
        String patch = perturb(record.path("ground_truth").asText(), random);
        Completion answer =
            new Completion(
                "<patch>" + patch + "</patch>",
                new UsageCost(1000, 200, 0.002),
                Duration.ofMillis(500 + random.nextInt(5000)));
        out.write(
            ResultRecord.success(id, spec, record.path("prompt").asText(), answer).toJsonLine());
        out.write('\n');
      }
    }
  }

  /**
   * The diff with {@link #CHANGED_SHARE} of its added lines edited: a span deleted, replaced or
   * inserted.
   */
  static String perturb(String diff, SplittableRandom random) {
    String[] lines = diff.split("\n", -1);
    StringBuilder out = new StringBuilder(diff.length() + 64);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("+") && !line.startsWith("+++ ") && random.nextDouble() < CHANGED_SHARE) {
        line = "+" + edit(line.substring(1), random);
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz_0123456789()[]{}.,:= ";

  private static String edit(String code, SplittableRandom random) {
    int at = code.isEmpty() ? 0 : random.nextInt(code.length() + 1);
    int length = Math.min(code.length() - at, 1 + random.nextInt(12));
    StringBuilder inserted = new StringBuilder();
    for (int k = random.nextInt(12); k > 0; k--) {
      inserted.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return switch (random.nextInt(3)) {
      case 0 -> code.substring(0, at) + code.substring(at + length);
      case 1 -> code.substring(0, at) + inserted + code.substring(at + length);
      default -> code.substring(0, at) + inserted + code.substring(at);
    };
  }
}
