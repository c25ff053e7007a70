package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two runnable jars (the kernel's and the editbench command's) as the build leaves them.
 *
 * <p>Both bundle Lucene, whose jar carries classes for newer Javas under META-INF/versions. A
 * bundle that is not a multi-release jar hides them, and on Java 21 or later Lucene then cannot
 * open an index at all.
 */
class ShadedJarsIT {
  @TempDir Path logs;

  /**
   * The build's class-data archive is one the editbench command can use: its classes come from it,
   * not from the jar (a JVM that cannot map the archive loads them from the jar, only slower) —
   * picocli's too, whose old class-file format only a static archive holds.
   */
  @Test
  void theEditbenchCommandLoadsItsClassesFromTheBuildsArchive()
      throws IOException, InterruptedException {
    Path project =
        Path.of(System.getProperty("toolkit.jar"))
            .toAbsolutePath()
            .normalize()
            .getParent()
            .getParent()
            .getParent();
    ChildProcess.Result result =
        ChildProcess.run(
            List.of(project.resolve("editbench").toString(), "--version"),
            project,
            Map.of("EDITBENCH_JAVA_OPTS", "-Xlog:class+load=info"),
            Duration.ofMinutes(5),
            logs);
    assertEquals(0, result.exitCode(), result.output());
    for (String type : List.of("org.editbench.cli.Main", "picocli.CommandLine")) {
      assertTrue(
          result.output().contains(type + " source: shared objects file"),
          type
              + " from the archive:\n"
              + result.output().lines().filter(l -> l.contains(type)).toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"kernel.jar", "toolkit.jar"})
  void jarsThatBundleLuceneAreMultiReleaseJars(String property) throws IOException {
    Path jar = Path.of(System.getProperty(property));
    try (JarFile file = new JarFile(jar.toFile())) {
      assertEquals(
          "true", file.getManifest().getMainAttributes().getValue("Multi-Release"), jar.toString());
      assertTrue(
          file.getEntry(
                  "META-INF/versions/21/org/apache/lucene/store/MemorySegmentIndexInputProvider.class")
              != null,
          "Lucene's Java 21 classes are bundled in " + jar);
    }
  }
}
