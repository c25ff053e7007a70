package org.editbench.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.editbench.core.AtomicFiles;
import org.editbench.core.StrictUtf8;

/**
 * The API keys and base URLs a run uses: {@code OPENAI_KEYS} (comma-separated) or {@code
 * OPENAI_KEY}, and {@code BASE_URL}; for Anthropic's API {@code ANTHROPIC_KEYS} or {@code
 * ANTHROPIC_API_KEY}, and {@code ANTHROPIC_BASE_URL}; from the environment or else from a {@code
 * .env} file in the working folder (the environment wins, as with python-dotenv). {@link
 * #toString()} masks the keys.
 *
 * @param apiKeys the OpenAI(-compatible) keys
 * @param baseUrl null for the OpenAI API
 * @param anthropicBaseUrl null for Anthropic's API
 */
public record ApiEnvironment(
    List<String> apiKeys, String baseUrl, List<String> anthropicKeys, String anthropicBaseUrl) {
  public ApiEnvironment {
    apiKeys = List.copyOf(apiKeys);
    anthropicKeys = List.copyOf(anthropicKeys);
  }

  /** OpenAI(-compatible) keys and base URL only. */
  public ApiEnvironment(List<String> apiKeys, String baseUrl) {
    this(apiKeys, baseUrl, List.of(), null);
  }

  /** The process environment over {@code .env} in the working directory. */
  public static ApiEnvironment fromProcess() {
    return load(System.getenv(), Path.of(".env"));
  }

  /**
   * {@code environment} over the {@code dotEnv} files (each may be missing). Of the files, a
   * provider's keys and base URL come from the last one that sets any of them, never some from one
   * file and some from another: a key kept for one server is not sent to a server another file
   * names.
   */
  public static ApiEnvironment load(Map<String, String> environment, Path... dotEnv) {
    List<Map<String, String>> files =
        Arrays.stream(dotEnv).map(ApiEnvironment::readDotEnv).toList();
    Map<String, String> merged = new HashMap<>();
    for (Provider provider : List.of(Provider.OPENAI, Provider.ANTHROPIC)) {
      List<String> variables =
          List.of(provider.keysVariable(), provider.keyVariable(), provider.baseUrlVariable());
      for (int i = files.size() - 1; i >= 0; i--) {
        Map<String, String> file = files.get(i);
        if (variables.stream().anyMatch(file::containsKey)) {
          variables.stream().filter(file::containsKey).forEach(v -> merged.put(v, file.get(v)));
          break;
        }
      }
    }
    environment.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            merged.put(k, v);
          }
        });
    return new ApiEnvironment(
        keys(merged, Provider.OPENAI),
        baseUrl(merged, Provider.OPENAI),
        keys(merged, Provider.ANTHROPIC),
        baseUrl(merged, Provider.ANTHROPIC));
  }

  private static List<String> keys(Map<String, String> variables, Provider provider) {
    String keys =
        variables.getOrDefault(provider.keysVariable(), variables.get(provider.keyVariable()));
    return keys == null ? List.of() : List.copyOf(splitKeys(keys));
  }

  private static String baseUrl(Map<String, String> variables, Provider provider) {
    String baseUrl = variables.get(provider.baseUrlVariable());
    return baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
  }

  /** The keys of {@code provider}'s API. */
  public List<String> keysFor(Provider provider) {
    return provider == Provider.ANTHROPIC ? anthropicKeys : apiKeys;
  }

  /** The base URL set for {@code provider}, or null when its default applies. */
  public String customBaseUrl(Provider provider) {
    return provider == Provider.ANTHROPIC ? anthropicBaseUrl : baseUrl;
  }

  /** Where {@code provider}'s requests go: the base URL set for it, or its default. */
  public String baseUrlFor(Provider provider) {
    String custom = customBaseUrl(provider);
    return custom == null ? provider.defaultBaseUrl() : custom;
  }

  /** {@link #baseUrlFor} as it may be printed: without the credentials a URL may carry. */
  public String shownBaseUrl(Provider provider) {
    return KeyMask.maskUrl(baseUrlFor(provider));
  }

  /** Every key of every provider: what must never be written or printed whole. */
  public List<String> allKeys() {
    return Stream.concat(apiKeys.stream(), anthropicKeys.stream()).toList();
  }

  /** The OpenAI keys, masked, for messages. */
  public String maskedKeys() {
    return masked(apiKeys);
  }

  static String masked(List<String> keys) {
    return keys.stream().map(KeyMask::mask).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "ApiEnvironment[apiKeys="
        + maskedKeys()
        + ", baseUrl="
        + shownBaseUrl(Provider.OPENAI)
        + ", anthropicKeys="
        + masked(anthropicKeys)
        + ", anthropicBaseUrl="
        + shownBaseUrl(Provider.ANTHROPIC)
        + "]";
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
      byte[] bytes = Files.readAllBytes(file);
      try {
        lines = StrictUtf8.decode(bytes).lines().toList();
      } catch (StrictUtf8.InvalidUtf8Exception e) {
        throw StrictUtf8.error(file, StrictUtf8.lineOf(bytes, e.offset()), e.offset());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
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
