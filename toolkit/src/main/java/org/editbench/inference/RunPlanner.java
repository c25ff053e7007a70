package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.editbench.core.DataFormatException;
import org.editbench.core.DataPaths;
import org.editbench.core.DatasetFile;
import org.editbench.core.Jsonl;
import org.editbench.core.SafePaths;

/** Turns the options into the dataset × model × run_id combinations, checking each input exists. */
final class RunPlanner {
  private RunPlanner() {}

  /**
   * Every combination, datasets outermost as in the reference. A dataset given as a {@code .jsonl}
   * path has no run_id, so it runs once per model; combinations that would write the same file run
   * once — unless they read different files: results are named after the input's file name, so two
   * inputs of one name in different folders would share a results file, and that is an error.
   */
  static List<Combination> plan(RunApiOptions options, ModelTable table) {
    Map<Path, Combination> byOutput = new LinkedHashMap<>();
    for (String dataset : options.datasetNames()) {
      for (String modelName : options.models()) {
        ModelSpec model = table.require(modelName);
        for (String runId : isPath(dataset) ? List.<String>of("") : options.runIds()) {
          Path input = resolveDataset(dataset, runId, options.dataPaths());
          Path output =
              ResultPaths.outputFile(options.resultsDir(), model, input.getFileName().toString());
          Combination combination =
              new Combination(dataset, isPath(dataset) ? null : runId, input, model, output);
          Combination before =
              byOutput.putIfAbsent(output.toAbsolutePath().normalize(), combination);
          if (before != null && !SafePaths.sameFile(before.input(), input)) {
            throw new IllegalArgumentException(
                "--dataset_name "
                    + before.input()
                    + " and "
                    + input
                    + " would write the same results file "
                    + output
                    + " (results are named after the input's file name): rename one of them, or"
                    + " run them one at a time with different --results-dir");
          }
        }
      }
    }
    return List.copyOf(byOutput.values());
  }

  /**
   * A note for each dataset file whose name is not {@code {dataset}-task-instances_{run_id}.jsonl}:
   * its results are named after it, and summarize, score and merge-results read only results of
   * that form, so they would not find them.
   */
  static List<String> unfoundResults(List<Combination> combinations) {
    return combinations.stream()
        .filter(c -> c.runId() == null)
        .map(c -> c.input().getFileName().toString())
        .distinct()
        .filter(name -> DatasetFile.parse(name).filter(f -> f.runId() != null).isEmpty())
        .map(
            name ->
                "results of "
                    + name
                    + " are named after it, but summarize, score and merge-results read only"
                    + " files named {dataset}-task-instances_{run_id}.jsonl: name the dataset so"
                    + " ("
                    + DatasetFile.of("my-subset", "0.2").fileName()
                    + ") to have them summarized")
        .toList();
  }

  /**
   * A note when run_ids other than the default were given beside a dataset given as a {@code
   * .jsonl} path: that file is read as it is, whatever the run_ids, so they do not apply to it.
   */
  static List<String> unusedRunIds(RunApiOptions options) {
    List<String> paths = options.datasetNames().stream().filter(RunPlanner::isPath).toList();
    if (paths.isEmpty() || options.runIds().equals(RunApiOptions.DEFAULT_RUN_IDS)) {
      return List.of();
    }
    return List.of(
        "--run_id "
            + String.join(" ", options.runIds())
            + " does not apply to "
            + String.join(", ", paths)
            + ": a .jsonl path is read as it is, once (its results are named after it); name the"
            + " dataset as all or owner/repo for one file per run_id");
  }

  static boolean isPath(String dataset) {
    return dataset.endsWith(".jsonl");
  }

  /**
   * {@code all} and {@code owner/repo} name {@code {infbench}/{name with / as
   * -}-task-instances_{run_id}.jsonl}; a {@code .jsonl} name is a path. A missing file is an error
   * that lists the run_ids that do exist.
   */
  static Path resolveDataset(String dataset, String runId, DataPaths paths) {
    if (dataset.matches(".*\\.jsonl\\.(gz|bz2|xz|zst)")) {
      throw new IllegalArgumentException(
          "--dataset_name "
              + dataset
              + ": compressed files are not read; decompress it (gzip -dk, …) and pass the .jsonl");
    }
    if (isPath(dataset)) {
      Path file = DataPaths.userPath(dataset);
      SafePaths.requireNotDirectory(file);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "--dataset_name " + dataset + ": no such file " + file.toAbsolutePath());
      }
      return file;
    }
    String name = dataset.replace('/', '-');
    Path file = paths.infbenchDir().resolve(DatasetFile.of(name, runId).fileName());
    SafePaths.requireNotDirectory(file);
    if (!Files.isRegularFile(file)) {
      Set<String> available = DatasetFile.runIdsIn(paths.infbenchDir(), name);
      throw new IllegalArgumentException(
          "no infbench file for --dataset_name "
              + dataset
              + " and --run_id "
              + runId
              + ": "
              + file
              + " does not exist. "
              + (available.isEmpty()
                  ? "There is no "
                      + name
                      + "-task-instances_*.jsonl in "
                      + paths.infbenchDir()
                      + DataPaths.foundAbove(paths.infbenchDir())
                          .map(above -> ". " + above)
                          .orElse(
                              "; build the infbench file first (prompt-builder; in a notebook,"
                                  + " buildInfbench: notebook 01), or pass a .jsonl path as"
                                  + " --dataset_name.")
                  : "Run ids with a file for "
                      + dataset
                      + ": "
                      + String.join(", ", available)
                      + "; build "
                      + runId
                      + " with prompt-builder (in a notebook, buildInfbench(List.of(\""
                      + runId
                      + "\")): notebook 01)."));
    }
    return file;
  }

  /**
   * The ids of a {@code --sampled_ids_file}: a JSON object whose {@code sampled_instance_ids} is a
   * list of strings.
   */
  static Set<String> readSampledIds(Path file) {
    JsonNode root =
        Jsonl.readDocument(
            file.toAbsolutePath(), "--sampled_ids_file (in a notebook, sampledIdsFile)");
    JsonNode ids = root.get("sampled_instance_ids");
    if (ids == null || !ids.isArray()) {
      throw new DataFormatException(
          file,
          "expected a JSON object with a list \"sampled_instance_ids\": {\"sampled_instance_ids\": [\"owner__repo-pull-1\", …]}");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      if (!id.isTextual()) {
        throw new DataFormatException(file, "sampled_instance_ids must hold strings, found " + id);
      }
      out.add(id.textValue());
    }
    return out;
  }

  /** The sampled ids that {@code datasetIds} lacks, in the sample's order. */
  static List<String> missing(Set<String> sampled, Set<String> datasetIds) {
    List<String> missing = new ArrayList<>();
    for (String id : sampled) {
      if (!datasetIds.contains(id)) {
        missing.add(id);
      }
    }
    return missing;
  }
}
