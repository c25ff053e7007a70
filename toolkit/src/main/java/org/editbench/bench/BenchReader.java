package org.editbench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.core.DataFormatException;
import org.editbench.core.JsonLineReader;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;

/** Loads bench and infbench JSONL files into {@link BenchInstance}s. */
public final class BenchReader {
  /** The fields an instance is split and replayed by: its edited files and its history steps. */
  private static final List<String> SPLIT_FIELDS = List.of("files_work", "work_patch_list");

  private BenchReader() {}

  /**
   * All instances of {@code file} in the reference's processing order (by repository, then {@code
   * created_at} descending, ties in file order). A malformed line, a wrong type or a missing {@code
   * instance_id} is a {@link DataFormatException} naming the line; a duplicate id keeps the first
   * occurrence and is reported with both line numbers.
   */
  public static List<BenchInstance> read(Path file, Reporter reporter) {
    return read(file, List.of(), reporter);
  }

  /**
   * The bench lines prompt-builder builds from, as {@link #read(Path, Reporter)}, each of which
   * must have the fields it splits and replays an instance by ({@link #SPLIT_FIELDS}): without them
   * a line would make a record with no history or no code and no complaint.
   */
  public static List<BenchInstance> readForSplitting(Path file, Reporter reporter) {
    return read(file, SPLIT_FIELDS, reporter);
  }

  private static List<BenchInstance> read(Path file, List<String> required, Reporter reporter) {
    List<BenchInstance> instances = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (Jsonl.Line line : JsonLineReader.readAll(file)) {
      BenchInstance instance;
      try {
        instance = InstanceJson.fromJson(line.json());
      } catch (IllegalArgumentException e) {
        throw line.error(e.getMessage());
      }
      for (String field : required) {
        if (!line.json().has(field)) {
          throw line.error(
              "missing field "
                  + field
                  + ": every bench line is split by "
                  + String.join(" and ", required)
                  + "; add it (an empty list if there is nothing) or leave the line out");
        }
      }
      Integer first = firstLine.putIfAbsent(instance.instanceId(), line.number());
      if (first != null) {
        reporter.warn(
            file
                + ":"
                + line.number()
                + ": duplicate instance_id "
                + instance.instanceId()
                + " (first at line "
                + first
                + "); keeping the first");
        continue;
      }
      instances.add(instance);
    }
    return referenceOrder(instances);
  }

  /** Groups by repository (sorted) and orders each group by {@code created_at}, newest first. */
  public static List<BenchInstance> referenceOrder(List<BenchInstance> instances) {
    Map<String, List<BenchInstance>> byRepo = new LinkedHashMap<>();
    for (BenchInstance in : instances) {
      byRepo.computeIfAbsent(in.repoOrDerived(), r -> new ArrayList<>()).add(in);
    }
    Comparator<String> codePoints = BenchReader::compareCodePoints;
    Comparator<BenchInstance> newestFirst =
        Comparator.comparing(
            (BenchInstance in) -> in.createdAt() == null ? "" : in.createdAt(),
            codePoints.reversed());
    List<BenchInstance> ordered = new ArrayList<>(instances.size());
    byRepo.keySet().stream()
        .sorted(codePoints)
        .forEach(
            repo -> {
              List<BenchInstance> group = byRepo.get(repo);
              group.sort(newestFirst); // List.sort is stable, as Python's sort(reverse=True) is
              ordered.addAll(group);
            });
    return ordered;
  }

  /** Python compares strings by code point, Java's compareTo by UTF-16 unit. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
