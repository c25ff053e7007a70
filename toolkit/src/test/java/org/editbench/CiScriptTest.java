package org.editbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the shared corpus a developer's build leaves the full-corpus tests out and says so in one
 * line (toolkit/full-corpus-notice.sh, run by the no-full-corpus profile); CI fails instead.
 */
class CiScriptTest {
  @Test
  void ciFailsWithoutTheSharedCorpus(@TempDir Path empty) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", ".ci/run")
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
  void ciMakesTheBuildFailWhenTheFullCorpusTestsAreNotInTheRun() throws IOException {
    String ci = Files.readString(SharedCorpus.repositoryRoot().resolve(".ci/run"));
    assertTrue(
        ci.lines()
            .anyMatch(line -> line.startsWith("mvn -B verify -Deditbench.requireFullCorpus=true")),
        ci);
  }

  /**
   * A newcomer installs what the README's quick start lists, CI what .ci/run lists: the same
   * packages, or the README's test command fails on the newcomer's machine only.
   */
  @Test
  void theReadmesQuickStartInstallsThePackagesCiInstalls() throws IOException {
    Path root = SharedCorpus.repositoryRoot();
    Set<String> ci = new TreeSet<>();
    Matcher assignment =
        Pattern.compile("test_packages=\"(?:\\$test_packages )?([^\"]*)\"")
            .matcher(Files.readString(root.resolve(".ci/run")));
    while (assignment.find()) {
      ci.addAll(List.of(assignment.group(1).split(" ")));
    }
    String readme = Files.readString(root.resolve("README.md"));
    String quickStart = readme.substring(readme.indexOf("## Quick start"));
    Matcher install =
        Pattern.compile("sudo apt-get install ((?:\\\\\n|[^\\n])*)").matcher(quickStart);
    assertTrue(install.find(), "no apt-get line in the quick start");
    Set<String> readmePackages =
        new TreeSet<>(List.of(install.group(1).replace("\\\n", " ").trim().split("\\s+")));
    assertTrue(ci.contains("chromium-driver"), "read .ci/run's packages: " + ci);
    assertEquals(ci, readmePackages);
  }

  @Test
  void withoutTheCorpusTheBuildSaysInOneLineHowToRunThem()
      throws IOException, InterruptedException {
    Notice notice = notice("false", "${skipTests}", "${maven.test.skip}");
    assertEquals(0, notice.exitCode(), notice.output());
    assertEquals(1, notice.output().lines().count(), notice.output());
    assertTrue(
        notice
            .output()
            .startsWith(
                "editbench: full-corpus tests not run (no ../shared/realistic-editbench"
                    + " beside the repository); set EDITBENCH_SHARED to the folder that holds realistic-editbench"),
        notice.output());
  }

  @Test
  void whenTheCorpusIsRequiredItsAbsenceFailsTheBuild() throws IOException, InterruptedException {
    Notice notice = notice("true", "${skipTests}", "${maven.test.skip}");
    assertEquals(1, notice.exitCode(), notice.output());
    assertTrue(
        notice.output().startsWith("editbench: the full-corpus tests must run, but there is no"),
        notice.output());
  }

  @Test
  void aBuildThatRunsNoTestsSaysNothing() throws IOException, InterruptedException {
    // the arguments the pom passes: requireFullCorpus, skipTests, maven.test.skip (unset: as is)
    assertEquals(new Notice(0, ""), notice("false", "true", "${maven.test.skip}"));
    assertEquals(new Notice(0, ""), notice("true", "${skipTests}", "true"));
  }

  private record Notice(int exitCode, String output) {}

  private static Notice notice(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "toolkit/full-corpus-notice.sh"));
    command.addAll(List.of(arguments));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(SharedCorpus.repositoryRoot().toFile())
            .redirectErrorStream(true);
    pb.environment().remove("EDITBENCH_SHARED");
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Notice(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void corpusLookupFailsRatherThanSkipsWhenTheCorpusIsMissing(@TempDir Path empty) {
    // Every corpus test starts with SharedCorpus.root(): a missing corpus throws, so the test
    // fails.
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SharedCorpus.rootIn(empty));
    assertTrue(e.getMessage().contains("shared corpus not found"), e.getMessage());
  }
}
