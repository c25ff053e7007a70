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
   * Counts for one variant: {@code processed} instances of the bench, of which {@code
   * alreadyPresent} were in the output from an earlier run, {@code written} now, and {@code
   * invalid} skipped; {@code buildNanos} is the time spent deriving and writing this variant's
   * records (work shared by variants — reading histories, replaying them — counts for the first
   * variant that needs it).
   */
  public record VariantCounts(
      String runId,
      Path output,
      int processed,
      int alreadyPresent,
      int written,
      int invalid,
      long buildNanos) {
    /** Records derived per second of this variant's own build time. */
    public double instancesPerSecond() {
      return buildNanos == 0 ? 0 : (written + invalid) * 1e9 / buildNanos;
    }
  }

  /** An instance that yielded no record for a variant. */
  public record Invalid(String runId, String instanceId, String reason) {}
}
