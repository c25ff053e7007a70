package org.editbench.results;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.editbench.core.AtomicFiles;
import org.editbench.core.DataPaths;
import org.editbench.core.DatasetFile;
import org.editbench.core.Reporter;
import org.editbench.core.SafePaths;

/**
 * One prediction file of the results layout {@code
 * {results}/{model}/T={t}/n={n}/{dataset}-task-instances_{run_id}.jsonl} (the layout run-api writes
 * and the harness reads), with what its path says.
 *
 * @param model the folders between the results folder and {@code T=}, joined with / ({@code
 *     agentless/gpt-4.1})
 * @param temperature the {@code T=} folder's text, as run-api wrote it
 * @param dataset {@code all} or {@code owner-repo}: the file name before {@code -task-instances_}
 */
public record PredictionFile(
    String model, String temperature, int n, String dataset, String runId, Path file) {

  /**
   * {@code {dataset}-task-instances_{run_id}}: also the infbench file's and the metrics file's
   * stem.
   */
  public String stem() {
    return DatasetFile.of(dataset, runId).stem();
  }

  /**
   * Where {@code editbench score} writes this file's per-instance metrics: a {@code metrics} folder
   * beside it.
   */
  public Path metricsFile() {
    return file.resolveSibling("metrics").resolve(DatasetFile.of(dataset, runId).fileName());
  }

  /** The infbench file the predictions were made from. */
  public Path infbenchFile(Path infbenchDir) {
    return infbenchDir.resolve(DatasetFile.of(dataset, runId).fileName());
  }

  /**
   * Every prediction file under {@code resultsDir}, ordered by model, T, n, dataset and run_id;
   * only the given models and run_ids when those are not empty. Files elsewhere in the tree (such
   * as the {@code metrics} folders and harness reports) are not predictions and are left out.
   *
   * @throws IllegalArgumentException a model or run_id asked for has no file (a misspelling, most
   *     likely), saying which there are
   */
  public static List<PredictionFile> find(
      Path resultsDir, Collection<String> models, Collection<String> runIds, Reporter reporter) {
    if (Files.isRegularFile(resultsDir)) {
      throw new IllegalArgumentException(
          resultsDir + " is a file; the results folder holds {model}/T=…/n=…/ folders");
    }
    if (!Files.isDirectory(resultsDir)) {
      throw new IllegalArgumentException(
          "no results folder "
              + resultsDir
              + DataPaths.foundAbove(resultsDir)
                  .map(above -> ". " + above)
                  .orElse(
                      " (run run-api first — in a notebook, runApi: notebook 02 — or pass"
                          + " --results-dir; in a notebook, open the data folder that holds"
                          + " experiment_results/ with EditBench.open(folder))"));
    }
    List<PredictionFile> found = new ArrayList<>();
    try (Stream<Path> files = SafePaths.walk(resultsDir)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> parse(resultsDir, f, models, runIds, reporter).ifPresent(found::add));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list " + resultsDir + ": " + AtomicFiles.describe(e), e);
    }
    requirePresent("model", models, found.stream().map(PredictionFile::model), resultsDir);
    requirePresent(
        "run_id",
        runIds,
        found.stream()
            .filter(p -> models.isEmpty() || models.contains(p.model()))
            .map(PredictionFile::runId),
        resultsDir);
    return found.stream()
        .filter(p -> models.isEmpty() || models.contains(p.model()))
        .filter(p -> runIds.isEmpty() || runIds.contains(p.runId()))
        .sorted(
            Comparator.comparing(PredictionFile::model)
                .thenComparing(PredictionFile::temperature)
                .thenComparingInt(PredictionFile::n)
                .thenComparing(PredictionFile::dataset)
                .thenComparing(PredictionFile::runId))
        .toList();
  }

  private static void requirePresent(
      String what, Collection<String> asked, Stream<String> present, Path resultsDir) {
    Set<String> there = present.collect(Collectors.toCollection(TreeSet::new));
    List<String> missing = asked.stream().filter(a -> !there.contains(a)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "no prediction files of "
              + what
              + " "
              + String.join(", ", missing)
              + " under "
              + resultsDir
              + " ("
              + what
              + "s there: "
              + (there.isEmpty() ? "none" : String.join(", ", there))
              + ")");
    }
  }

  /**
   * The prediction file at {@code file}, when its path is one run-api writes; a file in folders
   * run-api did not make is warned of only when the filters ({@code models}, {@code runIds}; empty
   * for all) would have taken it.
   */
  private static Optional<PredictionFile> parse(
      Path resultsDir,
      Path file,
      Collection<String> models,
      Collection<String> runIds,
      Reporter reporter) {
    String name = file.getFileName().toString();
    Path nDir = file.getParent();
    Path tDir = nDir == null ? null : nDir.getParent();
    Path modelDir = tDir == null ? null : tDir.getParent();
    Optional<DatasetFile> named = DatasetFile.parse(name).filter(f -> f.runId() != null);
    if (named.isEmpty()
        || modelDir == null
        || !modelDir.startsWith(resultsDir)
        || modelDir.equals(resultsDir)
        || !nDir.getFileName().toString().startsWith("n=")
        || !tDir.getFileName().toString().startsWith("T=")) {
      return Optional.empty();
    }
    String model = resultsDir.relativize(modelDir).toString().replace(File.separatorChar, '/');
    String runId = named.get().runId();
    // Folders run-api did not make (T=abc, n=0): their predictions are left out, and said so,
    // rather than shown as a temperature or sample count that no run had.
    String temperature = tDir.getFileName().toString().substring(2);
    String samples = nDir.getFileName().toString().substring(2);
    int n;
    try {
      Double.parseDouble(temperature);
      n = Integer.parseInt(samples);
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || !temperature.matches("[0-9.eE+-]+")) {
      if ((!models.isEmpty() && !models.contains(model))
          || (!runIds.isEmpty() && !runIds.contains(runId))) {
        return Optional.empty(); // not asked for: no warning about it either
      }
      reporter.warn(
          file
              + ": left out: its folders "
              + tDir.getFileName()
              + "/"
              + nDir.getFileName()
              + " name no temperature and number of samples as run-api writes them"
              + " (T=0.7/n=1)");
      return Optional.empty();
    }
    return Optional.of(
        new PredictionFile(model, temperature, n, named.get().dataset(), runId, file));
  }
}
