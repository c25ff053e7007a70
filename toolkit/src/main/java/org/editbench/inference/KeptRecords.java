package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.core.DuplicateIds;
import org.editbench.core.Reporter;

/**
 * The prediction records a merge keeps, grouped by repository: the first record of each instance,
 * as the reference's merge keeps it — but an answer read after a failure of the same instance takes
 * the failure's place (the reference keeps the failure, and so throws a paid answer away).
 */
final class KeptRecords {
  private final Reporter reporter;
  private final DuplicateIds seen;
  private final Map<String, List<JsonNode>> byRepo = new LinkedHashMap<>();

  /** Where each instance's kept failure is, and the place it was read from. */
  private final Map<String, List<JsonNode>> failedIn = new HashMap<>();

  private final Map<String, String> failedAt = new HashMap<>();

  KeptRecords(Reporter reporter) {
    this.reporter = reporter;
    this.seen = new DuplicateIds(reporter, "keeping the first, as the reference does");
  }

  /** Offers the record read at {@code file:line}, of repository {@code repo}. */
  void offer(JsonNode record, String repo, Path file, int line) {
    String id = record.path("instance_id").asText("");
    boolean failed = "failed".equals(record.path("status").asText(null));
    List<JsonNode> keptFailure = failedIn.get(id);
    if (keptFailure != null && !failed) {
      keptFailure.replaceAll(
          kept -> kept.path("instance_id").asText("").equals(id) ? record : kept);
      failedIn.remove(id);
      reporter.warn(
          file
              + ":"
              + line
              + ": instance_id "
              + id
              + " answered, after a failure at "
              + failedAt.remove(id)
              + "; keeping the answer");
      return;
    }
    if (!id.isEmpty() && !seen.firstOf(id, file, line)) {
      return; // the first record of an instance wins
    }
    List<JsonNode> records = byRepo.computeIfAbsent(repo, k -> new ArrayList<>());
    records.add(record);
    if (failed && !id.isEmpty()) {
      failedIn.put(id, records);
      failedAt.put(id, file + ":" + line);
    }
  }

  /** The kept records by repository, in the order repositories were first seen. */
  Map<String, List<JsonNode>> byRepository() {
    return byRepo;
  }
}
