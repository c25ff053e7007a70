package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.editbench.CorpusFixture;
import org.editbench.Digests;
import org.editbench.SharedCorpus;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden parity over a corpus folder (the shared corpus, or the fixture excerpt of it): every
 * instance built for the six published run_ids in one pass must match the reference's digests line
 * for line, and the three published full files byte for byte. On a mismatch it names the instance
 * and, where a full file exists, the first differing line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GoldenParityCheck {
  static final List<String> RUN_IDS =
      List.of("0.2", "0.4", "0.6", "0.8", "0.2_body_issue", "None_body_issue");

  private Path out;
  private InfbenchReport report;
  private final Map<String, List<String>> goldenCache = new LinkedHashMap<>();

  /** The corpus folder: {@code crawled_data/bench/}, {@code patch_histories/}, {@code golden/}. */
  abstract Path corpus();

  /** How many instances its bench holds. */
  abstract int instances();

  @BeforeAll
  void buildAllVariants(@TempDir Path dir) {
    out = dir;
    report = build(RUN_IDS, CodeContextSource.ORACLE, out);
  }

  InfbenchReport build(List<String> runIds, CodeContextSource contextSource, Path outDir) {
    Path bench = SharedCorpus.bench(corpus());
    return InfbenchBuilder.build(
        new InfbenchRequest(
            bench,
            SharedCorpus.histories(corpus()),
            InfbenchRequest.targetsIn(outDir, bench, runIds.stream().map(RunId::parse).toList()),
            false,
            false,
            contextSource),
        Reporter.SILENT);
  }

  @Test
  void everyInstanceIsWrittenForEveryVariant() {
    assertEquals(List.of(), report.invalid(), "no instance of the corpus may be invalid");
    assertEquals(
        RUN_IDS, report.variants().stream().map(InfbenchReport.VariantCounts::runId).toList());
    for (InfbenchReport.VariantCounts v : report.variants()) {
      assertEquals(instances(), v.written(), v.runId());
    }
  }

  @Test
  void everyDigestMatches() {
    Map<String, List<JsonNode>> expected = goldenDigests();
    assertEquals(Set.copyOf(RUN_IDS), expected.keySet());
    List<String> mismatches = new ArrayList<>();
    for (String runId : RUN_IDS) {
      mismatches.addAll(
          digestMismatches(out.resolve("all-task-instances_" + runId + ".jsonl"), runId));
    }
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " digest mismatches; first ones:\n"
              + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
    }
  }

  @Test
  void publishedFullFilesAreByteIdentical() {
    for (String runId : CorpusFixture.FULL_RUN_IDS) {
      assertByteIdentical(out.resolve("all-task-instances_" + runId + ".jsonl"), runId);
    }
  }

  /** run_id → its digest records, in file order. */
  Map<String, List<JsonNode>> goldenDigests() {
    Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
    for (Jsonl.Line line : Jsonl.readAll(corpus().resolve("golden/digests.jsonl"))) {
      expected
          .computeIfAbsent(line.json().get("run_id").textValue(), k -> new ArrayList<>())
          .add(line.json());
    }
    return expected;
  }

  /**
   * Every line of {@code output} whose digests differ from the reference's for {@code goldenRunId}.
   */
  List<String> digestMismatches(Path output, String goldenRunId) {
    List<JsonNode> golden = goldenDigests().get(goldenRunId);
    List<Jsonl.Line> actual = Jsonl.readAll(output);
    assertEquals(golden.size(), actual.size(), output + ": number of lines");
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < golden.size(); i++) {
      String problem = digestMismatch(golden.get(i), actual.get(i).json());
      if (problem != null) {
        mismatches.add(
            output.getFileName()
                + " line "
                + (i + 1)
                + " "
                + golden.get(i).get("instance_id").textValue()
                + ": "
                + problem
                + firstDifference(output, goldenRunId, i));
      }
    }
    return mismatches;
  }

  /**
   * {@code output} must hold exactly the lines of the reference's full file for {@code
   * goldenRunId}.
   */
  void assertByteIdentical(Path output, String goldenRunId) {
    List<String> golden = goldenLines(goldenRunId);
    List<String> actual = lines(output);
    assertEquals(golden.size(), actual.size(), output.toString());
    for (int i = 0; i < golden.size(); i++) {
      if (!golden.get(i).equals(actual.get(i))) {
        fail(
            output.getFileName()
                + " line "
                + (i + 1)
                + " differs"
                + firstDifference(output, goldenRunId, i));
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
      if (!golden
          .get(field + "_sha256")
          .textValue()
          .equals(Digests.sha256(actual.get(field).textValue()))) {
        return field + " digest differs";
      }
    }
    List<String> preEdits = new ArrayList<>();
    actual.get("pre_edits").forEach(p -> preEdits.add(Digests.sha256(p.textValue())));
    List<String> goldenPre = new ArrayList<>();
    golden.get("pre_edits_sha256").forEach(p -> goldenPre.add(p.textValue()));
    return preEdits.equals(goldenPre) ? null : "pre_edits digests differ";
  }

  /** Where a full golden file exists: the first differing line of the first differing field. */
  private String firstDifference(Path output, String goldenRunId, int index) {
    if (!Files.exists(goldenFile(goldenRunId))) {
      return "";
    }
    try {
      JsonNode golden = Jsonl.MAPPER.readTree(goldenLines(goldenRunId).get(index));
      JsonNode actual = Jsonl.readAll(output).get(index).json();
      for (var it = golden.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!golden.get(field).equals(actual.get(field))) {
          String[] g = text(golden.get(field)).split("\n", -1);
          String[] a = text(actual.get(field)).split("\n", -1);
          for (int l = 0; l < Math.max(g.length, a.length); l++) {
            String gl = l < g.length ? g[l] : "<end>";
            String al = l < a.length ? a[l] : "<end>";
            if (!gl.equals(al)) {
              return "\n    field "
                  + field
                  + ", line "
                  + (l + 1)
                  + ":\n    expected: "
                  + gl
                  + "\n    actual:   "
                  + al;
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

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : String.valueOf(node);
  }

  private Path goldenFile(String runId) {
    return corpus().resolve("golden/all-task-instances_" + runId + ".jsonl.gz");
  }

  private synchronized List<String> goldenLines(String runId) {
    return goldenCache.computeIfAbsent(
        runId,
        id -> {
          try {
            return CorpusFixture.readGzipLines(goldenFile(id));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static List<String> lines(Path file) {
    try {
      return CorpusFixture.lines(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
