package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.editbench.kernel.ChildProcess.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged kernel through real Jupyter: installed by {@code kernel-install/install} into a
 * temporary Jupyter path, then driven by Debian's jupyter_kernel_test, jupyter_client and
 * nbconvert. Needs the Debian packages that .ci/run installs.
 */
class KernelIT {
  private static final Path PYTHON_TESTS = Path.of(System.getProperty("kernel.python.tests"));
  private static final Path INSTALLER = PYTHON_TESTS.resolve("../../../../install").normalize();

  /** Debian's Python, where the Jupyter packages are, whatever python3 comes first on the PATH. */
  private static final String PYTHON = DebianJupyter.PYTHON;

  private static final String JUPYTER = DebianJupyter.JUPYTER;

  @TempDir static Path jupyterHome;
  private static Map<String, String> env;

  @BeforeAll
  static void installKernelIntoATemporaryJupyterPath() throws Exception {
    DebianJupyter.requireInstalled();
    env = ChildProcess.temporaryJupyter(jupyterHome);
    Result install =
        run(
            List.of(INSTALLER.toString(), "--prefix", jupyterHome.toString()),
            Duration.ofMinutes(5));
    assertEquals(0, install.exitCode(), install.output());
    assertTrue(
        install.output().contains("\nCheck with: jupyter kernelspec list"), install.output());
    Result list = run(List.of(JUPYTER, "kernelspec", "list"), Duration.ofMinutes(1));
    assertTrue(
        list.output().contains(jupyterHome.resolve("share/jupyter/kernels/java").toString()),
        list.output());
  }

