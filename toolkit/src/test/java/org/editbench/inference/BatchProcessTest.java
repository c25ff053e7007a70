package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.editbench.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run-api --batch} and {@code batch status} in child JVMs against the fake batch server in
 * this one: killed with {@code kill -9} after submitting, the next run collects without submitting
 * again.
 */
class BatchProcessTest {
  private static final String KEY = "sk-child-batch-0123456789";

  @TempDir Path root;
  private MockWebServer server;
  private FakeBatchServer fake;
  private final List<Process> children = new ArrayList<>();
  private Path infbench;
  private Path results;
  private Path models;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    fake = new FakeBatchServer(server);
    infbench = Fixtures.infbench(root.resolve("in/all-task-instances_0.2.jsonl"), Fixtures.ids(20));
    results = root.resolve("results");
    models = Fixtures.modelsFile(root, "");
  }

  @AfterEach
  void tearDown() {
    children.forEach(Process::destroyForcibly);
    server.close();
  }

  private Process editbench(String name, String... args) throws IOException {
    Process process =
        Fixtures.childEditbench(
            root,
            name,
            Map.of("BASE_URL", server.url("/v1").toString(), "OPENAI_KEY", KEY),
            List.of(args));
    children.add(process);
    return process;
  }

  private Process runBatch(String name) throws IOException {
    return editbench(
        name,
        "run-api",
        "--batch",
        "--poll-interval",
        "1",
        "--dataset_name",
        infbench.toString(),
        "--model",
        "test-chat",
        "--models",
        models.toString(),
        "--results-dir",
        results.toString());
  }

  private Path output() {
    return results.resolve("test-chat/T=0/n=1/all-task-instances_0.2.jsonl");
  }

  private String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void killedWhileWaitingTheNextRunCollectsWithoutSubmittingAgain() throws Exception {
    fake.frozen = true; // the batch stays "validating" until the test lets it go on
    Process first = runBatch("run1");
    Path state = BatchState.fileFor(output());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!read(state).contains("\"id\" : \"batch_")) {
      assertTrue(first.isAlive(), "the child ended early: " + read(root.resolve("run1.err")));
      assertTrue(System.nanoTime() < deadline, "no batch recorded");
      Thread.sleep(20);
    }
    first.destroyForcibly().waitFor();
    assertEquals(1, fake.calls("POST", "/v1/batches").size());
    assertTrue(Fixtures.lines(output()).isEmpty(), "nothing collected yet");

    fake.frozen = false;
    Process second = runBatch("run2");
    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second run finishes");
    assertEquals(0, second.exitValue(), read(root.resolve("run2.err")));
    assertEquals(1, fake.calls("POST", "/v1/batches").size(), "no second batch");
    assertEquals(1, fake.calls("POST", "/v1/files").size(), "no second upload");
    Map<String, Integer> count = new TreeMap<>();
    for (JsonNode record : Fixtures.records(output())) {
      count.merge(record.get("instance_id").asText(), 1, Integer::sum);
      assertEquals("fix " + record.get("instance_id").asText(), record.get("model_patch").asText());
    }
    assertEquals(20, count.size());
    count.forEach((id, n) -> assertEquals(1, n, id));
    String err = read(root.resolve("run2.err"));
    assertTrue(err.contains("batch batch_2: completed, 20/20 done"), err);
    assertTrue(err.contains("batch batch_2 collected: 20 record(s) written"), err);

    Process status = editbench("status", "batch", "status", "--results-dir", results.toString());
    assertTrue(status.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, status.exitValue(), read(root.resolve("status.err")));
    String listing = read(root.resolve("status.out"));
    assertTrue(
        listing
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("batch_2")
                        && l.contains("openai")
                        && l.contains("collected")
                        && l.contains("20/20")
                        && l.contains(output().toString())),
        listing);

    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(KEY),
            file.toString());
      }
    }
  }

  @Test
  void batchHelpFitsIn100Columns() {
    for (String[] args :
        List.of(
            new String[] {"run-api", "--help"},
            new String[] {"batch", "--help"},
            new String[] {"batch", "status", "--help"},
            new String[] {"batch", "cancel", "--help"})) {
      StringWriter text = new StringWriter();
      CommandLine cli = Main.newCommandLine();
      cli.setOut(new PrintWriter(text));
      assertEquals(0, cli.execute(args));
      text.toString()
          .lines()
          .forEach(l -> assertTrue(l.length() <= 100, String.join(" ", args) + ": " + l));
      assertTrue(
          text.toString().contains(args[args.length - 2].equals("run-api") ? "--batch" : "batch"));
    }
  }
}
