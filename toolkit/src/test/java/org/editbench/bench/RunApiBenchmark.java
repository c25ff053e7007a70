package org.editbench.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.editbench.EditBench;
import org.editbench.core.DataPaths;
import org.editbench.core.Reporter;
import org.editbench.inference.ApiEnvironment;
import org.editbench.inference.Combination;
import org.editbench.inference.Completion;
import org.editbench.inference.FilterStats;
import org.editbench.inference.ModelSpec;
import org.editbench.inference.Progress;
import org.editbench.inference.ResultFile;
import org.editbench.inference.ResultRecord;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunObserver;
import org.editbench.inference.RunStats;
import org.editbench.inference.UsageCost;

/**
 * The run-api performance figures of the README: throughput and client CPU against a local server
 * that answers after 50 ms, and resume start-up on a 100,000-record prediction file (opening it and
 * reading the prompts its finished records were asked with).
 *
 * <p>The server runs in a child JVM (so that the CPU measured here is the client's alone), binds
 * 127.0.0.1 only, and ends with this process. Every loop is bounded. Run it with {@code
 * bench/run-api.sh}.
 */
public final class RunApiBenchmark {
  private static final int DELAY_MS = 50;
  private static final int WORKERS = 64;
  private static final int REQUESTS = 2_000;
  private static final int WARM_UP_ROUNDS = 5;
  private static final int RESUME_RECORDS = 100_000;
  private static final String RESUME_PROMPT =
      "You are an engineer.\n<code>\n"
          + "1 def f(x):\n2     return x + 1\n".repeat(60)
          + "</code>\nFix it.";
  private static final double IDEAL = WORKERS * 1000.0 / DELAY_MS;
  private static final Duration SERVER_LIFETIME = Duration.ofMinutes(10);

