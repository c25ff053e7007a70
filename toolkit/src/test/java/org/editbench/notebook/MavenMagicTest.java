package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MavenMagicTest {
  /** The fixture's group, unique to this test: it is removed from ~/.m2 afterwards. */
  private static final String GROUP = "org.editbench.testfixture.mavenmagic";

  private static Path localCopy() {
    return Path.of(System.getProperty("user.home"), ".m2", "repository", GROUP.replace('.', '/'));
  }

  @AfterEach
  void removeFixtureFromLocalRepository() throws IOException {
    if (Files.exists(localCopy())) {
      try (Stream<Path> files = Files.walk(localCopy())) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Test
  @Timeout(300)
  void mavenResolvesAnArtifactIntoTheLocalRepositoryAndTheSessionUsesIt(@TempDir Path dir)
      throws Exception {
    Path repository = dir.resolve("repo");
    Path artifactDir =
        Files.createDirectories(repository.resolve(GROUP.replace('.', '/')).resolve("greeter/1.0"));
    Path jar =
        TestJars.jarWithClass(
            dir.resolve("build"),
            "fixture",
            "Greeter",
            "public static String greet() { return \"hello from maven\"; }");
    Files.copy(jar, artifactDir.resolve("greeter-1.0.jar"));
    Files.writeString(
        artifactDir.resolve("greeter-1.0.pom"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>%s</groupId>
          <artifactId>greeter</artifactId>
          <version>1.0</version>
        </project>
        """
            .formatted(GROUP));

    try (JShellEvaluator evaluator =
        JShellEvaluator.start(EvaluatorConfig.defaults(), new RecordingOutput())) {
      String cell =
          "%mavenRepo fixtures "
              + repository.toUri()
              + "\n"
              + "%maven "
              + GROUP
              + ":greeter:1.0\n"
              + "fixture.Greeter.greet()";
      assertEquals(
          "hello from maven",
          evaluator.execute("In [1]", cell, new RecordingOutput()).orElseThrow().text());
    }
    assertTrue(
        Files.exists(localCopy().resolve("greeter/1.0/greeter-1.0.jar")), "resolved into ~/.m2");
  }

  @Test
  void aFailedResolutionSaysMavensFirstErrorOnly() {
    String log =
        "[ERROR] Failed to execute goal on project editbench-maven: Could not resolve dependencies"
            + " for project x:y:pom:1: Could not find artifact no.such:artifact:jar:9.9.9 in central"
            + " (https://repo.maven.apache.org/maven2) -> [Help 1]\n"
            + "[ERROR] \n"
            + "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.\n"
            + "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/DependencyResolutionException\n";
    assertEquals(
        "Could not find artifact no.such:artifact:jar:9.9.9 in central"
            + " (https://repo.maven.apache.org/maven2)",
        MavenResolver.failure(log));
    assertEquals("mvn: command not found", MavenResolver.failure("mvn: command not found\n"));
    // Some Maven builds colour their lines even in batch mode with -Dstyle.color=never.
    assertEquals(
        "Could not find artifact no.such:artifact:jar:9.9.9",
        MavenResolver.failure(
            "\u001B[0m\u001B[0m[ERROR] Could not find artifact no.such:artifact:jar:9.9.9 -> [Help 1]\n"
                + "\u001B[0m[ERROR] To see the full stack trace of the errors, re-run Maven with"
                + " the -e switch.\n"));
  }

  @Test
  void aRepositoryUrlMustBeOne() {
    MavenResolver resolver = new MavenResolver();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> resolver.addRepository("x", "notaurl"));
    assertEquals(
        "%mavenRepo x notaurl: the URL must be http://, https:// or file://, e.g."
            + " https://repo.example.com/maven2",
        e.getMessage());
  }

  @Test
  void coordinatesBecomeADependencyAndBadOnesAreRefused() {
    MavenResolver resolver = new MavenResolver();
    resolver.addRepository("extra", "https://example.invalid/repo");
    String pom = resolver.pom("g.roup:art:zip:tests:2.0");
    assertTrue(
        pom.contains(
            "<groupId>g.roup</groupId><artifactId>art</artifactId><version>2.0</version>"
                + "<type>zip</type><classifier>tests</classifier>"),
        pom);
    assertTrue(pom.contains("<id>extra</id><url>https://example.invalid/repo</url>"), pom);
    assertThrows(IllegalArgumentException.class, () -> resolver.pom("only:two"));
    assertThrows(IllegalArgumentException.class, () -> resolver.pom("a::1.0"));
  }
}
