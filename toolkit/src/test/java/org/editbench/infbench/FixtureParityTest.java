package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.editbench.CorpusFixture;
import org.editbench.EditBench;
import org.editbench.SharedCorpus;
import org.editbench.core.Reporter;
import org.editbench.retrieval.Bm25CodeContextSource;
import org.editbench.retrieval.Bm25Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden parity on real data in every build: the fixture's instances (chosen so that every quirk of
 * the corpus is among them, see its README) against the reference's digests of all six published
 * run_ids and its three full files.
 */
class FixtureParityTest extends GoldenParityCheck {
  @Override
  Path corpus() {
    return SharedCorpus.fixture();
  }

  @Override
  int instances() {
    return CorpusFixture.INSTANCES;
  }

  /**
   * The corpus publishes no BM25 output, and its base_commit fields are empty, so no clone could
   * serve retrieval: the reference, like this builder, then keeps the oracle context for each
   * instance. A {@code _bm25_} variant of this data is therefore the reference's plain variant —
   * line for line, byte for byte — and every instance is counted as a fallback.
   */
  @Test
  void aBm25VariantWithoutBaseCommitsIsTheReferencesOracleVariant(@TempDir Path dir)
      throws Exception {
    Bm25Settings settings =
        Bm25Settings.defaults()
            .withReposRoot(dir.resolve("repos"))
            .withCacheDirectory(dir.resolve("cache"));
    try (Bm25CodeContextSource source = EditBench.codeContextSource(settings, Reporter.SILENT)) {
      InfbenchReport report = build(List.of("0.2_bm25_5"), source, dir);
      assertEquals(List.of(), report.invalid());
      assertEquals(Map.of("0.2_bm25_5", (long) instances()), source.oracleFallbacks());
    }
    Path output = dir.resolve("all-task-instances_0.2_bm25_5.jsonl");
    assertEquals(List.of(), digestMismatches(output, "0.2"));
    assertByteIdentical(output, "0.2");
  }
}