  private RunApiBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--serve")) {
      serve();
      return;
    }
    Path work = Files.createTempDirectory("run-api-bench");
    Process server = startServer();
    try {
      String baseUrl = "http://127.0.0.1:" + readPort(server) + "/v1";
      Path models = work.resolve("models.json");
      Files.writeString(
          models,
          "{\"bench-chat\": {\"api\": \"chat\", \"temperature\": 0, \"top_p\": 0.95, \"n\": 1,"
              + " \"context_limit\": 128000, \"cost_per_input_token\": 2e-6, \"cost_per_output_token\": 8e-6}}");
      throughput(work, baseUrl, models, "cold", REQUESTS);
      for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
        throughput(
            work,
            baseUrl,
            models,
            "warm-up " + round,
            REQUESTS); // until the JIT has compiled the hot paths
      }
      bareOkHttp(baseUrl);
      throughput(work, baseUrl, models, "warm", REQUESTS);
      resumeStartup(work);
    } finally {
      server.destroy();
      server.waitFor();
      deleteTree(work);
    }
  }

  private static void throughput(Path work, String baseUrl, Path models, String label, int requests)
      throws IOException {
    Path infbench = work.resolve(label.replace(' ', '-') + "/all-task-instances_0.2.jsonl");
    Files.createDirectories(infbench.getParent());
    StringBuilder lines = new StringBuilder();
    String context = "1 def f(x):\\n2     return x + 1\\n".repeat(20); // ~0.7 KB of code context
    for (int i = 0; i < requests; i++) {
      lines
          .append("{\"instance_id\": \"o__r-pull-")
          .append(i)
          .append("\", \"repo\": \"o/r\", \"prompt\": \"You are an engineer.\\n")
          .append("<code>\\n[start of f.py]\\n")
          .append(context)
          .append("[end of f.py]\\n</code>\\nFix it.\"}\n");
    }
    Files.writeString(infbench, lines);
    RunApiOptions options =
        RunApiOptions.builder()
            .dataPaths(new DataPaths(infbench.getParent()))
            .datasetNames(infbench.toString())
            .models("bench-chat")
            .modelsFile(models)
            .maxWorkers(WORKERS)
            .timeout(Duration.ofSeconds(30))
            .environment(new ApiEnvironment(List.of("sk-bench-0000000000000000"), baseUrl))
            .build();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicReference<Progress> last = new AtomicReference<>();
    AtomicLong requestPhaseCpu = new AtomicLong();
    RunObserver observer =
        new RunObserver() {
          @Override
          public void started(Combination combination, FilterStats filter) {
            requestPhaseCpu.set(os.getProcessCpuTime()); // reading and token counting are done
          }

          @Override
          public void progress(Combination combination, Progress progress) {
            last.set(progress);
          }
        };
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    RunStats stats = EditBench.runApi(options, Reporter.SILENT, observer).get(0);
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    long end = os.getProcessCpuTime();
    double cpuMsPerRequest = (end - cpu) / 1e6 / requests;
    double requestPhaseCpuMs = (end - requestPhaseCpu.get()) / 1e6 / requests;
    if (stats.succeeded() != requests) {
      throw new IllegalStateException(
          label + ": only " + stats.succeeded() + " of " + requests + " succeeded");
    }
    double rate = last.get().ratePerSecond();
    System.out.printf(
        Locale.ROOT,
        "run-api %-9s %d requests, %d workers, server delay %d ms: %.0f req/s = %.1f %% of"
            + " %.0f req/s, client CPU %.3f ms/request; whole call with reading and token counting: %.2f s = %.1f %%,"
            + " CPU %.3f ms/request%n",
        label,
        requests,
        WORKERS,
        DELAY_MS,
        rate,
        100 * rate / IDEAL,
        IDEAL,
        requestPhaseCpuMs,
        wallSeconds,
        100 * requests / wallSeconds / IDEAL,
        cpuMsPerRequest);
  }

  private static void resumeStartup(Path work) throws IOException {
    Path file = work.resolve("resume/all-task-instances_0.2.jsonl");
    Files.createDirectories(file.getParent());
    ModelSpec model = ModelSpec.builder("bench-chat").build();
    Completion answer =
        new Completion(
            "<patch>\ndiff --git a/f.py b/f.py\n</patch>",
            new UsageCost(900, 30, 0.002),
            Duration.ofMillis(1234));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int i = 0; i < RESUME_RECORDS; i++) {
        ResultRecord record =
            i % 100 == 99
                ? ResultRecord.gaveUp(
                    "o__r-pull-" + i, model, RESUME_PROMPT, 5, "HTTP 503: overloaded")
                : ResultRecord.success("o__r-pull-" + i, model, RESUME_PROMPT, answer);
        out.write((record.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    long bytes = Files.size(file);
    double[] compacting = open(file); // 1 % retryable failures: scanned, then compacted away
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
    for (int i = 0; i < 3; i++) {
      double[] t = open(file);
      best = t[0] < best[0] ? t : best;
    }
    System.out.printf(
        Locale.ROOT,
        "resume   %d records (%.0f MB, ~%.1f KB each): start-up %.2f s (%.2f s CPU); with"
            + " 1,000 retryable failures compacted away first: %.2f s (%.2f s CPU)%n",
        RESUME_RECORDS,
        bytes / 1e6,
        bytes / 1e3 / RESUME_RECORDS,
        best[0],
        best[1],
        compacting[0],
        compacting[1]);
  }

  /**
   * Seconds of wall time and of the process's CPU to open (scan, repair, lock) a prediction file
   * and read the prompts its finished records were asked with, as a resumed run compares them with
   * the infbench file's.
   */
  private static double[] open(Path file) {
    long start = System.nanoTime();
    long cpu = processCpuNanos();
    try (ResultFile out =
        ResultFile.open(file, ResultFile.DEFAULT_FORCE_INTERVAL, Reporter.SILENT)) {
      Map<String, String> prompts = new LinkedHashMap<>();
      out.finished().forEach(id -> prompts.put(id, RESUME_PROMPT));
      ResultFile.PromptCheck check = out.askedWithOtherPrompts(prompts);
      if (check.checked() == 0 || !check.otherPrompts().isEmpty()) {
        throw new IllegalStateException("prompts not compared: " + check);
      }
    }
    return new double[] {(System.nanoTime() - start) / 1e9, (processCpuNanos() - cpu) / 1e9};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The machine's ceiling at the time: the same requests from a bare OkHttp loop, nothing else. */
  private static void bareOkHttp(String baseUrl) throws InterruptedException {
    OkHttpClient client =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(WORKERS, 5, TimeUnit.MINUTES))
            .build();
    Request request =
        new Request.Builder()
            .url(baseUrl + "/chat/completions")
            .post(
                RequestBody.create(
                    "{\"model\": \"bench-chat\"}", MediaType.get("application/json")))
            .build();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (int w = 0; w < WORKERS; w++) {
      pool.execute(
          () -> {
            while (next.getAndIncrement() < REQUESTS) {
              try (Response response = client.newCall(request).execute()) {
                response.body().string();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the baseline did not finish");
    }
    double rate = REQUESTS / ((System.nanoTime() - start) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "bare OkHttp loop, same server and workers: %.0f req/s = %.1f %% of %.0f req/s,"
            + " CPU %.3f ms/request (the machine's ceiling right now)%n",
        rate,
        100 * rate / IDEAL,
        IDEAL,
        (os.getProcessCpuTime() - cpu) / 1e6 / REQUESTS);
    client.connectionPool().evictAll();
  }

  // ---- the server (child JVM) --------------------------------------------------------------

  /**
   * An OpenAI-like chat endpoint on 127.0.0.1 that answers every request after {@value #DELAY_MS}
   * ms.
   */
  private static void serve() throws IOException {
    byte[] answer =
        ("{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"<patch>\\ndiff --git a/f.py"
                + " b/f.py\\n--- a/f.py\\n+++ b/f.py\\n@@ -1 +1 @@\\n-x\\n+y\\n</patch>\"}}], \"usage\": {\"prompt_tokens\": 300,"
                + " \"completion_tokens\": 40}}")
            .getBytes(StandardCharsets.UTF_8);
    // Without TCP_NODELAY the server's separate header and body writes meet the client's delayed
    // ACK: ~40 ms more per request, which would halve the throughput of any client.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(4 * WORKERS));
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            Thread.sleep(DELAY_MS);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            exchange.close();
          }
        });
    server.start();
    serveUntilTheParentGoes(server);
  }

  /**
   * Tells the parent {@code server}'s port, then serves until the parent closes our stdin (or
   * dies), and in any case for at most {@code SERVER_LIFETIME}.
   */
  static void serveUntilTheParentGoes(HttpServer server) throws IOException {
    System.out.println("port " + server.getAddress().getPort());
    System.out.flush();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(SERVER_LIFETIME.toMillis());
              } catch (InterruptedException ignored) {
                // stopping anyway
              }
              System.exit(0);
            });
    watchdog.setDaemon(true);
    watchdog.start();
    while (System.in.read() >= 0) {
      // the parent never writes; read() returns -1 when it goes away
    }
    System.exit(0);
  }

  private static Process startServer() throws IOException {
    return startServer(RunApiBenchmark.class);
  }

  /** {@code main} with {@code --serve} in a child JVM on this class path. */
  static Process startServer(Class<?> main) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                "--serve"));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  static int readPort(Process server) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || !line.startsWith("port ")) {
      throw new IllegalStateException("the benchmark server did not start: " + line);
    }
    return Integer.parseInt(line.substring("port ".length()));
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
