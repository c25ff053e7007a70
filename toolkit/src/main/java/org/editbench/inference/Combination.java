package org.editbench.inference;

import java.nio.file.Path;

/**
 * One dataset × model × run_id of a run: where the instances come from and where the predictions
 * go.
 *
 * @param runId null when the dataset was given as a {@code .jsonl} path
 */
public record Combination(
    String datasetName, String runId, Path input, ModelSpec model, Path output) {
  /** Short name for progress lines: {@code model · dataset file}. */
  public String label() {
    return model.name() + " · " + input.getFileName();
  }
}
