package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.editbench.core.OutputLockedException;
import org.editbench.core.RecordingReporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in child JVMs against a fake OpenAI server in this one: killed with {@code kill -9} in
 * the middle of a run and resumed, two processes on one output file, and API keys never written
 * whole.
 */
class RunApiProcessTest {
  private static final String KEY = "sk-child-0123456789abcdef";

  @TempDir Path root;
  private MockWebServer server;
  private final List<Process> children = new ArrayList<>();
  private Path infbench;
  private Path results;
  private Path models;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    infbench =
        Fixtures.infbench(root.resolve("in/all-task-instances_0.2.jsonl"), Fixtures.ids(300));
    results = root.resolve("results");
    models = Fixtures.modelsFile(root, "");
  }

  @AfterEach
  void tearDown() {
    children.forEach(Process::destroyForcibly);
    server.close();
  }

  private void serve(Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer.apply(request);
          }
        });
  }

  /** Answers like a model that takes {@code millis} per request. */
  private void serveSlowly(long millis) {
    serve(
        request -> {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Fixtures.patchFor(request);
        });
  }

  /**
   * {@code editbench run-api} in a child JVM with the test class path; output to files in {@code
   * root}.
   */
  private Process runApi(String name, Map<String, String> env, String... extraArgs)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run-api",
                "--dataset_name",
                infbench.toString(),
                "--model",
                "test-chat",
                "--models",
                models.toString(),
                "--results-dir",
                results.toString(),
                "--max_workers",
                "4",
                "--timeout",
                "30"));
    args.addAll(List.of(extraArgs));
    Map<String, String> environment =
        new HashMap<>(Map.of("BASE_URL", server.url("/v1").toString(), "OPENAI_KEY", KEY));
    environment.putAll(env);
    Process process = Fixtures.childEditbench(root, name, environment, args);
    children.add(process);
    return process;
  }

  private Path output() {
    return results.resolve("test-chat/T=0/n=1/all-task-instances_0.2.jsonl");
  }

  private long lineCount() throws IOException {
    if (!Files.exists(output())) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(output(), StandardCharsets.ISO_8859_1)) {
      return lines.count();
    }
  }

  /**
   * Waits until the output has {@code lines} lines, failing if the child ends first or it takes too
   * long.
   */
  private void awaitLines(Process child, long lines) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lineCount() < lines) {
      assertTrue(child.isAlive(), "the child ended early: " + read(root.resolve("run1.err")));
      assertTrue(System.nanoTime() < deadline, "no progress");
      Thread.sleep(2);
    }
  }

  private String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void killedMidRunAndResumedEachInstanceEndsWithExactlyOneRecord() throws Exception {
    serveSlowly(15);
    Process first = runApi("run1", Map.of());
    awaitLines(first, 40);
    first.destroyForcibly().waitFor();
    long afterFirst = lineCount();
    assertTrue(afterFirst < 300, "killed in the middle: " + afterFirst);

    Process second = runApi("run2", Map.of());
    awaitLines(second, afterFirst + 60);
    second.destroyForcibly().waitFor();
    assertTrue(lineCount() < 300, "killed in the middle again: " + lineCount());

    Process third = runApi("run3", Map.of());
    assertTrue(third.waitFor(60, TimeUnit.SECONDS), "the last run finishes");
    assertEquals(0, third.exitValue(), read(root.resolve("run3.err")));

    String content = Files.readString(output());
    assertTrue(content.endsWith("\n"), "no torn last line");
    Map<String, Integer> count = new TreeMap<>();
    for (JsonNode record : Fixtures.records(output())) {
      count.merge(record.get("instance_id").asText(), 1, Integer::sum);
      assertEquals("fix " + record.get("instance_id").asText(), record.get("model_patch").asText());
    }
    assertEquals(300, count.size());
    count.forEach((id, n) -> assertEquals(1, n, id + " has " + n + " records"));
    assertTrue(
        read(root.resolve("run3.out")).contains("already done"), read(root.resolve("run3.out")));
  }

  /** The one notice line of a stopped run, checked against what the file holds. */
  private String stopNotice(String run, long newLines) throws IOException {
    String err = read(root.resolve(run + ".err"));
    List<String> notices = err.lines().filter(l -> l.startsWith("stopped by a signal")).toList();
    assertEquals(1, notices.size(), err);
    String notice = notices.get(0);
    assertTrue(
        notice.startsWith(
            "stopped by a signal: wrote "
                + newLines
                + " new record(s), whole lines only, to "
                + output()
                + "; left: "),
        notice);
    assertTrue(
        notice.endsWith(
            "; resume with: editbench run-api --dataset_name "
                + infbench
                + " --model test-chat"
                + " --models "
                + models
                + " --results-dir "
                + results
                + " --max_workers 4 --timeout 30"),
        notice);
    assertTrue(Files.readString(output()).endsWith("\n"), "whole lines only");
    return notice;
  }

  @Test
  void sigtermAndSigintStopWithOneLineSayingWhatWasWrittenWhatIsLeftAndHowToResume()
      throws Exception {
    serveSlowly(100);
    Process first = runApi("run1", Map.of());
    awaitLines(first, 10);
    first.destroy(); // SIGTERM
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    assertEquals(143, first.exitValue(), read(root.resolve("run1.err")));
    long afterFirst = lineCount();
    assertTrue(
        stopNotice("run1", afterFirst).contains(" of 300 in test-chat"),
        read(root.resolve("run1.err")));

    Process second = runApi("run2", Map.of());
    awaitLines(second, afterFirst + 10);
    assertEquals(
        0, new ProcessBuilder("kill", "-INT", String.valueOf(second.pid())).start().waitFor());
    assertTrue(second.waitFor(30, TimeUnit.SECONDS));
    assertEquals(130, second.exitValue(), read(root.resolve("run2.err")));
    assertTrue(
        stopNotice("run2", lineCount() - afterFirst)
            .contains(" of " + (300 - afterFirst) + " in test-chat"),
        read(root.resolve("run2.err")));

    Process third = runApi("run3", Map.of());
    assertTrue(third.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, third.exitValue(), read(root.resolve("run3.err")));
    assertFalse(read(root.resolve("run3.err")).contains("stopped by a signal"));
    Map<String, Integer> count = new TreeMap<>();
    for (JsonNode record : Fixtures.records(output())) {
      count.merge(record.get("instance_id").asText(), 1, Integer::sum);
    }
    assertEquals(300, count.size());
    count.forEach((id, n) -> assertEquals(1, n, id + " has " + n + " records"));
  }

  @Test
  void aSecondProcessOnTheSameOutputStopsAtOnceWithAClearMessage() throws Exception {
    serveSlowly(200); // the first run lasts at least 15 s: the second JVM starts well within it
    Process first = runApi("run1", Map.of());
    awaitLines(first, 1);

    Process second = runApi("run2", Map.of());
    assertTrue(second.waitFor(30, TimeUnit.SECONDS));
    assertEquals(1, second.exitValue());
    String err = read(root.resolve("run2.err"));
    assertTrue(
        err.contains("error: " + output() + " is being written by another editbench process"), err);

    OutputLockedException inThisJvm =
        assertThrows(
            OutputLockedException.class,
            () -> ResultFile.open(output(), Duration.ofSeconds(1), new RecordingReporter()));
    assertEquals(output(), inThisJvm.file());
    assertTrue(first.isAlive(), "the first run goes on");
  }

  @Test
  void aRunWhoseEveryRequestFailedExitsWith3AndSaysWhatToDo() throws Exception {
    infbench = Fixtures.infbench(root.resolve("in/all-task-instances_0.2.jsonl"), Fixtures.ids(6));
    serve(request -> Fixtures.json(500, "{\"error\": {\"message\": \"upstream down\"}}"));
    Process run = runApi("run1", Map.of(), "--max-retries", "0");
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    String err = read(root.resolve("run1.err"));
    assertEquals(3, run.exitValue(), err);
    assertTrue(err.contains("error: none of the 6 request(s) this run made succeeded"), err);
    assertTrue(err.contains("run the same command again: it asks them again"), err);
    assertEquals(6, Fixtures.records(output()).size(), "the failures are recorded");

    // One answer among the failures: the run did some of its work, exit 0.
    Files.delete(output());
    boolean[] answered = {false};
    serve(
        request -> {
          synchronized (answered) {
            if (!answered[0]) {
              answered[0] = true;
              return Fixtures.patchFor(request);
            }
          }
          return Fixtures.json(500, "{\"error\": {\"message\": \"upstream down\"}}");
        });
    Process partly = runApi("run2", Map.of(), "--max-retries", "0");
    assertTrue(partly.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, partly.exitValue(), read(root.resolve("run2.err")));
  }

  @Test
  void apiKeysNeverAppearWholeInFilesOrOutput() throws Exception {
    String refused = "sk-refused-AAAAAAAAAAAA1";
    String accepted = "sk-accepted-BBBBBBBBBB2";
    infbench = Fixtures.infbench(root.resolve("in/all-task-instances_0.2.jsonl"), Fixtures.ids(6));
    serve(
        request -> {
          String auth = request.getHeaders().get("Authorization");
          return auth.endsWith(refused)
              ? Fixtures.json(
                  401,
                  "{\"error\": {\"message\": \"Incorrect API key provided: " + refused + "\"}}")
              : Fixtures.patchFor(request);
        });
    Fixtures.write(root.resolve(".env"), "OPENAI_KEYS=" + refused + "," + accepted + "\n");
    Process run =
        runApi("run1", Map.of(), "--max-retries", "0"); // OPENAI_KEYS from .env beats OPENAI_KEY
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, run.exitValue(), read(root.resolve("run1.err")));

    String stdout = read(root.resolve("run1.out"));
    assertTrue(stdout.contains("API keys: 2 (sk-***AA1, sk-***BB2)"), stdout);
    List<JsonNode> records = Fixtures.records(output());
    assertEquals(6, records.size());
    assertTrue(
        records.stream()
            .anyMatch(
                r ->
                    r.path("error")
                        .asText()
                        .equals("HTTP 401: Incorrect API key provided: sk-***AA1")),
        records.toString());
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String key : List.of(refused, accepted, KEY)) {
          if (!file.getFileName().toString().equals(".env")) {
            assertFalse(text.contains(key), key + " appears in " + file);
          }
        }
      }
    }
  }
}
