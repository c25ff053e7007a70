package org.editbench.inference;

import java.nio.file.Path;

/**
 * One batch of a prediction file, as {@code editbench batch status} lists it.
 *
 * @param id the provider's id; null when a run stopped before the create call answered
 * @param phase the provider's status word (live when asked, else as last seen)
 * @param total requests in the batch
 * @param done requests answered or given up on by the provider
 * @param collected its answers are in the prediction file
 * @param elsewhere the base URL it was submitted to (credentials masked) when requests now go to
 *     another, so that it was not asked about or cancelled; null otherwise
 * @param unreadable why the state file of {@code output} could not be read, with what to do: the
 *     row then stands for that file, whose batches are unknown (no model, provider or id); null
 *     otherwise
 */
public record BatchInfo(
    Path output,
    String model,
    String provider,
    String id,
    String phase,
    int total,
    int done,
    int failed,
    boolean collected,
    String submittedAt,
    String elsewhere,
    String unreadable) {
  /** The row of a state file that could not be read: the other files are still served. */
  public static BatchInfo unreadable(Path output, String why) {
    return new BatchInfo(output, null, null, null, "unreadable", 0, 0, 0, false, null, null, why);
  }
}
