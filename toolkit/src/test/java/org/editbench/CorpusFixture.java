package org.editbench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;

/**
 * Makes the fixture ({@value SharedCorpus#FIXTURE}) from the shared corpus, deterministically: the
 * same corpus always gives the same bytes ({@code FixtureContentsTest} checks that the committed
 * fixture is what this writes).
 *
 * <p>Choice: for each {@link CorpusQuirk}, in declaration order, the smallest instance that has it
 * unless one already chosen does; then, until {@value #INSTANCES} instances, the smallest remaining
 * instance of each repository in turn (repositories in name order). "Smallest" is the bytes of its
 * bench line and history folder, ties broken by instance_id. Everything is copied byte for byte and
 * in the corpus's order: bench lines, histories, prompt templates, the reference digests of the six
 * run_ids and the reference lines of the three published full files.
 *
 * <p>{@code mvn -B -o -q -pl toolkit test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.editbench.CorpusFixture [-Dexec.args="CORPUS OUT"]}; CORPUS defaults to the
 * shared corpus, OUT to the fixture's folder. The fixture's README.md is not touched.
 */
public final class CorpusFixture {
  public static final int INSTANCES = 48;
  public static final List<String> FULL_RUN_IDS =
      List.of("0.2", "0.2_body_issue", "None_body_issue");

  /** What the generator writes (and so replaces); the rest of the folder is left alone. */
  static final List<String> GENERATED =
      List.of(
          "LICENSE.upstream",
          "instances.tsv",
          "crawled_data",
          "patch_histories",
          "prompt-templates",
          "golden");

  private CorpusFixture() {}

  public static void main(String[] args) throws IOException {
    Path corpus = args.length > 0 ? Path.of(args[0]) : SharedCorpus.root();
    Path out = args.length > 1 ? Path.of(args[1]) : SharedCorpus.fixture();
    List<Chosen> chosen = write(corpus, out);
    long bytes;
    try (Stream<Path> files = Files.walk(out)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(CorpusFixture::size).sum();
    }
    System.out.printf(
        "%d instances, %d quirks, %,d bytes in %s%n",
        chosen.size(), CorpusQuirk.values().length, bytes, out);
  }

  /** An instance of the fixture: why it was chosen ({@code null} for a filler) and its quirks. */
  record Chosen(BenchInstance instance, Set<CorpusQuirk> quirks, long bytes, CorpusQuirk reason) {}

