package org.editbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * toolkit/class-data-archive.sh, which the build runs after packaging: a training run that fails
 * fails the build, but one that never ends, or a JVM that cannot store the archive, must not hold
 * the build up, since the archive only saves start-up time. Run on a copy of the scripts with a
 * fake java first on the PATH.
 */
class ClassDataArchiveScriptTest {
  @TempDir Path dir;
  private Path toolkit;
  private Path bin;

  @BeforeEach
  void copyScripts() throws IOException {
    toolkit = dir.resolve("toolkit");
    Files.createDirectories(toolkit.resolve("target"));
    Path project = SharedCorpus.repositoryRoot().resolve("toolkit");
    for (String script : List.of("class-data-archive.sh", "java-options.sh", "jvm.options")) {
      Files.copy(project.resolve(script), toolkit.resolve(script));
    }
    bin = Files.createDirectories(dir.resolve("bin"));
  }

  @Test
  void aTrainingRunThatNeverEndsLeavesNoArchiveAndTheBuildGoesOn() throws Exception {
    fakeJava("exec sleep 120");

    Result result = runScript("1");

    assertEquals(0, result.status, result.output);
    assertTrue(result.output.contains("did not end within 1 s"), result.output);
    assertFalse(Files.exists(toolkit.resolve("target/editbench.jsa")));
  }

  @Test
  void aTrainingRunThatFailsFailsTheBuild() throws Exception {
    fakeJava("echo 'class-data training: prompt-builder exited with 1' >&2; exit 3");

    Result result = runScript("60");

    assertEquals(3, result.status, result.output);
    assertTrue(result.output.contains("prompt-builder exited with 1"), result.output);
  }

  @Test
  void aDumpThatFailsLeavesNoArchiveAndTheBuildGoesOn() throws Exception {
    // The training succeeds; the JVM asked to store the classes it listed cannot.
    fakeJava(
        "case \"$*\" in *-Xshare:dump*) echo 'dump: no space left' >&2; exit 1 ;; esac; exit 0");

    Result result = runScript("60");

    assertEquals(0, result.status, result.output);
    assertTrue(result.output.contains("could not store the archive"), result.output);
    assertFalse(Files.exists(toolkit.resolve("target/editbench.jsa")));
    assertFalse(Files.exists(toolkit.resolve("target/editbench.jsa.java-home")));
  }

  private void fakeJava(String body) throws IOException {
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Result(int status, String output) {}

  private Result runScript(String timeoutSeconds) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", toolkit.resolve("class-data-archive.sh").toString())
            .redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("EDITBENCH_TRAINING_TIMEOUT", timeoutSeconds);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script ended");
    return new Result(process.exitValue(), output);
  }
}
