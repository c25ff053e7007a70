package org.editbench.inference;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where predictions go: {@code {results}/{model}/T={temperature}/n={n}/{dataset_stem}.jsonl}, the
 * layout the evaluation harness reads. Model names become folders, so they are checked here.
 */
public final class ResultPaths {
  private ResultPaths() {}

  /** The prediction file of {@code model} for the infbench file named {@code datasetFileName}. */
  public static Path outputFile(Path resultsDir, ModelSpec model, String datasetFileName) {
    return modelDir(resultsDir, model.name())
        .resolve("T=" + model.temperatureText())
        .resolve("n=" + model.n())
        .resolve(datasetFileName);
  }

  /** {@code {results}/{model}}, after checking that the name stays inside the results folder. */
  public static Path modelDir(Path resultsDir, String modelName) {
    requireSafeModelName(modelName);
    return resultsDir.resolve(modelName);
  }

  /**
   * A model name may name sub-folders with "/" ({@code agentless/gpt-4.1}) but must stay inside the
   * results folder: no absolute path, no empty, "." or ".." segment, no backslash or control
   * character.
   */
  public static void requireSafeModelName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a model name must not be empty");
    }
    String problem = null;
    if (hasRoot(name)) {
      problem = "it is an absolute path";
    } else if (name.indexOf('\\') >= 0) {
      problem = "it contains a backslash (use / for sub-folders)";
    } else if (name.chars().anyMatch(c -> c < 0x20)) {
      problem = "it contains a control character";
    } else {
      for (String segment : name.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          problem = "it has an empty, \".\" or \"..\" path segment";
          break;
        }
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "model name '"
              + name
              + "' cannot be used as a results folder: "
              + problem
              + "; a name may contain / for sub-folders, as in agentless/gpt-4.1");
    }
  }

  /** True for names the platform reads as rooted ({@code /x}; on Windows also {@code C:x}). */
  private static boolean hasRoot(String name) {
    try {
      return Path.of(name).getRoot() != null;
    } catch (InvalidPathException e) {
      return false; // the segment checks below report what is wrong with it
    }
  }
}
