package org.editbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI must fail, not skip the golden-parity tests, when the shared corpus is missing. */
class CiScriptTest {
  @Test
  void ciFailsWithoutTheSharedCorpus(@TempDir Path empty) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", ".ci/run")
        .directory(SharedCorpus.repositoryRoot().toFile())
        .redirectErrorStream(true);
    pb.environment().put("EDITBENCH_SHARED", empty.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), ".ci/run must stop at once");
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.exitValue(), output);
    assertTrue(output.contains("the shared corpus is missing"), output);
  }

  @Test
  void corpusLookupFailsRatherThanSkipsWhenTheCorpusIsMissing(@TempDir Path empty) {
    // Every corpus test starts with SharedCorpus.root(): a missing corpus throws, so the test fails.
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedCorpus.rootIn(empty));
    assertTrue(e.getMessage().contains("shared corpus not found"), e.getMessage());
  }
}