  /**
   * Writes the fixture of {@code corpus} into {@code out}; returns the instances in corpus order.
   */
  static List<Chosen> write(Path corpus, Path out) throws IOException {
    List<String> benchLines =
        lines(Files.readString(SharedCorpus.bench(corpus), StandardCharsets.UTF_8));
    List<BenchInstance> instances = BenchReader.read(SharedCorpus.bench(corpus), Reporter.SILENT);
    if (benchLines.size() != instances.size()) {
      throw new IllegalStateException(
          "the bench has blank or duplicate lines; expected one instance a line");
    }
    List<Chosen> candidates = new ArrayList<>();
    for (BenchInstance instance : instances) {
      Path folder = SharedCorpus.histories(corpus).resolve(instance.instanceId());
      long bytes = treeSize(folder) + benchLines.get(candidates.size()).length();
      candidates.add(
          new Chosen(
              instance, CorpusQuirk.of(instance, SharedCorpus.histories(corpus)), bytes, null));
    }
    Map<String, Chosen> selected = choose(candidates);
    List<Chosen> inCorpusOrder =
        candidates.stream()
            .filter(c -> selected.containsKey(id(c)))
            .map(c -> selected.get(id(c)))
            .toList();

    for (String name : GENERATED) {
      deleteTree(out.resolve(name));
    }
    copyFile(corpus.resolve("LICENSE.upstream"), createParents(out.resolve("LICENSE.upstream")));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      if (selected.containsKey(instances.get(i).instanceId())) {
        lines.add(benchLines.get(i));
      }
    }
    writeLines(SharedCorpus.bench(out), lines);
    for (Chosen c : inCorpusOrder) {
      copyTree(
          SharedCorpus.histories(corpus).resolve(id(c)),
          SharedCorpus.histories(out).resolve(id(c)));
    }
    copyTree(corpus.resolve("prompt-templates"), out.resolve("prompt-templates"));
    writeLines(
        out.resolve("golden/digests.jsonl"),
        linesOf(
            lines(Files.readString(corpus.resolve("golden/digests.jsonl"), StandardCharsets.UTF_8)),
            selected.keySet()));
    for (String runId : FULL_RUN_IDS) {
      String name = "golden/all-task-instances_" + runId + ".jsonl.gz";
      writeGzipLines(
          out.resolve(name), linesOf(readGzipLines(corpus.resolve(name)), selected.keySet()));
    }
    writeLines(out.resolve("instances.tsv"), table(inCorpusOrder));
    return inCorpusOrder;
  }

  /** instance_id → the chosen instance, with the reason it was chosen. */
  static Map<String, Chosen> choose(List<Chosen> candidates) {
    List<Chosen> bySize =
        candidates.stream()
            .sorted(Comparator.comparingLong(Chosen::bytes).thenComparing(CorpusFixture::id))
            .toList();
    Map<String, Chosen> selected = new LinkedHashMap<>();
    Set<CorpusQuirk> covered = EnumSet.noneOf(CorpusQuirk.class);
    for (CorpusQuirk quirk : CorpusQuirk.values()) {
      if (!covered.contains(quirk)) {
        Chosen c =
            bySize.stream()
                .filter(x -> x.quirks().contains(quirk))
                .findFirst()
                .orElseThrow(
                    () -> new IllegalStateException("no instance of the corpus has " + quirk));
        selected.put(id(c), new Chosen(c.instance(), c.quirks(), c.bytes(), quirk));
        covered.addAll(c.quirks());
      }
    }
    Map<String, List<Chosen>> byRepository =
        bySize.stream()
            .collect(
                Collectors.groupingBy(c -> c.instance().repo(), TreeMap::new, Collectors.toList()));
    while (selected.size() < Math.min(INSTANCES, candidates.size())) {
      for (List<Chosen> repository : byRepository.values()) {
        repository.stream()
            .filter(c -> !selected.containsKey(id(c)))
            .findFirst()
            .filter(c -> selected.size() < INSTANCES)
            .ifPresent(c -> selected.put(id(c), c));
      }
    }
    return selected;
  }

  private static List<String> table(List<Chosen> chosen) {
    List<String> rows = new ArrayList<>();
    rows.add("instance_id\trepo\tsteps\tbytes\tchosen_for\tquirks");
    for (Chosen c : chosen) {
      rows.add(
          String.join(
              "\t",
              id(c),
              c.instance().repo(),
              String.valueOf(c.instance().stepCount()),
              String.valueOf(c.bytes()),
              c.reason() == null ? "-" : c.reason().name(),
              c.quirks().stream().map(Enum::name).collect(Collectors.joining(" "))));
    }
    return rows;
  }

  /** The JSON lines whose instance_id is one of {@code ids}, in their order. */
  private static List<String> linesOf(List<String> lines, Set<String> ids) throws IOException {
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      if (ids.contains(Jsonl.MAPPER.readTree(line).get("instance_id").textValue())) {
        kept.add(line);
      }
    }
    return kept;
  }

  public static List<String> readGzipLines(Path gz) throws IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
      return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * Java's gzip writer puts no time stamp or file name in the header: the same lines, the same
   * bytes.
   */
  private static void writeGzipLines(Path gz, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(createParents(gz)))) {
      out.write(joined(lines).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The lines of a JSON Lines text: split at LF only (a CR inside a line stays there). */
  public static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static void writeLines(Path file, List<String> lines) throws IOException {
    Files.writeString(createParents(file), joined(lines), StandardCharsets.UTF_8);
  }

  private static String joined(List<String> lines) {
    return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
  }

  private static String id(Chosen c) {
    return c.instance().instanceId();
  }

  private static Path createParents(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return file;
  }

  private static long treeSize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(CorpusFixture::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          copyFile(path, target);
        }
      }
    }
  }

  /** The bytes only: the corpus's files are read-only, the fixture's are ordinary files. */
  private static void copyFile(Path from, Path to) throws IOException {
    Files.write(to, Files.readAllBytes(from));
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
