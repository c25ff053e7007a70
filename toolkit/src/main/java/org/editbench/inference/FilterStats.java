package org.editbench.inference;

import java.util.List;

/**
 * What the pre-run filter decided for one combination (the reference's "instance filter
 * statistics").
 *
 * @param total instances in the dataset (after {@code --sampled_ids_file})
 * @param alreadyDone instances with a success or a final failure in the output file
 * @param retryRecordsRemoved retryable failure records removed from the output file to ask again
 * @param overLimit prompts over the model's token limit before trimming
 * @param trimmedToFit of those, the ones that fit after dropping files
 * @param filesRemoved files dropped or halved over all trimmed prompts that fit
 * @param skippedOverLimit instances still over the limit after trimming: not run, no record
 * @param tokenMin fewest prompt tokens among the instances not already done (0 when none)
 * @param tokenMean mean of those (0 when none)
 * @param tokenMax most of those (0 when none)
 */
public record FilterStats(
    int total,
    int alreadyDone,
    List<String> alreadyDoneExamples,
    int retryRecordsRemoved,
    int toRun,
    int overLimit,
    int trimmedToFit,
    int filesRemoved,
    List<SkippedInstance> skippedOverLimit,
    int tokenMin,
    double tokenMean,
    int tokenMax,
    int modelLimit) {

  public FilterStats {
    alreadyDoneExamples = List.copyOf(alreadyDoneExamples);
    skippedOverLimit = List.copyOf(skippedOverLimit);
  }

  /** An instance left out because its prompt cannot be made to fit, with the reason. */
  public record SkippedInstance(String instanceId, String reason) {}
}
