package org.editbench.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.editbench.EditBench;
import org.editbench.bench.BenchInstance;
import org.editbench.core.Reporter;

/**
 * The BM25 benchmark of the README ({@code bench/bm25-benchmark.sh} runs it): cold index build,
 * warm per-instance retrieval, and both against the reference formula's timings and rankings.
 *
 * <p>{@code --cold-build WORK CACHE} builds the index once into the empty {@code CACHE}, in this
 * new JVM, and prints its wall-clock and CPU milliseconds; the script runs it several times.
 * Otherwise the arguments are the folder {@code bench/bm25_make_corpus.py} wrote (clone and
 * instances), the JSON lines {@code bench/bm25_reference.py} printed for the same instances, the
 * cold builds' lines, and the whole processes' lines ({@code WALL CPU} in ms each): the editbench
 * command's JVM start ({@code --version}), then prompt-builder over every instance with an empty
 * cache and with the index cached. A process's figure is its time less the JVM start's median, per
 * instance. Times are wall-clock and CPU (the whole process for a build, which uses every core; the
 * calling thread for retrieval, which uses one), since wall-clock alone says little on a shared
 * machine.
 */
public final class Bm25Benchmark {
  private static final int TOP_N = 10;
  private static final int MEASURED_PASSES = 5;

  private Bm25Benchmark() {}

