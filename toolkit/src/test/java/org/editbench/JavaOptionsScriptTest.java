package org.editbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * toolkit/java-options.sh, which ./editbench and the benchmarks source: the class-data archive is
 * passed only while it belongs to the jar and to the java that runs, since a JVM that cannot use it
 * warns on every start. Run on a copy of the script beside a fake jar, archive and java.
 */
class JavaOptionsScriptTest {
  private static final Instant JAR_BUILT = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private Path toolkit;
  private Path archive;
  private Path javaHome;

  @BeforeEach
  void fakeBuild() throws IOException {
    toolkit = dir.resolve("toolkit");
    Files.createDirectories(toolkit.resolve("target"));
    Path project = SharedCorpus.repositoryRoot().resolve("toolkit");
    for (String script : List.of("java-options.sh", "jvm.options")) {
      Files.copy(project.resolve(script), toolkit.resolve(script));
    }
    Path jar = Files.writeString(toolkit.resolve("target/editbench.jar"), "jar");
    Files.setLastModifiedTime(jar, FileTime.from(JAR_BUILT));
    archive = Files.writeString(toolkit.resolve("target/editbench.jsa"), "archive");
    Files.setLastModifiedTime(archive, FileTime.from(JAR_BUILT.plusSeconds(5)));
    javaHome = dir.resolve("jdk");
    Path java = javaHome.resolve("bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(toolkit.resolve("target/editbench.jsa.java-home"), javaHome + "\n");
  }

  @Test
  void anArchiveOfThisJarAndThisJavaIsUsed() throws Exception {
    assertEquals("-XX:SharedArchiveFile=" + archive, classDataOptions());
  }

  @Test
  void anArchiveOlderThanTheJarIsNot() throws Exception {
    Files.setLastModifiedTime(archive, FileTime.from(JAR_BUILT.minusSeconds(5)));
    assertEquals("", classDataOptions());
  }

  @Test
  void anArchiveOfAnotherJavaIsNot() throws Exception {
    Files.writeString(toolkit.resolve("target/editbench.jsa.java-home"), "/usr/lib/jvm/other\n");
    assertEquals("", classDataOptions());
  }

  @Test
  void noArchiveNoOption() throws Exception {
    Files.delete(archive);
    assertEquals("", classDataOptions());
  }

  @Test
  void theUsersOptionsComeLast() throws Exception {
    String options =
        sourced("printf '%s\\n' \"${java_options[@]}\"", "-Xmx8g -XX:TieredStopAtLevel=4");
    List<String> lines = options.lines().toList();
    assertEquals(
        List.of("-Xmx8g", "-XX:TieredStopAtLevel=4"),
        lines.subList(lines.size() - 2, lines.size()));
    assertEquals("-XX:+UseSerialGC", lines.get(0), "toolkit/jvm.options first");
  }

  private String classDataOptions() throws Exception {
    return sourced("printf '%s' \"${class_data_options[@]}\"", "").strip();
  }

  /** Sources the script with the fake java first on PATH, then prints with {@code print}. */
  private String sourced(String print, String userOptions)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                "-c",
                "set -euo pipefail; source \"$1\"; " + print,
                "bash",
                toolkit.resolve("java-options.sh").toString())
            .redirectErrorStream(true);
    builder.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
    builder.environment().put("EDITBENCH_JAVA_OPTS", userOptions);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
