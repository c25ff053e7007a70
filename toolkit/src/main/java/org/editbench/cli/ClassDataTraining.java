package org.editbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The training run behind {@code toolkit/target/editbench.jsa}, the class-data archive that {@code
 * ./editbench} starts its JVM with: after packaging, the build runs this class once with {@code
 * -XX:DumpLoadedClassList} ({@code toolkit/class-data-archive.sh}), and a second JVM stores every
 * class the run loaded, parsed and verified, so that later runs map them instead of loading them
 * from the jar. On two cores that saves about a quarter of a cold BM25 index build, and of every
 * start.
 *
 * <p>It runs the commands users run most, in process, on the bundled sample bench: prompt-builder
 * (with a BM25 variant, which indexes this project's own repository at {@code HEAD}, read-only),
 * run-api with the offline gold model, and summarize. A command that fails fails the build: the
 * archive would lack its classes, and the failure is a bug anyway.
 *
 * <p>Arguments: the project root (with {@code crawled_data/} and {@code patch_histories/}) and an
 * empty or absent work folder.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ClassDataTraining PROJECT_ROOT WORK_DIR");
      System.exit(Main.EXIT_BAD_INPUT);
    }
    try {
      train(
          Path.of(args[0]).toAbsolutePath().normalize(),
          Path.of(args[1]).toAbsolutePath().normalize());
    } catch (TrainingFailure e) {
      System.err.print(e.output);
      System.err.println("class-data training: " + e.getMessage());
      System.exit(e.exitCode);
    }
  }

  /** The run: the variants it built, BM25's only when {@code root} is a git clone and git runs. */
  static List<String> train(Path root, Path work) throws IOException {
    Files.createDirectories(work);
    // BM25 reads the clone at the instances' base commit; a source tree without git gets an
    // archive without Lucene's indexing classes, which costs speed only.
    List<String> variants = new ArrayList<>(List.of("0.2", "0.2_body_issue"));
    if (!Files.exists(root.resolve(".git"))) {
      System.out.println(
          "class-data training: " + root + " is not a git clone, so BM25 is left out");
    } else if (!gitRuns()) {
      System.out.println("class-data training: git does not run here, so BM25 is left out");
    } else {
      variants.add("0.2_bm25_3");
    }
    Path bench = work.resolve("training-task-instances.jsonl");
    writeBenchAtHead(root.resolve("crawled_data/bench/all-task-instances.jsonl"), bench);
    Path infbench = work.resolve("infbench");
    Path results = work.resolve("results");
    run(
        "prompt-builder",
        "--dataset-name",
        bench.toString(),
        "--histories-dir",
        root.resolve("patch_histories").toString(),
        "--variants",
        String.join(",", variants),
        "--out-dir",
        infbench.toString(),
        "--override",
        "--repo-dir",
        root.toString(),
        "--bm25-cache",
        work.resolve("bm25-cache").toString(),
        "--extensions",
        ".py,.java");
    run(
        "run-api",
        "--model",
        "gold",
        "--dataset-name",
        infbench.resolve("training-task-instances_0.2.jsonl").toString(),
        "--results-dir",
        results.toString());
    run("summarize", "--results-dir", results.toString(), "--infbench-dir", infbench.toString());
    if (variants.contains("0.2_bm25_3")
        && !Files.isDirectory(work.resolve("bm25-cache/acme__inventory"))) {
      // The variant fell back to the oracle context: Lucene's indexing classes were never loaded.
      throw new TrainingFailure("the BM25 variant built no index in " + root, "", 1);
    }
    return variants;
  }

  private static boolean gitRuns() {
    try {
      Process git = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      git.getInputStream().transferTo(OutputStream.nullOutputStream());
      return git.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The sample bench with every base_commit set to HEAD, for the BM25 variant to index. */
  private static void writeBenchAtHead(Path sample, Path bench) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(sample, StandardCharsets.UTF_8)) {
      ObjectNode instance = (ObjectNode) json.readTree(line);
      instance.put("base_commit", "HEAD");
      lines.add(json.writeValueAsString(instance));
    }
    Files.write(bench, lines, StandardCharsets.UTF_8);
  }

  /** Runs one command in process with its output held back, shown only if it fails. */
  private static void run(String... command) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    int exitCode;
    try (PrintStream captured = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      System.setOut(captured);
      System.setErr(captured);
      CommandLine cli = Main.newCommandLine();
      cli.setOut(new PrintWriter(captured, true));
      cli.setErr(new PrintWriter(captured, true));
      exitCode = cli.execute(command);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    if (exitCode != 0) {
      throw new TrainingFailure(
          "editbench " + String.join(" ", command) + " exited with " + exitCode,
          output.toString(StandardCharsets.UTF_8),
          exitCode);
    }
  }

  /** A training command failed: the build must fail too. */
  static final class TrainingFailure extends RuntimeException {
    final String output;
    final int exitCode;

    TrainingFailure(String message, String output, int exitCode) {
      super(message);
      this.output = output;
      this.exitCode = exitCode;
    }
  }
}
