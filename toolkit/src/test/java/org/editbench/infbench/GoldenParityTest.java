package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.editbench.Reporter;
import org.editbench.SharedCorpus;
import org.editbench.bench.Jsonl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backbone of trust: all 416 instances of the shared corpus, built for the six published
 * run_ids in one pass, must match the reference's digests line for line — and, where the full
 * reference files are published, byte for byte.
 */
class GoldenParityTest {
  private static final List<String> RUN_IDS =
      List.of("0.2", "0.4", "0.6", "0.8", "0.2_body_issue", "None_body_issue");

  @TempDir static Path out;
  static InfbenchReport report;

  @BeforeAll
  static void buildAllVariants() {
    Path bench = SharedCorpus.bench();
    List<RunId> runIds = RUN_IDS.stream().map(RunId::parse).toList();
    report = InfbenchBuilder.build(new InfbenchRequest(bench, SharedCorpus.histories(),
        InfbenchRequest.targetsIn(out, bench, runIds), false, false, CodeContextSource.ORACLE),
        Reporter.SILENT);
  }

  @Test
  void everyInstanceIsWrittenForEveryVariant() {
    assertEquals(List.of(), report.invalid(), "no instance of the corpus may be invalid");
    for (InfbenchReport.VariantCounts v : report.variants()) {
      assertEquals(416, v.written(), v.runId());
    }
  }

  @Test
  void everyDigestMatches() throws IOException {
    Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
    for (Jsonl.Line line : Jsonl.readAll(SharedCorpus.root().resolve("golden/digests.jsonl"))) {
      expected.computeIfAbsent(line.json().get("run_id").textValue(), k -> new ArrayList<>()).add(line.json());
    }
    assertEquals(java.util.Set.copyOf(RUN_IDS), expected.keySet());
    List<String> mismatches = new ArrayList<>();
    for (String runId : RUN_IDS) {
      List<Jsonl.Line> actual = Jsonl.readAll(out.resolve("all-task-instances_" + runId + ".jsonl"));
      List<JsonNode> golden = expected.get(runId);
      assertEquals(golden.size(), actual.size(), runId + ": number of lines");
      for (int i = 0; i < golden.size(); i++) {
        String problem = digestMismatch(golden.get(i), actual.get(i).json());
        if (problem != null) {
          mismatches.add(runId + " line " + (i + 1) + " " + golden.get(i).get("instance_id").textValue()
              + ": " + problem + firstDifference(runId, i));
        }
      }
    }
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " digest mismatches; first ones:\n"
          + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
    }
  }

  @Test
  void publishedFullFilesAreByteIdentical() throws IOException {
    for (String runId : List.of("0.2", "0.2_body_issue", "None_body_issue")) {
      List<String> golden = goldenLines(runId);
      List<String> actual = Files.readAllLines(out.resolve("all-task-instances_" + runId + ".jsonl"));
      assertEquals(golden.size(), actual.size(), runId);
      for (int i = 0; i < golden.size(); i++) {
        if (!golden.get(i).equals(actual.get(i))) {
          fail(runId + " line " + (i + 1) + " differs" + firstDifference(runId, i));
        }
      }
    }
  }

  private static String digestMismatch(JsonNode golden, JsonNode actual) {
    if (!golden.get("instance_id").equals(actual.get("instance_id"))) {
      return "instance order differs (got " + actual.get("instance_id") + ")";
    }
    for (String field : List.of("split_idx", "num_changes")) {
      if (!golden.get(field).equals(actual.get(field))) {
        return field + " " + actual.get(field) + " != " + golden.get(field);
      }
    }
    for (String field : List.of("prompt", "ground_truth")) {
      if (!golden.get(field + "_sha256").textValue().equals(sha256(actual.get(field).textValue()))) {
        return field + " digest differs";
      }
    }
    List<String> preEdits = new ArrayList<>();
    actual.get("pre_edits").forEach(p -> preEdits.add(sha256(p.textValue())));
    List<String> goldenPre = new ArrayList<>();
    golden.get("pre_edits_sha256").forEach(p -> goldenPre.add(p.textValue()));
    return preEdits.equals(goldenPre) ? null : "pre_edits digests differ";
  }

  /** Where a full golden file exists: the first differing line of the first differing field. */
  private static String firstDifference(String runId, int index) {
    Path gz = SharedCorpus.root().resolve("golden/all-task-instances_" + runId + ".jsonl.gz");
    if (!Files.exists(gz)) {
      return "";
    }
    try {
      JsonNode golden = Jsonl.MAPPER.readTree(goldenLines(runId).get(index));
      JsonNode actual = Jsonl.readAll(out.resolve("all-task-instances_" + runId + ".jsonl")).get(index).json();
      for (var it = golden.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!golden.get(field).equals(actual.get(field))) {
          String[] g = String.valueOf(golden.get(field).isTextual() ? golden.get(field).textValue() : golden.get(field)).split("\n", -1);
          String[] a = String.valueOf(actual.get(field) != null && actual.get(field).isTextual() ? actual.get(field).textValue() : actual.get(field)).split("\n", -1);
          for (int l = 0; l < Math.max(g.length, a.length); l++) {
            String gl = l < g.length ? g[l] : "<end>";
            String al = l < a.length ? a[l] : "<end>";
            if (!gl.equals(al)) {
              return "\n    field " + field + ", line " + (l + 1) + ":\n    expected: " + gl + "\n    actual:   " + al;
            }
          }
          return "\n    field " + field + " differs";
        }
      }
      return "";
    } catch (IOException e) {
      return " (cannot read golden file: " + e.getMessage() + ")";
    }
  }

  private static final Map<String, List<String>> GOLDEN_CACHE = new LinkedHashMap<>();

  private static synchronized List<String> goldenLines(String runId) throws IOException {
    List<String> cached = GOLDEN_CACHE.get(runId);
    if (cached == null) {
      Path gz = SharedCorpus.root().resolve("golden/all-task-instances_" + runId + ".jsonl.gz");
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
        cached = r.lines().toList();
      }
      GOLDEN_CACHE.put(runId, cached);
    }
    return cached;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
