package org.editbench.infbench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.editbench.bench.BenchInstance;
import org.editbench.core.Jsonl;
import org.editbench.core.JsonlAppender;
import org.editbench.core.Reporter;

/**
 * Refuses an output whose records this run would not have written — an output named with {@code
 * --save-path} built before with another info ratio, PR text or context: resuming it would leave
 * one file mixing two variants, and a complete one would be reported as built while it holds
 * another variant's records. An infbench record does not say how it was made, so samples of the
 * output's records are built again and must come out the same (as JSON): the bench's first instance
 * the output holds, and the one of them with the most edit steps, whose split moves with the info
 * ratio more than any other's.
 */
final class ResumeCheck {
  private ResumeCheck() {}

  /**
   * Checks each output that holds records, complete or not. A sample no longer valid is not
   * compared; an output holding none of the bench's instances cannot be checked, which is warned
   * of.
   */
  static void requireRecordsMadeAlike(
      InfbenchRequest request,
      List<BenchInstance> bench,
      List<JsonlAppender> outputs,
      Reporter reporter) {
    // Rebuilt only to be compared: the source's counts (BM25's fallbacks) are this run's records'.
    InfbenchRequest comparing = request.withContextSource(request.contextSource().forComparing());
    for (int t = 0; t < outputs.size(); t++) {
      JsonlAppender output = outputs.get(t);
      List<BenchInstance> held =
          bench.stream().filter(i -> output.contains(i.instanceId())).toList();
      if (output.done().isEmpty()) {
        continue;
      }
      boolean complete = held.size() == bench.size();
      String runId = request.targets().get(t).runId().text();
      if (held.isEmpty()) {
        reporter.warn(
            output.file()
                + " holds none of the instances of "
                + request.bench()
                + ": its "
                + output.done().size()
                + " record(s) cannot be compared with what run_id "
                + runId
                + " builds, and this run's are added to them");
        continue;
      }
      BenchInstance first = held.get(0);
      BenchInstance mostSteps =
          held.stream().max(Comparator.comparingInt(BenchInstance::stepCount)).orElseThrow();
      List<BenchInstance> samples = mostSteps == first ? List.of(first) : List.of(first, mostSteps);
      int target = t;
      for (BenchInstance sample : samples) {
        // held: the output has a kept record of it
        JsonlAppender.KeptRecord kept = output.kept(sample.instanceId()).orElseThrow();
        byte[] rebuilt =
            InfbenchBuilder.derive(comparing, sample, other -> other != target).get(t).line();
        if (rebuilt != null && !sameRecord(rebuilt, kept.bytes())) {
          throw new IllegalArgumentException(
              output.file()
                  + ":"
                  + kept.line()
                  + ": the record of "
                  + sample.instanceId()
                  + " is not the one run_id "
                  + runId
                  + " builds from "
                  + request.bench()
                  + " now: the file was built with other options (info ratio, PR text, context)"
                  + " or from other histories"
                  + (complete
                      ? ", so it is not what this run asks for."
                      : ", and resuming it would mix the two.")
                  + " Start it afresh with --override (in a notebook, an InfbenchRequest with"
                  + " override), or write elsewhere.");
        }
      }
    }
  }

  /**
   * Byte for byte, or else as JSON: a file rewritten by another JSON writer (other escapes, a byte
   * order mark) holds the same records in other bytes.
   */
  private static boolean sameRecord(byte[] rebuilt, byte[] kept) {
    if (Arrays.equals(rebuilt, kept)) {
      return true;
    }
    try {
      return Jsonl.MAPPER.readTree(rebuilt).equals(Jsonl.MAPPER.readTree(kept));
    } catch (IOException e) {
      return false; // the scan read it as a record; a tree that cannot be read differs
    }
  }
}
