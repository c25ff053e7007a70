package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Debian packages the integration tests drive Jupyter with (the ones .ci/run installs). Checked
 * before anything else, so that a machine without them gets one line naming the missing packages
 * rather than a failure deep inside a child process.
 */
final class DebianJupyter {
  static final String PYTHON = "/usr/bin/python3";
  static final String JUPYTER = "/usr/bin/jupyter";

  /** Debian's Python modules the tests import → the package to install for each. */
  private static final Map<String, String> MODULES = new LinkedHashMap<>();

  /** Commands the tests run → the package to install for each. */
  private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put(JUPYTER, "jupyter-client");
    COMMANDS.put("/usr/bin/jupyter-kernelspec", "jupyter-client");
    COMMANDS.put("/usr/bin/jupyter-nbconvert", "jupyter-nbconvert");
    MODULES.put("jupyter_client", "jupyter-client");
    MODULES.put("nbclient", "python3-nbclient");
    MODULES.put("jupyter_kernel_test", "python3-jupyter-kernel-test");
    MODULES.put("nbformat", "python3-nbformat");
    // The browser test: Jupyter Notebook driven in headless Chromium.
    MODULES.put("notebook", "jupyter-notebook");
    MODULES.put("selenium", "python3-selenium");
    COMMANDS.put("/usr/bin/chromium", "chromium");
    COMMANDS.put("/usr/bin/chromedriver", "chromium-driver");
  }

  private DebianJupyter() {}

  /** Fails with one line naming every missing package, or returns when all are there. */
  static void requireInstalled() throws IOException, InterruptedException {
    Set<String> missing = missingPackages(PYTHON, COMMANDS, MODULES);
    if (!missing.isEmpty()) {
      fail(message(missing));
    }
  }

  static String message(Set<String> missing) {
    String packages = String.join(" ", missing);
    return "the kernel and notebook tests need Debian packages that are missing: "
        + packages
        + " (sudo apt-get install "
        + packages
        + "; .ci/run does)";
  }

  /**
   * The packages to install, in the order met: for each command (path → package) that is not
   * executable and each Python module (name → package) that {@code python} cannot import; all of
   * them, and python3, when {@code python} itself is missing.
   */
  static Set<String> missingPackages(
      String python, Map<String, String> commands, Map<String, String> modules)
      throws IOException, InterruptedException {
    Set<String> missing = new LinkedHashSet<>();
    if (!Files.isExecutable(Path.of(python))) {
      missing.add("python3");
      missing.addAll(modules.values());
    } else {
      for (String module : missingModules(python, modules.keySet())) {
        missing.add(modules.get(module));
      }
    }
    commands.forEach(
        (command, pkg) -> {
          if (!Files.isExecutable(Path.of(command))) {
            missing.add(pkg);
          }
        });
    return missing;
  }

  private static List<String> missingModules(String python, Set<String> modules)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                python,
                "-c",
                "import importlib.util, sys\n"
                    + "print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))"));
    command.addAll(modules);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail(python + " could not look for Jupyter's modules: " + output);
    }
    return output.isEmpty() ? List.of() : List.of(output.split(" "));
  }
}
