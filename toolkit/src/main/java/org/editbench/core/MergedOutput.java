package org.editbench.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.editbench.text.FirstFew;

/**
 * The rule of every merge into an {@code all} file: it replaces the file only with a superset of
 * what the file holds, unless told to. An {@code all} file may have been written directly (a run
 * over the whole bench) or merged from files that are gone since; records it alone holds would be
 * lost without a word.
 */
public final class MergedOutput {
  private MergedOutput() {}

  /**
   * Throws when {@code output} exists and holds instances that are not among {@code merged}, the
   * instances read from {@code inputs}. A line that is not a JSON object (torn by a crash) holds no
   * record and does not count. When a line of the inputs that could not be read names such an
   * instance, that line is the cause, and the message says so: forcing the merge would drop a
   * record that a repair of the line keeps.
   *
   * @param whence how such a file comes about, for the message
   * @param replacing how to replace it all the same, for the message
   */
  public static void refuseToDrop(
      Path output, Set<String> merged, List<Path> inputs, String whence, String replacing) {
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
    if (dropped.isEmpty()) {
      return;
    }
    String held =
        output
            + " holds "
            + dropped.size()
            + " record(s) that this merge would drop ("
            + FirstFew.of(dropped, 3)
            + ")";
    List<String> unreadable = linesNaming(inputs, dropped);
    if (!unreadable.isEmpty()) {
      throw new IllegalArgumentException(
          held
              + ": the files merged name them on line(s) that could not be read ("
              + FirstFew.of(unreadable, 3)
              + "). Repair those lines and merge again: forcing the merge would"
              + " drop the records.");
    }
    throw new IllegalArgumentException(
        held
            + ": the files merged do not hold them ("
            + whence
            + "). Move it aside to keep it; "
            + replacing
            + ".");
  }

  /**
   * {@code file:line} of the lines of {@code inputs} that name one of {@code ids} as a JSON string
   * and cannot be read as a JSON object (torn, not JSON). The bytes are decoded leniently, as such
   * a line may not be UTF-8 either. A readable line naming one (a record of a repository the merge
   * leaves out) is not a cause.
   */
  private static List<String> linesNaming(List<Path> inputs, List<String> ids) {
    List<String> places = new ArrayList<>();
    for (Path input : inputs) {
      String[] lines;
      try {
        lines = new String(Files.readAllBytes(input), StandardCharsets.UTF_8).split("\n", -1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (ids.stream().anyMatch(id -> line.contains("\"" + id + "\"")) && !isObject(line)) {
          places.add(input + ":" + (i + 1));
        }
      }
    }
    return places;
  }

  private static boolean isObject(String line) {
    try {
      return JsonTrees.tree(line).isObject();
    } catch (IOException e) {
      return false;
    }
  }
}
