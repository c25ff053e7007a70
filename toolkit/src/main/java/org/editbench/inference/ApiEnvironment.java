package org.editbench.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API keys and base URL a run uses: {@code OPENAI_KEYS} (comma-separated) or {@code OPENAI_KEY},
 * and {@code BASE_URL}, from the environment or else from a {@code .env} file in the working folder
 * (the environment wins, as with python-dotenv). {@link #toString()} masks the keys.
 *
 * @param baseUrl null for the OpenAI API
 */
public record ApiEnvironment(List<String> apiKeys, String baseUrl) {
  public ApiEnvironment {
    apiKeys = List.copyOf(apiKeys);
  }

  /** The process environment over {@code .env} in the working directory. */
  public static ApiEnvironment fromProcess() {
    return load(System.getenv(), Path.of(".env"));
  }

  /** {@code environment} over the {@code dotEnv} file (which may be missing). */
  public static ApiEnvironment load(Map<String, String> environment, Path dotEnv) {
    Map<String, String> merged = new HashMap<>(readDotEnv(dotEnv));
    environment.forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        merged.put(k, v);
      }
    });
    String keys = merged.getOrDefault("OPENAI_KEYS", merged.get("OPENAI_KEY"));
    List<String> apiKeys = keys == null ? List.of() : List.copyOf(splitKeys(keys));
    String baseUrl = merged.get("BASE_URL");
    return new ApiEnvironment(apiKeys, baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip());
  }

  public String effectiveBaseUrl() {
    return baseUrl == null ? HttpBackend.DEFAULT_BASE_URL : baseUrl;
  }

  /** The keys, masked, for messages. */
  public String maskedKeys() {
    return apiKeys.stream().map(KeyMask::mask).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "ApiEnvironment[apiKeys=" + maskedKeys() + ", baseUrl=" + effectiveBaseUrl() + "]";
  }

  private static LinkedHashSet<String> splitKeys(String keys) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String key : keys.split(",")) {
      if (!key.isBlank()) {
        out.add(key.strip());
      }
    }
    return out;
  }

  /**
   * {@code KEY=VALUE} lines; blank lines and {@code #} comments skipped, an {@code export} prefix
   * allowed, values unquoted from '…' or "…", and an unquoted value's {@code " #"} comment dropped.
   */
  static Map<String, String> readDotEnv(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new HashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
      int close = value.indexOf(value.charAt(0), 1);
      if (close > 0) {
        return value.substring(1, close);
      }
    }
    int comment = value.indexOf(" #");
    return (comment >= 0 ? value.substring(0, comment) : value).strip();
  }
}
