package org.editbench.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end with both streams in one log, for the integration tests. */
final class ChildProcess {
  private ChildProcess() {}

  record Result(int exitCode, String output) {}

  /**
   * Jupyter's paths moved under {@code home}, so a kernel installed there is the only one these
   * tests see.
   */
  static Map<String, String> temporaryJupyter(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("JUPYTER_PATH", home.resolve("share/jupyter").toString());
    env.put("JUPYTER_DATA_DIR", home.resolve("data").toString());
    env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
    env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
    env.put("EDITBENCH_KERNEL_NAME", "java");
    return env;
  }

  /**
   * Runs {@code command} in {@code dir} with {@code env} added (a null value removes the variable);
   * the log goes to a file in {@code logDir}.
   */
  static Result run(
      List<String> command, Path dir, Map<String, String> env, Duration timeout, Path logDir)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(logDir, "process", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    env.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      return new Result(-1, "timed out after " + timeout + ":\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log));
  }
}
