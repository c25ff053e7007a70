package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorConfigTest {
  @Test
  void readsIJavasEnvironmentVariables() {
    EvaluatorConfig config =
        EvaluatorConfig.fromEnvironment(
            Map.of(
                "IJAVA_CLASSPATH", "lib/a.jar" + File.pathSeparator + "lib/*.jar",
                "IJAVA_COMPILER_OPTS", " -parameters  -Xlint:none ",
                "IJAVA_TIMEOUT", "1500",
                "IJAVA_STARTUP_SCRIPTS_PATH", "startup/*.jsh",
                "IJAVA_STARTUP_SCRIPT", "int ready = 1;"));
    assertEquals(List.of("lib/a.jar", "lib/*.jar"), config.classpath());
    assertEquals(List.of("-parameters", "-Xlint:none"), config.compilerOptions());
    assertEquals(Duration.ofMillis(1500), config.timeout());
    assertEquals(List.of("startup/*.jsh"), config.startupScriptPaths());
    assertEquals("int ready = 1;", config.startupScript());
    assertEquals(EvaluatorConfig.defaults(), EvaluatorConfig.fromEnvironment(Map.of()));
  }

  @Test
  void timeoutsTakeMillisecondsOrAUnitAndLessThanOneMeansNone() {
    assertEquals(Duration.ofSeconds(30), EvaluatorConfig.parseTimeout("30 SECONDS"));
    assertEquals(Duration.ofMinutes(2), EvaluatorConfig.parseTimeout("2 minutes"));
    assertEquals(Duration.ZERO, EvaluatorConfig.parseTimeout("-1"));
    assertThrows(IllegalArgumentException.class, () -> EvaluatorConfig.parseTimeout("soon"));
    assertThrows(
        IllegalArgumentException.class, () -> EvaluatorConfig.parseTimeout("3 fortnights"));
  }

  @Test
  @Timeout(60)
  void aSessionAppliesClasspathCompilerOptionsAndStartupScripts(@TempDir Path dir)
      throws Exception {
    TestJars.jarWithClass(
        dir.resolve("lib"), "startupfixture", "Box", "public static int size() { return 7; }");
    Path scripts = Files.createDirectories(dir.resolve("startup"));
    Files.writeString(scripts.resolve("a.jsh"), "int fromFile = startupfixture.Box.size();\n");
    Files.writeString(scripts.resolve("b.jsh"), "int alsoFromFile = fromFile + 1;\n");
    EvaluatorConfig config =
        EvaluatorConfig.fromEnvironment(
            Map.of(
                "IJAVA_CLASSPATH",
                dir.resolve("lib") + "/*.jar",
                "IJAVA_COMPILER_OPTS",
                "-Xlint:rawtypes -Werror",
                "IJAVA_STARTUP_SCRIPTS_PATH",
                scripts + "/*.jsh",
                "IJAVA_STARTUP_SCRIPT",
                "int fromVariable = alsoFromFile * 10;"));
    try (JShellEvaluator evaluator = JShellEvaluator.start(config, new RecordingOutput())) {
      assertEquals(
          "80",
          evaluator.execute("In [1]", "fromVariable", new RecordingOutput()).orElseThrow().text());
      // With -Werror, a raw type (a warning under -Xlint:rawtypes) no longer compiles.
      CellException rejected =
          assertThrows(
              CellException.class,
              () ->
                  evaluator.execute(
                      "In [2]", "List raw = new ArrayList();", new RecordingOutput()));
      assertTrue(rejected.evalue().contains("-Werror"), rejected.evalue());
      assertTrue(
          String.join("\n", rejected.traceback()).contains("warning: found raw type"),
          rejected.traceback().toString());
    }
  }

  @Test
  @Timeout(60)
  void aFailingStartupScriptStopsTheSessionFromStarting() {
    EvaluatorConfig config =
        EvaluatorConfig.fromEnvironment(Map.of("IJAVA_STARTUP_SCRIPT", "int broken = ;"));
    CellException error =
        assertThrows(
            CellException.class, () -> JShellEvaluator.start(config, new RecordingOutput()));
    assertEquals("CompilationException", error.ename());
  }
}
