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
 * The ./editbench wrapper's build step, run on a copy of the script with a fake mvn and java first
 * on the PATH and its output going to files, as in a log: it says what it builds and how long it
 * took, and passes on none of the colour codes this Maven writes.
 */
class EditbenchScriptTest {
  /** Like Debian's Maven 3.8: colour resets even in batch mode, coloured levels without it. */
  private static final String FAKE_MVN =
      """
      #!/bin/bash
      echo "$@" >> "$(dirname "$0")/mvn-args"
      printf '\\033[0m\\033[0m'
      case " $* " in
        *" -B "*) level='[ERROR]' ;;
        *) level=$'[\\033[1;31mERROR\\033[m]' ;;
      esac
      if [ -n "${FAKE_MVN_FAILS:-}" ]; then echo "$level compilation failure" >&2; exit 1; fi
      sleep "${FAKE_MVN_SECONDS:-0}"
      mkdir -p toolkit/target && echo jar > toolkit/target/editbench.jar
      """;

  @TempDir Path dir;
  private Path project;
  private Path bin;

  @BeforeEach
  void projectCopy() throws IOException {
    project = dir.resolve("project");
    Path toolkit = project.resolve("toolkit");
    Files.createDirectories(toolkit.resolve("src/main"));
    Path repository = SharedCorpus.repositoryRoot();
    Files.copy(repository.resolve("editbench"), project.resolve("editbench"));
    for (String file : List.of("java-options.sh", "jvm.options", "utf8-locale.sh")) {
      Files.copy(repository.resolve("toolkit").resolve(file), toolkit.resolve(file));
    }
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Files.writeString(toolkit.resolve("pom.xml"), "<project/>");
    bin = Files.createDirectories(dir.resolve("bin"));
    executable(bin.resolve("mvn"), FAKE_MVN);
    executable(
        bin.resolve("java"),
        "#!/bin/sh\necho \"java $*\"\necho \"LC_ALL=${LC_ALL-} LC_CTYPE=${LC_CTYPE-}\" >&2\n");
  }

  @Test
  void theFirstRunSaysItBuildsAndHowLongItTookWithoutTerminalEscapes() throws Exception {
    Run first = editbench();
    assertEquals(0, first.code(), first.err());
    List<String> said = first.err().lines().toList();
    said = said.stream().filter(l -> !l.startsWith("LC_")).toList(); // the fake java's
    assertEquals(2, said.size(), first.err());
    assertTrue(
        said.get(0)
            .startsWith(
                "editbench: first run: building toolkit/target/editbench.jar "
                    + "(mvn -q -pl toolkit -am -DskipTests package); about a minute"),
        said.get(0));
    assertTrue(said.get(1).matches("editbench: built in \\d+ s\\."), said.get(1));
    assertTrue(Files.readString(bin.resolve("mvn-args")).contains(" -B"), "batch mode: no colours");
    assertTrue(
        first.out().startsWith("java ")
            && first
                .out()
                .strip()
                .endsWith("-jar " + project.resolve("toolkit/target/editbench.jar") + " --version"),
        first.out());

    Run second = editbench();
    assertEquals(
        List.of(), second.err().lines().filter(l -> !l.startsWith("LC_")).toList(), "silently");
  }

