package org.editbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture holds what its README promises, and is what {@link CorpusFixture} makes of the
 * corpus.
 */
class FixtureContentsTest {
  private static final Path FIXTURE = SharedCorpus.fixture();
  private static final long MAX_BYTES = 5_000_000;

  private static List<BenchInstance> instances() {
    return BenchReader.read(SharedCorpus.bench(FIXTURE), Reporter.SILENT);
  }

  @Test
  void everyQuirkOfTheCorpusIsPresentAndInstancesTsvListsEachInstancesQuirks() throws IOException {
    List<String> expected = new ArrayList<>();
    Set<CorpusQuirk> present = EnumSet.noneOf(CorpusQuirk.class);
    for (BenchInstance instance : instances()) {
      Set<CorpusQuirk> quirks = CorpusQuirk.of(instance, SharedCorpus.histories(FIXTURE));
      present.addAll(quirks);
      expected.add(
          instance.instanceId()
              + " "
              + quirks.stream().map(Enum::name).collect(Collectors.joining(" ")));
    }
    assertEquals(EnumSet.allOf(CorpusQuirk.class), present);
    List<String> listed =
        Files.readAllLines(FIXTURE.resolve("instances.tsv")).stream()
            .skip(1)
            .map(row -> row.split("\t", -1))
            .map(cells -> cells[0] + " " + cells[5])
            .toList();
    assertEquals(expected, listed);
  }

  @Test
  void fortyToSixtyInstancesOfEveryRepositoryInUnderFiveMegabytes() throws IOException {
    List<BenchInstance> instances = instances();
    assertEquals(CorpusFixture.INSTANCES, instances.size());
    assertTrue(instances.size() >= 40 && instances.size() <= 60, "instances: " + instances.size());
    assertEquals(
        Set.of(
            "astropy/astropy",
            "django/django",
            "matplotlib/matplotlib",
            "pydata/xarray",
            "pylint-dev/pylint",
            "scikit-learn/scikit-learn",
            "sphinx-doc/sphinx",
            "sympy/sympy"),
        instances.stream().map(BenchInstance::repo).collect(Collectors.toSet()));
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(FixtureContentsTest::size).sum();
      assertTrue(bytes < MAX_BYTES, "the fixture has " + bytes + " bytes");
    }
    assertTrue(Files.readString(FIXTURE.resolve("LICENSE.upstream")).contains("MIT License"));
  }

  @Test
  void theReferenceDigestsCoverEveryInstanceForTheSixRunIdsInBenchOrder() {
    List<String> ids = instances().stream().map(BenchInstance::instanceId).toList();
    Map<String, List<String>> byRunId = new TreeMap<>();
    for (Jsonl.Line line : Jsonl.readAll(FIXTURE.resolve("golden/digests.jsonl"))) {
      byRunId
          .computeIfAbsent(line.json().get("run_id").textValue(), k -> new ArrayList<>())
          .add(line.json().get("instance_id").textValue());
    }
    assertEquals(
        Set.of("0.2", "0.4", "0.6", "0.8", "0.2_body_issue", "None_body_issue"), byRunId.keySet());
    byRunId.forEach((runId, listed) -> assertEquals(ids, listed, runId));
  }

  @Test
  @FullCorpus
  void theCommittedFixtureIsWhatTheGeneratorMakesOfTheCorpus(@TempDir Path out) throws IOException {
    CorpusFixture.write(SharedCorpus.root(), out);
    Map<String, Path> made = files(out);
    Map<String, Path> committed = files(FIXTURE);
    committed.keySet().removeIf(name -> !CorpusFixture.GENERATED.contains(name.split("/")[0]));
    assertEquals(made.keySet(), committed.keySet());
    for (Map.Entry<String, Path> file : made.entrySet()) {
      assertArrayEquals(
          Files.readAllBytes(file.getValue()),
          Files.readAllBytes(committed.get(file.getKey())),
          file.getKey());
    }
  }

  /** Relative path → file, every regular file under {@code root}. */
  private static Map<String, Path> files(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .collect(
              Collectors.toMap(
                  p -> root.relativize(p).toString(), p -> p, (a, b) -> a, TreeMap::new));
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
