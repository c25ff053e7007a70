package org.editbench.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.editbench.core.DataPaths;
import org.editbench.core.Jsonl;
import org.editbench.core.PyJson;

/**
 * Small infbench files, fake API answers and fast, deterministic run options for the inference
 * tests.
 */
public final class Fixtures {
  static final String SYSTEM_LINE = "You are an expert software engineer.";

  private Fixtures() {}

  /**
   * A prompt with a system line, the instance id (so fake servers can tell requests apart) and
   * files.
   */
  static String prompt(String instanceId, String... files) {
    StringBuilder p =
        new StringBuilder(SYSTEM_LINE)
            .append("\nTask for ")
            .append(instanceId)
            .append("\n<code>\n");
    for (int i = 0; i < files.length; i++) {
      p.append("[start of ")
          .append(files[i])
          .append("]\n1 line of ")
          .append(files[i])
          .append("\n[end of ")
          .append(files[i])
          .append("]");
      p.append(i + 1 < files.length ? "\n" : "");
    }
    return p.append("\n</code>\nAnswer with a patch.").toString();
  }

  /** Ids {@code o__r-pull-1 … o__r-pull-count}. */
  public static List<String> ids(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add("o__r-pull-" + i);
    }
    return ids;
  }

  /** An infbench file of instances with two-file prompts and a ground truth naming the instance. */
  public static Path infbench(Path file, List<String> ids) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      ObjectNode o = Jsonl.MAPPER.createObjectNode();
      o.put("instance_id", ids.get(i));
      o.put("repo", "o/r");
      // created_at descending in file order, so the reference order is the file order
      o.put("created_at", String.format("2025-01-01T00:%02d:%02dZ", 59 - i / 60 % 60, 59 - i % 60));
      o.put("prompt", prompt(ids.get(i), "a.py", "b.py"));
      o.put("ground_truth", "diff --git a/a.py b/a.py\n-fix " + ids.get(i) + "\n");
      lines.add(PyJson.toJson(o));
    }
    write(file, String.join("\n", lines) + "\n");
    return file;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonNode> records(Path file) {
    return lines(file).stream()
        .map(
            l -> {
              try {
                return Jsonl.MAPPER.readTree(l);
              } catch (IOException e) {
                throw new AssertionError("not JSON: " + l, e);
              }
            })
        .toList();
  }

  /** The records of a prediction file by instance id; fails when an instance has two. */
  static Map<String, JsonNode> byInstance(Path file) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode record : records(file)) {
      if (out.put(record.get("instance_id").asText(), record) != null) {
        throw new AssertionError("one record per instance: " + record);
      }
    }
    return out;
  }

  /** A Chat Completions answer. */
  static String chatAnswer(String content, int promptTokens, int completionTokens) {
    ObjectNode o = Jsonl.MAPPER.createObjectNode();
    o.putArray("choices")
        .addObject()
        .putObject("message")
        .put("role", "assistant")
        .put("content", content);
    o.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens);
    return o.toString();
  }

  /** A Responses answer. */
  static String responsesAnswer(String text, int inputTokens, int outputTokens) {
    ObjectNode o = Jsonl.MAPPER.createObjectNode();
    o.putNull("error");
    ObjectNode message = o.putArray("output").addObject().put("type", "message");
    message.putArray("content").addObject().put("type", "output_text").put("text", text);
    o.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
    return o.toString();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** The answer a fake chat server gives: a patch naming the instance it was asked about. */
  public static MockResponse patchFor(RecordedRequest request) {
    return json(200, chatAnswer("<patch>fix " + instanceOf(request) + "</patch>", 100, 10));
  }

  /** The instance id a request's prompt names (see {@link #prompt}). */
  static String instanceOf(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    int at = body.indexOf("Task for ");
    return at < 0 ? "?" : body.substring(at + "Task for ".length(), body.indexOf("\\n", at));
  }

  static JsonNode body(RecordedRequest request) {
    try {
      return Jsonl.MAPPER.readTree(request.getBody().utf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A model table file with a chat model {@code test-chat} (cl100k, 1e-6 / 2e-6 USD per token). */
  public static Path modelsFile(Path dir, String extraJsonEntries) {
    Path file = dir.resolve("models.json");
    write(
        file,
        "{\"test-chat\": {\"api\": \"chat\", \"temperature\": 0, \"top_p\": 0.95, \"n\": 1,"
            + " \"context_limit\": 100000, \"cost_per_input_token\": 1e-6, \"cost_per_output_token\": 2e-6,"
            + " \"encoding\": \"cl100k_base\", \"sampling_params\": [\"temperature\", \"top_p\"]}"
            + (extraJsonEntries.isEmpty() ? "" : ", " + extraJsonEntries)
            + "}");
    return file;
  }

  /**
   * Options for a run in {@code root} against {@code baseUrl}: millisecond back-off, no real
   * sleeping, seeded jitter.
   */
  static RunApiOptions.Builder options(Path root, String baseUrl, String... keys) {
    return RunApiOptions.builder()
        .dataPaths(new DataPaths(root))
        .environment(new ApiEnvironment(List.of(keys), baseUrl))
        .timeout(Duration.ofSeconds(5))
        .backoff(Duration.ofMillis(1), Duration.ofMillis(4))
        .random(new Random(42))
        .sleeper(d -> {})
        .maxWorkers(1);
  }

  /**
   * {@code editbench args…} in a child JVM with the test class path, in {@code dir}, its output in
   * {@code dir/name.out} and {@code .err}; the API variables of this process are replaced by {@code
   * env}.
   */
  public static Process childEditbench(
      Path dir, String name, Map<String, String> env, List<String> args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "org.editbench.cli.Main"));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile());
    Map<String, String> environment = builder.environment();
    for (Provider provider : Provider.values()) {
      Stream.of(provider.keysVariable(), provider.keyVariable(), provider.baseUrlVariable())
          .forEach(environment::remove);
    }
    environment.remove("EDITBENCH_HOME");
    environment.putAll(env);
    return builder.start();
  }
}