  @Test
  void twoCommandsStartedTogetherBuildOnceTheSecondWaitingForTheFirst() throws Exception {
    Process first = start(dir.resolve("first"), "FAKE_MVN_SECONDS=2");
    // The first holds the build lock once Maven has started (it records its arguments first).
    while (!Files.exists(bin.resolve("mvn-args"))) {
      assertTrue(first.isAlive(), "the first command ended before its build");
      Thread.sleep(10);
    }
    Run second = editbench("FAKE_MVN_SECONDS=2");
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue());
    assertEquals(0, second.code(), second.err());
    assertTrue(
        second
            .err()
            .startsWith(
                "editbench: another editbench is building toolkit/target/editbench.jar; waiting"
                    + " for it...\n"),
        second.err());
    assertFalse(second.err().contains("building toolkit/target/editbench.jar ("), second.err());
    assertEquals(1, Files.readAllLines(bin.resolve("mvn-args")).size(), "one build");
  }

  @Test
  void withoutFlockTheBuildRunsUnlocked() throws Exception {
    // Every command of /usr/bin and /bin but flock (util-linux; macOS has none).
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String folder : List.of("/usr/bin", "/bin")) {
      try (var commands = Files.list(Path.of(folder))) {
        for (Path command : commands.toList()) {
          Path link = tools.resolve(command.getFileName().toString());
          if (!command.getFileName().toString().equals("flock") && Files.notExists(link)) {
            Files.createSymbolicLink(link, command);
          }
        }
      }
    }
    Run run = editbench("PATH=" + bin + ":" + tools);
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("waiting"), run.err());
    assertTrue(run.err().contains("editbench: built in "), run.err());
  }

  @Test
  void aFailedBuildPassesMavensMessagesOnWithoutEscapesAndStops() throws Exception {
    Run failed = editbench("FAKE_MVN_FAILS=1");
    assertEquals(1, failed.code());
    assertTrue(failed.err().contains("\n[ERROR] compilation failure\n"), failed.err());
    assertFalse(failed.err().contains("\u001b"), failed.err());
    assertTrue(
        failed
            .err()
            .strip()
            .endsWith(
                "editbench: the build failed (Maven's messages above); run the "
                    + "command above in "
                    + project
                    + " to retry."),
        failed.err());
    assertEquals("", failed.out(), "java does not run");
  }

  @Test
  void theCLocaleReadsFileNamesAsUtf8AndOtherLocalesAreLeftAlone() throws Exception {
    editbench(); // builds the fake jar
    // ASCII cannot name "données": the locale becomes C.UTF-8, also where LANG names a locale
    // that is not installed, which leaves a program in the C locale.
    assertEquals("LC_ALL=C.UTF-8 LC_CTYPE=", locale(editbench("LC_ALL=C")));
    assertEquals("LC_ALL=C.UTF-8 LC_CTYPE=C", locale(editbench("LC_ALL=POSIX", "LC_CTYPE=C")));
    assertEquals("LC_ALL=C.UTF-8 LC_CTYPE=", locale(editbench("LANG=C")));
    assertEquals("LC_ALL=C.UTF-8 LC_CTYPE=", locale(editbench()));
    assertEquals("LC_ALL=C.UTF-8 LC_CTYPE=", locale(editbench("LANG=xx_NOWHERE.UTF-8")));
    assertEquals("LC_ALL= LC_CTYPE=", locale(editbench("LANG=C.UTF-8")));
  }

  /** The locale variables the fake java saw. */
  private static String locale(Run run) {
    return run.err().lines().filter(l -> l.startsWith("LC_ALL=")).findFirst().orElse(run.err());
  }

  private record Run(int code, String out, String err) {}

  /** Runs the script with no locale variables but {@code variables} ({@code NAME=VALUE}). */
  private Run editbench(String... variables) throws IOException, InterruptedException {
    Path outputs = dir.resolve("run");
    Process process = start(outputs, variables);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script did not finish");
    return new Run(
        process.exitValue(),
        Files.readString(outputs.resolveSibling("run.out"), StandardCharsets.UTF_8),
        Files.readString(outputs.resolveSibling("run.err"), StandardCharsets.UTF_8));
  }

  /** Starts the script, its output in {@code {outputs}.out} and {@code .err}. */
  private Process start(Path outputs, String... variables) throws IOException {
    Path out = outputs.resolveSibling(outputs.getFileName() + ".out");
    Path err = outputs.resolveSibling(outputs.getFileName() + ".err");
    ProcessBuilder builder =
        new ProcessBuilder("bash", project.resolve("editbench").toString(), "--version")
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().remove("EDITBENCH_JAVA_OPTS");
    builder.environment().keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
    for (String variable : variables) {
      int equals = variable.indexOf('=');
      builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
    }
    return builder.start();
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
