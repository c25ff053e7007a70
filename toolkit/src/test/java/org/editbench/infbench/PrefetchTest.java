package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.SharedCorpus;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.core.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder tells its context source, for each variant, the first instance it will derive (see
 * {@link CodeContextSource#prefetch}), and nothing for a variant whose output is complete.
 */
class PrefetchTest {
  @Test
  void eachVariantsFirstPendingInstanceIsPrefetchedBeforeItsContextIsAskedFor(@TempDir Path out)
      throws Exception {
    // The bundled sample, laid out as the corpus is.
    Path bench = SharedCorpus.bench(SharedCorpus.repositoryRoot());
    Path histories = SharedCorpus.histories(SharedCorpus.repositoryRoot());
    List<BenchInstance> instances = BenchReader.read(bench, Reporter.SILENT);
    List<RunId> runIds = List.of(RunId.parse("0.2"), RunId.parse("0.4"));
    List<InfbenchRequest.Target> targets = InfbenchRequest.targetsIn(out, bench, runIds);
    // 0.2 complete from an earlier run; 0.4 has its first instance only.
    InfbenchBuilder.build(
        new InfbenchRequest(bench, histories, targets.subList(0, 1), false, false, recording()),
        Reporter.SILENT);
    Path partial = targets.get(1).output();
    InfbenchBuilder.build(
        new InfbenchRequest(bench, histories, targets.subList(1, 2), false, false, recording()),
        Reporter.SILENT);
    List<String> lines = Files.readAllLines(partial);
    Files.write(partial, lines.subList(0, 1));
    Matcher kept = Pattern.compile("\"instance_id\": \"([^\"]+)\"").matcher(lines.get(0));
    kept.find();
    String firstPending =
        instances.stream()
            .map(BenchInstance::instanceId)
            .filter(id -> !id.equals(kept.group(1)))
            .findFirst()
            .orElseThrow();

    Recording source = recording();
    InfbenchBuilder.build(
        new InfbenchRequest(bench, histories, targets, false, false, source), Reporter.SILENT);
    assertEquals(List.of("prefetch 0.4 " + firstPending), source.prefetched());
    assertEquals("prefetch 0.4 " + firstPending, source.events.get(0), "before any context");
    assertTrue(source.events.size() > 1);
  }

  private static Recording recording() {
    return new Recording();
  }

  private static final class Recording implements CodeContextSource {
    final List<String> events = new CopyOnWriteArrayList<>();

    List<String> prefetched() {
      return events.stream().filter(event -> event.startsWith("prefetch")).toList();
    }

    @Override
    public Map<String, String> codeContext(
        BenchInstance instance,
        RunId runId,
        List<String> preEdits,
        Map<String, String> oracleContext) {
      events.add("context " + runId.text() + " " + instance.instanceId());
      return oracleContext;
    }

    @Override
    public void prefetch(RunId runId, BenchInstance first) {
      events.add("prefetch " + runId.text() + " " + first.instanceId());
    }
  }
}