  @Test
  void passesJupyterKernelTestConformanceSuite() throws Exception {
    Result result =
        run(List.of(PYTHON, "-m", "unittest", "-v", "test_kernel"), Duration.ofMinutes(5));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("Ran 12 tests"), result.output());
    assertTrue(
        !result.output().contains("skipped"),
        "every test of the suite has samples:\n" + result.output());
  }

  @Test
  void interruptsRestartsAndShutsDownThroughJupyterClient() throws Exception {
    Result result =
        run(List.of(PYTHON, "-m", "unittest", "-v", "test_protocol"), Duration.ofMinutes(5));
    assertEquals(0, result.exitCode(), result.output());
  }

  @Test
  void nbconvertExecutesANotebookThatShowsAToolkitTableAsHtml(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("bench.jsonl"),
        "{\"instance_id\": \"demo__1\", \"repo\": \"demo/repo\"}\n"
            + "{\"instance_id\": \"demo__2\", \"repo\": \"demo/repo\"}\n");
    Path notebook = dir.resolve("bench-table.ipynb");
    try (InputStream resource = KernelIT.class.getResourceAsStream("/bench-table.ipynb")) {
      Files.copy(resource, notebook);
    }

    Result result =
        run(
            List.of(
                JUPYTER,
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.kernel_name=java",
                "--ExecutePreprocessor.timeout=120",
                "--output",
                "executed.ipynb",
                notebook.toString()),
            Duration.ofMinutes(3));
    assertEquals(0, result.exitCode(), result.output());

    JsonNode executed = new ObjectMapper().readTree(dir.resolve("executed.ipynb").toFile());
    JsonNode outputs = executed.path("cells").get(2).path("outputs");
    assertEquals("display_data", outputs.get(0).path("output_type").asText(), outputs.toString());
    String html = joined(outputs.get(0).path("data").path("text/html"));
    assertTrue(html.contains("<table") && html.contains(">demo__2</td>"), html);
    assertEquals("java", executed.path("metadata").path("language_info").path("name").asText());
  }

  @Test
  void installerRefusesToReplaceAnotherKernelWithoutForce() throws Exception {
    Path foreign = jupyterHome.resolve("share/jupyter/kernels/other");
    Files.createDirectories(foreign);
    Files.writeString(
        foreign.resolve("kernel.json"),
        "{\"argv\": [\"other\", \"{connection_file}\"], \"display_name\": \"Other\", \"language\": \"other\"}");

    Result refused =
        run(
            List.of(INSTALLER.toString(), "--prefix", jupyterHome.toString(), "--name", "other"),
            Duration.ofMinutes(2));
    assertEquals(1, refused.exitCode(), refused.output());
    assertTrue(refused.output().contains("a different kernel named 'other'"), refused.output());
    assertTrue(Files.readString(foreign.resolve("kernel.json")).contains("Other"));
    // Jupyter lower-cases names: another spelling names the same kernel, and is refused too.
    Result otherCase =
        run(
            List.of(INSTALLER.toString(), "--prefix", jupyterHome.toString(), "--name", "OTHER"),
            Duration.ofMinutes(2));
    assertEquals(1, otherCase.exitCode(), otherCase.output());
    assertTrue(
        otherCase.output().contains("Jupyter's kernel names are lower case: 'OTHER' is 'other'"),
        otherCase.output());
    assertTrue(Files.readString(foreign.resolve("kernel.json")).contains("Other"));

    Result forced =
        run(
            List.of(
                INSTALLER.toString(),
                "--prefix",
                jupyterHome.toString(),
                "--name",
                "other",
                "--force"),
            Duration.ofMinutes(2));
    assertEquals(0, forced.exitCode(), forced.output());
    assertTrue(
        forced.output().contains("install: replacing the kernel 'other' at " + foreign),
        forced.output());
    // Under another name than java, the menus tell it apart from the default install.
    String spec = Files.readString(foreign.resolve("kernel.json"));
    assertTrue(spec.contains("\"display_name\": \"Java (editbench: other)\""), spec);
    assertTrue(spec.contains("\"commit\": \""), spec);

    Result removed =
        run(List.of(INSTALLER.toString(), "--uninstall", "--name", "other"), Duration.ofMinutes(2));
    assertEquals(0, removed.exitCode(), removed.output());
    assertTrue(Files.notExists(foreign));
  }

  @Test
  void installerRefusesBadNamesPrefixesAndJavaOptionsBeforeInstallingAnything() throws Exception {
    Map<List<String>, String> refusals =
        Map.of(
            List.of("--name", ""), "install: --name needs a value",
            List.of("--name", "--user"), "install: --name needs a value",
            List.of("--name", "bad name"),
                "install: --name 'bad name': a kernel name has only letters, digits",
            List.of("--prefix", ""), "install: --prefix needs a directory",
            List.of("--name", "badopts", "--java-options", "-XX:+NoSuchFlagAtAll"),
                "does not start with them:");
    for (Map.Entry<List<String>, String> refusal : refusals.entrySet()) {
      List<String> command = new ArrayList<>(List.of(INSTALLER.toString()));
      if (!refusal.getKey().contains("--prefix")) {
        command.addAll(List.of("--prefix", jupyterHome.toString()));
      }
      command.addAll(refusal.getKey());
      Result result = run(command, Duration.ofMinutes(2));
      assertEquals(2, result.exitCode(), refusal.getKey() + ": " + result.output());
      assertTrue(result.output().contains(refusal.getValue()), result.output());
    }
    assertTrue(Files.notExists(jupyterHome.resolve("share/jupyter/kernels/badopts")));
  }

  @Test
  void uninstallRemovesTheKernelOfTheScopeGivenOrTheOneJupyterLists() throws Exception {
    // A path with a space, beside a folder named like its first word: only the kernel goes.
    Path prefix = jupyterHome.resolve("else where");
    Path bystander = Files.createDirectories(jupyterHome.resolve("else"));
    Files.writeString(bystander.resolve("keep"), "");
    Path kernel = prefix.resolve("share/jupyter/kernels/gone");
    List<String> install =
        List.of(INSTALLER.toString(), "--prefix", prefix.toString(), "--name", "Gone");
    Result installed = run(install, Duration.ofMinutes(2));
    assertEquals(0, installed.exitCode(), installed.output());
    assertTrue(installed.output().contains("at " + kernel), installed.output());
    // Outside Jupyter's path: said, with what to set, instead of a check that would not show it.
    String dataDir = prefix.resolve("share/jupyter").toString();
    assertTrue(
        installed.output().contains("Jupyter does not look in " + dataDir + ": start Jupyter with"),
        installed.output());
    assertTrue(
        installed
            .output()
            .contains(
                "Check with: JUPYTER_PATH="
                    + dataDir.replace(" ", "\\ ")
                    + ":"
                    + jupyterHome.resolve("share/jupyter")
                    + " jupyter kernelspec list"),
        installed.output());
    Result removed =
        run(
            List.of(
                INSTALLER.toString(),
                "--uninstall",
                "--prefix",
                prefix.toString(),
                "--name",
                "Gone"),
            Duration.ofMinutes(2));
    assertEquals(0, removed.exitCode(), removed.output());
    assertTrue(removed.output().contains("Removed kernel 'gone' from " + kernel), removed.output());
    assertTrue(Files.notExists(kernel));

    // Without a scope, the kernel Jupyter lists under that name is the one removed.
    assertEquals(0, run(install, Duration.ofMinutes(2)).exitCode());
    Map<String, String> saved = new HashMap<>(env);
    env.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
    try {
      Result listed =
          run(
              List.of(INSTALLER.toString(), "--uninstall", "--name", "gone", "--force"),
              Duration.ofMinutes(2));
      assertEquals(0, listed.exitCode(), listed.output());
      assertTrue(listed.output().contains("Removed kernel 'gone' from " + kernel), listed.output());
    } finally {
      env = saved;
    }
    assertTrue(Files.notExists(kernel));
    assertTrue(Files.exists(bystander.resolve("keep")), "the folder beside it is untouched");
  }

  @Test
  void installerPutsTheJavaOptionsBeforeTheJarInTheKernelArgv() throws Exception {
    List<String> defaults = argv(jupyterHome.resolve("share/jupyter/kernels/java/kernel.json"));
    List<String> expected =
        new ArrayList<>(
            List.of(
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.05"));
    // The young generation's size where the machine has 4 GiB or more, huge pages where madvise is
    // on.
    if (Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .anyMatch(
            line ->
                line.startsWith("MemTotal:")
                    && Long.parseLong(line.replaceAll("\\D", "")) >= 4L * 1024 * 1024)) {
      expected.addAll(List.of("-Xms512m", "-Xmn256m"));
    }
    Path hugePages = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    if (Files.exists(hugePages) && Files.readString(hugePages).contains("[madvise]")) {
      expected.add("-XX:+UseTransparentHugePages");
    }
    expected.add("-jar");
    // The launcher that picks a UTF-8 locale, then the JVM: its options follow.
    assertEquals(
        List.of("/bin/sh", "{resource_dir}/utf8-launch"),
        defaults.subList(0, 2),
        defaults.toString());
    assertEquals(expected, defaults.subList(3, expected.size() + 3), defaults.toString());

    Result custom =
        run(
            List.of(
                INSTALLER.toString(),
                "--prefix",
                jupyterHome.toString(),
                "--name",
                "custom",
                "--java-options",
                "-Xmx1g  -Dnote=\"quoted\""),
            Duration.ofMinutes(2));
    assertEquals(0, custom.exitCode(), custom.output());
    List<String> customArgv = argv(jupyterHome.resolve("share/jupyter/kernels/custom/kernel.json"));
    assertEquals(
        List.of("-Xmx1g", "-Dnote=\"quoted\"", "-jar"),
        customArgv.subList(3, 6),
        customArgv.toString());

    Result none =
        run(
            List.of(
                INSTALLER.toString(),
                "--prefix",
                jupyterHome.toString(),
                "--name",
                "custom",
                "--java-options",
                ""),
            Duration.ofMinutes(2));
    assertEquals(0, none.exitCode(), none.output());
    assertEquals(
        "-jar", argv(jupyterHome.resolve("share/jupyter/kernels/custom/kernel.json")).get(3));
  }

  private static List<String> argv(Path kernelJson) throws IOException {
    List<String> argv = new ArrayList<>();
    new ObjectMapper()
        .readTree(kernelJson.toFile())
        .path("argv")
        .forEach(entry -> argv.add(entry.asText()));
    return argv;
  }

  @Test
  void installerWithoutJupyterNamesTheDebianPackages(@TempDir Path bin) throws Exception {
    // A PATH with the tools the script needs before it looks for Jupyter, and no jupyter.
    for (String tool : List.of("dirname", "id")) {
      Files.copy(Path.of("/usr/bin", tool), bin.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Map<String, String> saved = new HashMap<>(env);
    env.put("PATH", bin.toString());
    try {
      Result result = run(List.of("/bin/bash", INSTALLER.toString()), Duration.ofMinutes(1));
      assertEquals(1, result.exitCode(), result.output());
      assertTrue(
          result
              .output()
              .contains("apt-get install jupyter-client python3-nbclient jupyter-nbconvert"),
          result.output());
    } finally {
      env = saved;
    }
  }

  @Test
  void installerHelpDescribesItsOptions() throws Exception {
    Result help = run(List.of(INSTALLER.toString(), "--help"), Duration.ofMinutes(1));
    assertEquals(0, help.exitCode());
    for (String option :
        List.of("--name", "--user", "--sys-prefix", "--uninstall", "--force", "--java-options")) {
      assertTrue(help.output().contains(option), option);
    }
    // Laid out for 100 columns, as the editbench command's help is.
    help.output()
        .lines()
        .forEach(line -> assertTrue(line.length() <= 100, line.length() + " columns: " + line));
  }

  private static String joined(JsonNode multiline) {
    if (!multiline.isArray()) {
      return multiline.asText();
    }
    StringBuilder text = new StringBuilder();
    multiline.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  private static Result run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    return ChildProcess.run(command, PYTHON_TESTS, env, timeout, jupyterHome);
  }
}
