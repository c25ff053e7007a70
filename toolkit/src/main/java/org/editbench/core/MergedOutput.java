package org.editbench.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule of every merge into an {@code all} file: it replaces the file only with a superset of
 * what the file holds, unless told to. An {@code all} file may have been written directly (a run
 * over the whole bench) or merged from files that are gone since; records it alone holds would be
 * lost without a word.
 */
public final class MergedOutput {
  private MergedOutput() {}

  /**
   * Throws when {@code output} exists and holds instances that are not among {@code merged}. A line
   * that is not a JSON object (torn by a crash) holds no record and does not count.
   *
   * @param whence how such a file comes about, for the message
   * @param replacing how to replace it all the same, for the message
   */
  public static void refuseToDrop(
      Path output, Set<String> merged, String whence, String replacing) {
    if (!Files.isRegularFile(output)) {
      return;
    }
    List<String> dropped = new ArrayList<>();
    for (Jsonl.Line line : JsonLineReader.readObjectsLeniently(output, Reporter.SILENT, "")) {
      String id = line.json().path("instance_id").asText("");
      if (!merged.contains(id)) {
        dropped.add(id.isEmpty() ? "line " + line.number() + " (no instance_id)" : id);
      }
    }
    if (!dropped.isEmpty()) {
      throw new IllegalArgumentException(
          output
              + " holds "
              + dropped.size()
              + " record(s) that this merge would drop ("
              + String.join(", ", dropped.subList(0, Math.min(3, dropped.size())))
              + (dropped.size() > 3 ? ", …" : "")
              + "): it was not merged from these files ("
              + whence
              + "). Move it aside to keep it; "
              + replacing
              + ".");
    }
  }
}
