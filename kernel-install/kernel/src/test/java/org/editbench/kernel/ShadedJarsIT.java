package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two runnable jars (the kernel's and the editbench command's) bundle Lucene, whose jar carries
 * classes for newer Javas under META-INF/versions. A bundle that is not a multi-release jar hides
 * them, and on Java 21 or later Lucene then cannot open an index at all.
 */
class ShadedJarsIT {
  @ParameterizedTest
  @ValueSource(strings = {"kernel.jar", "toolkit.jar"})
  void jarsThatBundleLuceneAreMultiReleaseJars(String property) throws IOException {
    Path jar = Path.of(System.getProperty(property));
    try (JarFile file = new JarFile(jar.toFile())) {
      assertEquals("true", file.getManifest().getMainAttributes().getValue("Multi-Release"), jar.toString());
      assertTrue(file.getEntry("META-INF/versions/21/org/apache/lucene/store/MemorySegmentIndexInputProvider.class") != null,
          "Lucene's Java 21 classes are bundled in " + jar);
    }
  }
}
