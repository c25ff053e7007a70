package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.editbench.core.Jsonl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12 on a real full disk: both JSONL writers (prompt-builder's infbench files and run-api's
 * prediction file) on a small tmpfs. They stop with exit 1 naming the file and the cause, leave
 * whole lines only, and once there is room the same commands resume to files byte-identical to an
 * uninterrupted run. Mounting needs root on Linux; elsewhere the test is skipped (the simulated
 * full disk of {@code WholeLinesOnFailureTest} runs everywhere).
 */
class DiskFullCommandsTest {
  private static final String VARIANTS = "0.2,0.4,0.6,0.8,None_body_issue";

  @TempDir Path dir;
  private Path disk;
  private boolean mounted;

  private boolean mount(String options) throws InterruptedException {
    if (!System.getProperty("os.name").startsWith("Linux")) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", disk.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", disk.toString()).start().waitFor(20, TimeUnit.SECONDS);
    }
  }

  private CliRunner.Result promptBuilder(Path outDir) {
    return CliRunner.run(
        "prompt-builder",
        "--dataset-name",
        dir.resolve("sample/crawled_data/bench/all-task-instances.jsonl").toString(),
        "--histories-dir",
        dir.resolve("sample/patch_histories").toString(),
        "--variants",
        VARIANTS,
        "--out-dir",
        outDir.toString(),
        "--threads",
        "2");
  }

  private CliRunner.Result runApi(Path infbench, Path resultsDir) {
    return CliRunner.run(
        "run-api",
        "--dataset_name",
        infbench.toString(),
        "--model",
        "gold",
        "--max_workers",
        "3",
        "--results-dir",
        resultsDir.toString());
  }

  /**
   * Every file of {@code folder} (lock files aside) ends with a line end and holds JSON objects
   * only.
   */
  private static void assertWholeLines(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), file + " ends with a torn line");
        for (String line : text.lines().toList()) {
          assertTrue(Jsonl.MAPPER.readTree(line).isObject(), file + ": " + line);
        }
      }
    }
  }

  private static void assertSameFiles(Path expected, Path actual, List<String> names)
      throws IOException {
    for (String name : names) {
      assertEquals(
          Files.readString(expected.resolve(name)), Files.readString(actual.resolve(name)), name);
    }
  }

  @Test
  void bothWritersStopWithWholeLinesOnAFullTmpfsAndResumeToTheUninterruptedOutput()
      throws Exception {
    disk = Files.createDirectories(dir.resolve("disk"));
    mounted = mount("size=256k");
    assumeTrue(mounted, "cannot mount a tmpfs here (needs root on Linux)");
    SampleData.copyTo(dir.resolve("sample"));
    List<String> infbenchFiles =
        Stream.of(VARIANTS.split(",")).map(v -> "all-task-instances_" + v + ".jsonl").toList();

    Path reference = dir.resolve("reference");
    assertEquals(0, promptBuilder(reference.resolve("infbench")).exitCode());
    assertEquals(
        0,
        runApi(
                reference.resolve("infbench/all-task-instances_0.8.jsonl"),
                reference.resolve("results"))
            .exitCode());

    CliRunner.Result full = promptBuilder(disk.resolve("infbench"));
    assertEquals(1, full.exitCode(), full.err());
    assertTrue(
        full.err()
            .matches(
                "(?s)(.*\n)?error: cannot append to "
                    + disk.resolve("infbench")
                    + "/all-task-instances_"
                    + "[^ ]+\\.jsonl: No space left on device; cut it back to its last complete line.*"),
        full.err());
    assertWholeLines(disk);

    assertTrue(mount("remount,size=8m"));
    assertEquals(
        0, promptBuilder(disk.resolve("infbench")).exitCode(), "the lock was released; resumed");
    assertSameFiles(reference.resolve("infbench"), disk.resolve("infbench"), infbenchFiles);

    // Room for the infbench files and half the predictions (tmpfs counts whole pages).
    Path expected = reference.resolve("results/gold/T=0/n=1/all-task-instances_0.8.jsonl");
    long used = 0;
    for (String name : infbenchFiles) {
      used += (Files.size(disk.resolve("infbench").resolve(name)) / 4096 + 1) * 4096;
    }
    assertTrue(mount("remount,size=" + (used + Files.size(expected) / 2) / 1024 + "k"));
    Path infbench = disk.resolve("infbench/all-task-instances_0.8.jsonl");
    CliRunner.Result fullRun = runApi(infbench, disk.resolve("results"));
    assertEquals(1, fullRun.exitCode(), fullRun.err());
    Path predictions = disk.resolve("results/gold/T=0/n=1/all-task-instances_0.8.jsonl");
    assertTrue(
        fullRun
            .err()
            .contains(
                "error: cannot append to " + predictions + ": No space left on device; cut it"),
        fullRun.err());
    assertWholeLines(disk);

    assertTrue(mount("remount,size=16m"));
    assertEquals(0, runApi(infbench, disk.resolve("results")).exitCode());
    assertEquals(withoutTimes(expected), withoutTimes(predictions));
  }

  /** Prediction records as run-api writes them, the measured response time left out. */
  private static List<String> withoutTimes(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .map(l -> l.replaceAll("\"response_time\": [0-9.e-]+", ""))
        .sorted()
        .toList();
  }
}
