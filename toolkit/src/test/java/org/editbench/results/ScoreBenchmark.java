package org.editbench.results;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.editbench.core.Reporter;
import org.editbench.text.Levenshtein;
import org.editbench.text.TextbookLevenshtein;

/**
 * The in-process half of bench/score-benchmark.sh, on the case that {@link ScoreStudyData} made:
 * the edit distance of every (ground truth, prediction) pair after the harness's preprocessing, the
 * textbook dynamic program and the bit-parallel algorithm side by side on one thread (their values
 * must be equal), then the whole scoring of the case in this process.
 */
public final class ScoreBenchmark {
  private ScoreBenchmark() {}

  /** Usage: {@code ScoreBenchmark WORK} (the folder ScoreStudyData filled). */
  public static void main(String[] args) {
    Path work = Path.of(args[0]);
    Path infbenchDir = work.resolve("infbench");
    List<PredictionFile> files =
        PredictionFile.find(work.resolve("case"), List.of(), List.of(), Reporter.SILENT);
    List<int[][]> pairs = new ArrayList<>();
    long readStart = System.nanoTime();
    List<List<Prediction>> predictions = new ArrayList<>();
    List<Map<String, Scoring.Target>> targets = new ArrayList<>();
    for (PredictionFile file : files) {
      List<Prediction> read = Prediction.read(file.file(), Reporter.SILENT);
      Map<String, Scoring.Target> byId =
          Scoring.readTargets(file.infbenchFile(infbenchDir), Reporter.SILENT);
      predictions.add(read);
      targets.add(byId);
      for (Prediction p : read) {
        pairs.add(
            new int[][] {
              PatchSimilarity.preprocess(byId.get(p.instanceId()).groundTruth())
                  .codePoints()
                  .toArray(),
              PatchSimilarity.preprocess(p.modelPatch()).codePoints().toArray()
            });
      }
    }
    double readMs = (System.nanoTime() - readStart) / 1e6;
    long cells = pairs.stream().mapToLong(p -> (long) p[0].length * p[1].length).sum();
    System.out.printf(
        "%d predictions; preprocessed texts of %.0f code points on average, %.2e DP cells in all%n",
        pairs.size(),
        pairs.stream().mapToInt(p -> p[0].length + p[1].length).average().orElse(0) / 2,
        (double) cells);

    int[] textbook = new int[pairs.size()];
    long start = System.nanoTime();
    for (int i = 0; i < pairs.size(); i++) {
      textbook[i] = TextbookLevenshtein.distance(pairs.get(i)[0], pairs.get(i)[1]);
    }
    double textbookMs = (System.nanoTime() - start) / 1e6;
    int[] bitParallel = new int[pairs.size()];
    start = System.nanoTime();
    for (int i = 0; i < pairs.size(); i++) {
      bitParallel[i] = Levenshtein.distance(pairs.get(i)[0], pairs.get(i)[1]);
    }
    double bitParallelMs = (System.nanoTime() - start) / 1e6;
    int differing = 0;
    for (int i = 0; i < pairs.size(); i++) {
      differing += textbook[i] == bitParallel[i] ? 0 : 1;
    }
    System.out.printf(
        "edit distance, one thread: textbook DP %.3f ms/prediction, bit-parallel %.3f ms/prediction"
            + " (%.0fx); values differing: %d of %d%n",
        textbookMs / pairs.size(),
        bitParallelMs / pairs.size(),
        textbookMs / bitParallelMs,
        differing,
        pairs.size());

    start = System.nanoTime();
    int scored = 0;
    for (int f = 0; f < files.size(); f++) {
      Map<String, Scoring.Target> byId = targets.get(f);
      scored +=
          predictions.get(f).parallelStream()
              .filter(p -> p.succeeded() && byId.containsKey(p.instanceId()))
              .map(
                  p ->
                      InstanceMetrics.score(
                          p.instanceId(),
                          byId.get(p.instanceId()).preEditFiles(),
                          byId.get(p.instanceId()).groundTruth(),
                          p.modelPatch()))
              .toList()
              .size();
    }
    double scoringMs = (System.nanoTime() - start) / 1e6;
    System.out.printf(
        "whole scoring in process (files already read, %d threads): %.3f ms/prediction%n",
        Runtime.getRuntime().availableProcessors(), scoringMs / scored);
    PromptTokens tokens = new PromptTokens("cl100k_base");
    start = System.nanoTime();
    files.parallelStream().forEach(file -> Prediction.read(file.file(), tokens, Reporter.SILENT));
    double tokensMs = (System.nanoTime() - start) / 1e6;
    System.out.printf(
        "reading the files and preprocessing: %.3f ms/prediction; reading the prediction files"
            + " again with their prompts' tokens counted (cl100k_base, each distinct part once,"
            + " %d threads): %.3f ms/prediction%n",
        readMs / pairs.size(), Runtime.getRuntime().availableProcessors(), tokensMs / pairs.size());
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.out.printf(
        "peak heap of this process %d MiB (sum of the heap pools' peaks)%n", peak >> 20);
    if (differing > 0) {
      System.exit(1);
    }
  }
}
