package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The integration tests' first check: which Debian packages are missing, named in one line. */
class DebianJupyterTest {
  private static final Map<String, String> COMMANDS = new LinkedHashMap<>();
  private static final Map<String, String> MODULES = new LinkedHashMap<>();

  static {
    COMMANDS.put("/bin/sh", "dash");
    COMMANDS.put("/nonexistent/bin/jupyter-nbconvert", "jupyter-nbconvert");
    MODULES.put("json", "libpython3-stdlib");
    MODULES.put("no_such_module_of_editbench", "python3-nbclient");
  }

  @Test
  void namesThePackageOfEachMissingModuleAndCommand() throws Exception {
    assertEquals(
        List.of("python3-nbclient", "jupyter-nbconvert"),
        List.copyOf(DebianJupyter.missingPackages(DebianJupyter.PYTHON, COMMANDS, MODULES)));
  }

  @Test
  void withoutDebiansPythonEveryModulesPackageIsMissing() throws Exception {
    assertEquals(
        List.of("python3", "libpython3-stdlib", "python3-nbclient", "jupyter-nbconvert"),
        List.copyOf(DebianJupyter.missingPackages("/nonexistent/python3", COMMANDS, MODULES)));
  }

  @Test
  void theMessageIsOneLineThatSaysWhatToInstall() {
    assertEquals(
        "the kernel and notebook tests need Debian packages that are missing: python3-nbclient "
            + "jupyter-nbconvert (sudo apt-get install python3-nbclient jupyter-nbconvert; .ci/run does)",
        DebianJupyter.message(
            new java.util.LinkedHashSet<>(List.of("python3-nbclient", "jupyter-nbconvert"))));
  }
}
