package org.editbench.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.editbench.EditBench;
import org.editbench.core.DataPaths;
import org.editbench.core.Reporter;
import org.editbench.inference.ApiEnvironment;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunObserver;
import org.editbench.inference.RunStats;

/**
 * The batch figures of the README: 20,000 requests read, filtered, encoded, uploaded, polled,
 * downloaded and written by {@code run-api --batch} against a fake OpenAI Batch API in a child JVM
 * (127.0.0.1 only), beside the offline gold model over the same file in the same process (the
 * baseline: reading, token counting and writing, no HTTP). Prints wall time and peak heap of each.
 * Run it with {@code bench/batch.sh}.
 */
public final class BatchBenchmark {
  private static final int REQUESTS = 20_000;

  private BatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--serve")) {
      serve();
      return;
    }
    Path work = Files.createTempDirectory("batch-bench");
    Process server = RunApiBenchmark.startServer(BatchBenchmark.class);
    try {
      String baseUrl = "http://127.0.0.1:" + RunApiBenchmark.readPort(server) + "/v1";
      Path infbench = work.resolve("all-task-instances_0.2.jsonl");
      StringBuilder lines = new StringBuilder();
      String context =
          "1 def f(x):\\n2     return x + 1\\n"
              .repeat(20); // ~0.7 KB of code context, as bench/run-api.sh
      for (int i = 0; i < REQUESTS; i++) {
        lines
            .append("{\"instance_id\": \"o__r-pull-")
            .append(i)
            .append("\", \"repo\": \"o/r\", \"prompt\": \"You are an")
            .append(" engineer.\\n<code>\\n[start of f.py]\\n")
            .append(context)
            .append("[end of f.py]\\n</code>\\nFix it.\",")
            .append(" \"ground_truth\": \"diff --git a/f.py b/f.py\\n\"}\n");
      }
      Files.writeString(infbench, lines);
      Path models = work.resolve("models.json");
      Files.writeString(
          models,
          "{\"bench-chat\": {\"api\": \"chat\", \"temperature\": 0, \"top_p\": 0.95, \"n\": 1,"
              + " \"encoding\": \"cl100k_base\", \"sampling_params\": [\"temperature\", \"top_p\"],"
              + " \"context_limit\": 128000, \"cost_per_input_token\": 2e-6, \"cost_per_output_token\": 8e-6}}");
      RunApiOptions.Builder options =
          RunApiOptions.builder()
              .dataPaths(new DataPaths(work))
              .datasetNames(infbench.toString())
              .modelsFile(models)
              .environment(new ApiEnvironment(List.of("sk-bench-0000000000000000"), baseUrl))
              .pollInterval(Duration.ofMillis(50), Duration.ofMillis(50));
      measure("gold (baseline)", options.models("gold").resultsDir(work.resolve("gold")).build());
      measure(
          "batch",
          options.models("bench-chat").batch(true).resultsDir(work.resolve("batch")).build());
    } finally {
      server.getOutputStream().close();
      server.destroy();
      server.waitFor();
      RunApiBenchmark.deleteTree(work);
    }
  }

  private static void measure(String label, RunApiOptions options) {
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    List<String> steps = new ArrayList<>();
    Reporter timed =
        new Reporter() {
          @Override
          public void warn(String message) {
            info("warning: " + message);
          }

          @Override
          public void info(String message) {
            steps.add(
                String.format(
                    Locale.ROOT, "  %6.2f s  %s", (System.nanoTime() - start) / 1e9, message));
          }
        };
    RunStats stats = EditBench.runApi(options, timed, RunObserver.NONE).get(0);
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    if (stats.succeeded() != REQUESTS) {
      throw new IllegalStateException(
          label + ": only " + stats.succeeded() + " of " + REQUESTS + " succeeded");
    }
    System.out.printf(
        Locale.ROOT,
        "%-16s %d requests: %.2f s wall, peak heap %d MB (max heap %d MB), cost $%.4f%n",
        label,
        REQUESTS,
        seconds,
        peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        stats.cost());
    steps.forEach(System.out::println);
  }

  /**
   * A fake OpenAI Files + Batch API: keeps each uploaded file's custom_ids, steps a batch through
   * validating, in_progress and completed on three status reads, and streams an output file of chat
   * answers. No per-request work beyond one line in and one line out.
   */
  private static void serve() throws IOException {
    Map<String, List<String>> uploads = new ConcurrentHashMap<>();
    Map<String, String> batchFile = new ConcurrentHashMap<>();
    Map<String, Integer> reads = new ConcurrentHashMap<>();
    AtomicInteger ids = new AtomicInteger();
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/v1/files",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          if (exchange.getRequestMethod().equals("POST")) {
            List<String> customIds = new ArrayList<>();
            try (BufferedReader in =
                new BufferedReader(
                    new InputStreamReader(exchange.getRequestBody(), StandardCharsets.UTF_8),
                    1 << 16)) {
              String line;
              while ((line = in.readLine()) != null) {
                if (line.startsWith("{\"custom_id\": \"")) {
                  customIds.add(line.substring(15, line.indexOf('"', 15)));
                }
              }
            }
            String id = "file-" + ids.incrementAndGet();
            uploads.put(id, customIds);
            reply(
                exchange, "{\"id\": \"" + id + "\", \"object\": \"file\", \"purpose\": \"batch\"}");
            return;
          }
          String fileId =
              path.substring("/v1/files/".length(), path.length() - "/content".length());
          List<String> customIds = uploads.get(fileId.replace("-out", ""));
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
            for (String customId : customIds) {
              out.write(
                  ("{\"id\": \"r\", \"custom_id\": \""
                          + customId
                          + "\", \"response\": {\"status_code\": 200, \"body\":"
                          + " {\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"<patch>\\ndiff --git a/f.py"
                          + " b/f.py\\n</patch>\"}}], \"usage\": {\"prompt_tokens\": 300, \"completion_tokens\": 40}}},"
                          + " \"error\": null}\n")
                      .getBytes(StandardCharsets.UTF_8));
            }
          }
        });
    server.createContext(
        "/v1/batches",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          if (exchange.getRequestMethod().equals("POST")) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int at = body.indexOf("\"input_file_id\":\"") + "\"input_file_id\":\"".length();
            String id = "batch_" + ids.incrementAndGet();
            batchFile.put(id, body.substring(at, body.indexOf('"', at)));
            reply(exchange, batch(id, batchFile.get(id), "validating"));
            return;
          }
          String id = path.substring("/v1/batches/".length());
          int read = reads.merge(id, 1, Integer::sum);
          reply(exchange, batch(id, batchFile.get(id), read == 1 ? "in_progress" : "completed"));
        });
    server.start();
    RunApiBenchmark.serveUntilTheParentGoes(server);
  }

  private static String batch(String id, String inputFile, String status) {
    return "{\"id\": \""
        + id
        + "\", \"object\": \"batch\", \"status\": \""
        + status
        + "\", \"input_file_id\": \""
        + inputFile
        + "\", \"created_at\": 1700000000, \"completed_at\": "
        + (status.equals("completed") ? "1700000100" : "null")
        + ", \"output_file_id\": "
        + (status.equals("completed") ? "\"" + inputFile + "-out\"" : "null")
        + ", \"error_file_id\": null, \"request_counts\": {\"total\": "
        + REQUESTS
        + ", \"completed\": "
        + (status.equals("completed") ? REQUESTS : 0)
        + ", \"failed\": 0}}";
  }

  private static void reply(HttpExchange exchange, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
