package org.editbench.infbench;

import java.nio.file.Path;
import java.util.List;

/** What a build did, per variant, and which instances were invalid and why. */
public record InfbenchReport(List<VariantCounts> variants, List<Invalid> invalid) {
  public InfbenchReport {
    variants = List.copyOf(variants);
    invalid = List.copyOf(invalid);
  }

  /**
   * Counts for one variant: {@code processed} instances of the bench, of which
   * {@code alreadyPresent} were in the output from an earlier run, {@code written} now, and
   * {@code invalid} skipped.
   */
  public record VariantCounts(String runId, Path output, int processed, int alreadyPresent, int written, int invalid) {}

  /** An instance that yielded no record for a variant. */
  public record Invalid(String runId, String instanceId, String reason) {}
}
