package org.editbench.notebook;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How an evaluator starts, read from IJava's environment variables so that IJava users' settings
 * keep working:
 *
 * <ul>
 *   <li>{@code IJAVA_CLASSPATH}: extra class path entries (path-separator list, globs allowed);
 *   <li>{@code IJAVA_COMPILER_OPTS}: options for the compiler, e.g. {@code --enable-preview};
 *   <li>{@code IJAVA_TIMEOUT}: the longest a statement may run, in milliseconds, or with a unit
 *       ({@code 30 SECONDS}); less than 1 means no limit;
 *   <li>{@code IJAVA_STARTUP_SCRIPTS_PATH}: {@code .jsh} files run at start (path-separator list,
 *       globs);
 *   <li>{@code IJAVA_STARTUP_SCRIPT}: code run at start, after those files.
 * </ul>
 *
 * @param timeout {@link Duration#ZERO} for no limit
 */
public record EvaluatorConfig(
    List<String> classpath,
    List<String> compilerOptions,
    Duration timeout,
    List<String> startupScriptPaths,
    String startupScript) {

  public static final String CLASSPATH = "IJAVA_CLASSPATH";
  public static final String COMPILER_OPTS = "IJAVA_COMPILER_OPTS";
  public static final String TIMEOUT = "IJAVA_TIMEOUT";
  public static final String STARTUP_SCRIPTS_PATH = "IJAVA_STARTUP_SCRIPTS_PATH";
  public static final String STARTUP_SCRIPT = "IJAVA_STARTUP_SCRIPT";

  public EvaluatorConfig {
    classpath = List.copyOf(classpath);
    compilerOptions = List.copyOf(compilerOptions);
    startupScriptPaths = List.copyOf(startupScriptPaths);
    startupScript = startupScript == null ? "" : startupScript;
  }

  public static EvaluatorConfig defaults() {
    return new EvaluatorConfig(List.of(), List.of(), Duration.ZERO, List.of(), "");
  }

  public static EvaluatorConfig fromEnvironment(Map<String, String> env) {
    return new EvaluatorConfig(
        pathList(env.get(CLASSPATH)),
        words(env.get(COMPILER_OPTS)),
        parseTimeout(env.get(TIMEOUT)),
        pathList(env.get(STARTUP_SCRIPTS_PATH)),
        env.getOrDefault(STARTUP_SCRIPT, ""));
  }

  /**
   * Milliseconds ({@code 5000}) or a count and a {@link TimeUnit} name, as IJava reads it ({@code
   * 30 SECONDS}).
   */
  static Duration parseTimeout(String text) {
    if (text == null || text.isBlank()) {
      return Duration.ZERO;
    }
    String[] parts = text.trim().split("\\s+");
    long amount;
    try {
      amount = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          TIMEOUT + " must be a number of milliseconds, or a number and a unit: " + text);
    }
    if (amount < 1) {
      return Duration.ZERO;
    }
    if (parts.length == 1) {
      return Duration.ofMillis(amount);
    }
    try {
      return Duration.of(
          amount, TimeUnit.valueOf(parts[1].toUpperCase(Locale.ROOT)).toChronoUnit());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          TIMEOUT + " has an unknown unit (try SECONDS, MINUTES): " + text);
    }
  }

  private static List<String> pathList(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(File.pathSeparator))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static List<String> words(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return List.of(text.trim().split("\\s+"));
  }
}