  /** Wall-clock and CPU milliseconds of one measurement. */
  private record Sample(double wall, double cpu) {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--cold-build")) {
      Sample cold = coldBuild(Path.of(args[1]), Path.of(args[2]));
      System.out.printf("%.1f %.1f%n", cold.wall(), cold.cpu());
    } else {
      report(
          Path.of(args[0]),
          Path.of(args[1]),
          Path.of(args[2]),
          samples(Path.of(args[3])),
          samples(Path.of(args[4])),
          samples(Path.of(args[5])));
    }
  }

  private static Bm25Settings settings(Path work, Path cache) {
    return Bm25Settings.defaults().withReposRoot(work.resolve("repos")).withCacheDirectory(cache);
  }

  private static List<BenchInstance> instances(Path work) {
    return EditBench.loadBench(work.resolve("instances.jsonl").toString());
  }

  /** What a user's first BM25 instance costs in a new JVM: building the index, then ranking. */
  private static Sample coldBuild(Path work, Path cache) throws IOException {
    return build(settings(work, cache), instances(work).get(0));
  }

  /** Builds {@code instance}'s index into the empty cache of {@code settings} and ranks once. */
  private static Sample build(Bm25Settings settings, BenchInstance instance) throws IOException {
    var process =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long wall = System.nanoTime();
    long cpu = process.getProcessCpuTime();
    try (Bm25ContextProvider provider =
        new Bm25ContextProvider(settings, Reporter.printingTo(System.err))) {
      provider.ranking(instance, List.of(), TOP_N);
      if (provider.indexesBuilt() != 1) {
        throw new IllegalStateException(
            "the cache " + settings.cacheDirectory() + " was not empty");
      }
    }
    return new Sample((System.nanoTime() - wall) / 1e6, (process.getProcessCpuTime() - cpu) / 1e6);
  }

  /** Lines of "WALL CPU" milliseconds. */
  private static List<Sample> samples(Path lines) throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (String line : Files.readAllLines(lines)) {
      String[] times = line.strip().split(" ");
      samples.add(new Sample(Double.parseDouble(times[0]), Double.parseDouble(times[1])));
    }
    return samples;
  }

  private static void report(
      Path work,
      Path referenceLines,
      Path coldBuildLines,
      List<Sample> jvmStarts,
      List<Sample> coldProcesses,
      List<Sample> warmProcesses)
      throws IOException {
    Map<String, JsonNode> reference = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(referenceLines)) {
      JsonNode result = json.readTree(line);
      reference.put(result.get("instance_id").asText(), result);
    }
    List<Sample> coldBuilds = samples(coldBuildLines);
    List<BenchInstance> instances = instances(work);
    Bm25Settings settings = settings(work, work.resolve("bm25-cache"));
    Reporter reporter = Reporter.printingTo(System.err);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var machine = ManagementFactory.getOperatingSystemMXBean();

    int candidates;
    try (Bm25ContextProvider provider = new Bm25ContextProvider(settings, reporter)) {
      candidates = provider.ranking(instances.get(0), List.of(), Integer.MAX_VALUE).size();
    }
    List<Sample> warm = new ArrayList<>();
    double openMillis;
    double agreement = 0;
    try (Bm25ContextProvider provider = new Bm25ContextProvider(settings, reporter)) {
      long openStart = System.nanoTime();
      provider.ranking(instances.get(0), List.of(), 1);
      openMillis = (System.nanoTime() - openStart) / 1e6;
      for (int pass = 0; pass <= MEASURED_PASSES; pass++) {
        for (BenchInstance instance : instances) {
          long wall = System.nanoTime();
          long cpu = threads.getCurrentThreadCpuTime();
          Bm25Context context = provider.context(instance, instance.preEdits(), Map.of(), TOP_N);
          Sample sample =
              new Sample(
                  (System.nanoTime() - wall) / 1e6,
                  (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
          if (pass > 0) { // pass 0 warms the JIT up
            warm.add(sample);
          } else {
            agreement +=
                overlap(context.retrieved(), reference.get(instance.instanceId()).get("top"));
          }
        }
      }
      if (provider.indexesBuilt() != 0) {
        throw new IllegalStateException("a warm run built an index");
      }
    }
    // The same build once the JVM has run it before (a notebook kernel, a second repository).
    Sample warmBuild =
        build(settings.withCacheDirectory(work.resolve("bm25-cache-again")), instances.get(0));

    List<Sample> referenceTimes = new ArrayList<>();
    reference
        .values()
        .forEach(
            result ->
                referenceTimes.add(
                    new Sample(
                        result.get("seconds").asDouble() * 1000,
                        result.get("cpu_seconds").asDouble() * 1000)));

    Sample cold50 = percentile(coldBuilds, 50);
    Sample coldMin = percentile(coldBuilds, 0);
    Sample coldMax = percentile(coldBuilds, 100);
    Sample warm50 = percentile(warm, 50);
    Sample warm95 = percentile(warm, 95);
    Sample reference50 = percentile(referenceTimes, 50);
    Sample reference95 = percentile(referenceTimes, 95);
    System.out.printf(
        "corpus: %d candidate files, %d instances, top-%d; load average %.1f on %d cores%n",
        candidates,
        instances.size(),
        TOP_N,
        machine.getSystemLoadAverage(),
        machine.getAvailableProcessors());
    System.out.println("                                          wall ms     cpu ms");
    System.out.printf(
        "cold index build (new JVM), median of %-3d   %8.0f   %8.0f   (wall %.0f-%.0f)%n",
        coldBuilds.size(), cold50.wall(), cold50.cpu(), coldMin.wall(), coldMax.wall());
    System.out.printf(
        "index build in a warmed-up JVM             %8.0f   %8.0f%n",
        warmBuild.wall(), warmBuild.cpu());
    System.out.printf(
        "reference, one instance p50                %8.0f   %8.0f%n",
        reference50.wall(), reference50.cpu());
    System.out.printf(
        "reference, one instance p95                %8.0f   %8.0f%n",
        reference95.wall(), reference95.cpu());
    System.out.printf(
        "warm retrieval, one instance p50           %8.2f   %8.2f%n", warm50.wall(), warm50.cpu());
    System.out.printf(
        "warm retrieval, one instance p95           %8.2f   %8.2f%n", warm95.wall(), warm95.cpu());
    System.out.printf("opening the cached index in a later run    %8.0f%n", openMillis);
    System.out.printf(
        "warm speed-up at p50: %.0fx wall, %.0fx cpu (%d samples)%n",
        reference50.wall() / warm50.wall(), reference50.cpu() / warm50.cpu(), warm.size());
    System.out.printf(
        "build / one reference instance: cold %.2f wall, %.2f cpu; warmed-up JVM %.2f wall, %.2f cpu%n",
        cold50.wall() / reference50.wall(),
        cold50.cpu() / reference50.cpu(),
        warmBuild.wall() / reference50.wall(),
        warmBuild.cpu() / reference50.cpu());
    System.out.printf(
        "top-%d agreement with the reference formula: %.1f%%%n",
        TOP_N, 100 * agreement / instances.size());

    // End to end: what a user waits for, less the JVM start that any command pays.
    Sample start = percentile(jvmStarts, 50);
    Sample cold = minus(percentile(coldProcesses, 50), start);
    Sample warmRun = minus(percentile(warmProcesses, 50), start);
    int n = instances.size();
    Sample warmPerInstance = new Sample(warmRun.wall() / n, warmRun.cpu() / n);
    System.out.printf(
        "%nwhole prompt-builder --variants 0.2_bm25_5 process, %d instances, medians of %d, "
            + "JVM start subtracted:%n",
        n, warmProcesses.size());
    System.out.println("                                          wall ms     cpu ms");
    System.out.printf(
        "JVM start (editbench --version)            %8.0f   %8.0f%n", start.wall(), start.cpu());
    System.out.printf(
        "cold: index build + %d instances           %8.0f   %8.0f%n", n, cold.wall(), cold.cpu());
    System.out.printf(
        "warm: index cached, %d instances           %8.0f   %8.0f%n",
        n, warmRun.wall(), warmRun.cpu());
    System.out.printf(
        "warm, per instance                         %8.1f   %8.1f%n",
        warmPerInstance.wall(), warmPerInstance.cpu());
    System.out.printf(
        "end to end, warm per instance vs one reference instance (p50): %.0fx wall, %.0fx cpu"
            + " (target >= 70x)%n",
        reference50.wall() / warmPerInstance.wall(), reference50.cpu() / warmPerInstance.cpu());
    System.out.printf(
        "end to end, cold run / one reference instance (p50): %.2f wall, %.2f cpu (target <= 1.0)%n",
        cold.wall() / reference50.wall(), cold.cpu() / reference50.cpu());
  }

  private static Sample minus(Sample a, Sample b) {
    return new Sample(a.wall() - b.wall(), a.cpu() - b.cpu());
  }

  private static double overlap(List<ScoredPath> ours, JsonNode referenceTop) {
    Set<String> expected = new HashSet<>();
    referenceTop.forEach(path -> expected.add(path.asText()));
    return (double) ours.stream().filter(file -> expected.contains(file.path())).count()
        / expected.size();
  }

  /** Wall and CPU percentiles taken separately. */
  private static Sample percentile(List<Sample> samples, int percent) {
    return new Sample(
        valuePercentile(samples.stream().map(Sample::wall).toList(), percent),
        valuePercentile(samples.stream().map(Sample::cpu).toList(), percent));
  }

  /** Nearest rank: 0 is the least value, 100 the greatest. */
  private static double valuePercentile(List<Double> values, int percent) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
  }
}
