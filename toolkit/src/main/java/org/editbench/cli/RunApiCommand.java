package org.editbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.editbench.EditBench;
import org.editbench.inference.ApiEnvironment;
import org.editbench.inference.Combination;
import org.editbench.inference.ConsoleRunObserver;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunObserver;
import org.editbench.inference.RunReport;
import org.editbench.inference.RunStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editbench run-api}: the reference's {@code run_api} options, plus retries, model table and
 * results folder.
 */
@Command(
    name = "run-api",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run models over infbench files through OpenAI-compatible APIs (or the offline 'gold' model).",
      "One prediction file per dataset x model x run_id. Runs resume: instances already answered are skipped, "
          + "failures worth retrying are asked again."
    },
    footerHeading = "%nOutput:%n",
    footer = {
      "experiment_results/{model}/T={temperature}/n={n}/{dataset_stem}.jsonl, one JSON object a line: "
          + "instance_id, model_name, temperature, top_p, n, prompt (as sent), full_output, model_patch, "
          + "cost (USD), response_time (s); a failure has full_output and model_patch null, status \"failed\" and "
          + "error. "
          + "'Max retries (N) exceeded' and HTTP 401/403/404 failures are asked again by the next run; other "
          + "failures are final. Statistics and summaries go to standard output, progress to standard error.",
      "",
      "Batch runs (--batch):",
      "The requests go to the provider's batch API (OpenAI Batch API for chat and responses models, "
          + "Anthropic Message Batches for api \"anthropic\"), split into batches of at most 50,000 requests "
          + "and 200 MB (Anthropic: 100,000 and 256 MB), answered within 24 hours at the batch price (the model "
          + "table's batch_discount, default 0.5). Submitted batches are recorded in the hidden "
          + ".{output}.batches.json beside the output: running the same command again, even after a kill, "
          + "collects them instead of submitting again. response_time is the batch's time from creation to "
          + "its end. Failures worth retrying go into a new batch, at most --max-retries times. See also "
          + "'editbench batch status' and 'editbench batch cancel'.",
      "",
      "Environment:",
      "  OPENAI_KEYS (comma-separated) or OPENAI_KEY   API keys; request i uses key i mod k",
      "  BASE_URL                                      API base (default https://api.openai.com/v1)",
      "  ANTHROPIC_KEYS or ANTHROPIC_API_KEY           keys of the models whose api is \"anthropic\"",
      "  ANTHROPIC_BASE_URL                            their API base (default https://api.anthropic.com)",
      "  EDITBENCH_HOME                                root of crawled_data/ and experiment_results/",
      "The keys and BASE_URL are also read from a .env file in the working directory.",
      "",
      "Exit codes: 0 run finished (failed instances are recorded, see the summary); 1 I/O error, the output "
          + "file locked by another run or the infbench file still being written, or a run stopped early "
          + "(every key refused, or the server unreachable); 2 bad option or input data; 3 the run asked "
          + "and no request succeeded (answering nonsense: the same command asks them again)."
    })
public final class RunApiCommand implements Callable<Integer> {
  /** The exit code of a run that asked and got no answer at all. */
  static final int NONE_SUCCEEDED = 3;

  @Option(
      names = {"--dataset_name", "--dataset-name"},
      arity = "1..*",
      paramLabel = "NAME",
      defaultValue = "all",
      description =
          "'all', 'owner/repo', any other NAME, or a .jsonl path; one or more. NAME reads "
              + "crawled_data/infbench/NAME-task-instances_{run_id}.jsonl ('/' as '-': 'owner/repo' reads "
              + "owner-repo-task-instances_{run_id}.jsonl); a .jsonl path is read as it is, once, whatever "
              + "--run_id says. Default: ${DEFAULT-VALUE}.")
  List<String> datasetNames;

  @Option(
      names = "--model",
      arity = "1..*",
      required = true,
      paramLabel = "MODEL",
      description =
          "Model name(s) from the model table: gpt-5-codex, claude-sonnet-4-5-20250929, deepseek-v3.2, "
              + "qwen3-235b-a22b, gemini-2.5-pro, gpt-4.1, gold (offline: answers with the ground truth, free), "
              + "last-step (offline baseline: answers with the history's last step); more with --models.")
  List<String> models;

  @Option(
      names = {"--run_id", "--run-id"},
      arity = "1..*",
      paramLabel = "RUN_ID",
      defaultValue = "0.2",
      description =
          "Run id(s): any whose infbench file exists (0.2, 0.2_bm25_5, ...). Default: ${DEFAULT-VALUE}.")
  List<String> runIds;

  @Option(
      names = {"--sampled_ids_file", "--sampled-ids-file"},
      paramLabel = "FILE",
      description =
          "JSON file {\"sampled_instance_ids\": [...]}: run only these instances (each must be in every "
              + "dataset). Default: all instances.")
  Path sampledIdsFile;

  @Option(
      names = {"--max_workers", "--max-workers"},
      paramLabel = "N",
      defaultValue = "10",
      description = "Concurrent requests. Default: ${DEFAULT-VALUE}.")
  int maxWorkers;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = "Limit for one request, answer body included. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds;

  @Option(
      names = {"--max-retries", "--max_retries"},
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Retries of a request after a rate limit (429), server error (5xx), connection failure, "
              + "timeout or unreadable answer, with exponential back-off and jitter, honouring Retry-After. "
              + "Default: ${DEFAULT-VALUE}.")
  int maxRetries;

  @Option(
      names = "--models",
      paramLabel = "FILE",
      description =
          "JSON model table that adds or overrides models, e.g. {\"my-model\": {\"api\": \"chat\", "
              + "\"temperature\": 0, \"top_p\": 0.95, \"n\": 1, \"context_limit\": 128000, \"cost_per_input_token\": "
              + "2e-6, \"cost_per_output_token\": 8e-6, \"encoding\": \"cl100k_base\", \"batch_discount\": 0.5, "
              + "\"max_tokens\": 8192, \"sampling_params\": [\"temperature\", \"top_p\"]}}. api is chat, "
              + "responses or anthropic, or the offline gold or last-step; max_tokens is sent to Anthropic only; "
              + "sampling_params names the parameters the API accepts.")
  Path modelsFile;

  @Option(
      names = {"--results-dir", "--results_dir"},
      paramLabel = "DIR",
      description =
          "Where predictions go. Default: experiment_results under $EDITBENCH_HOME or the working directory.")
  Path resultsDir;

  @Option(
      names = "--batch",
      description =
          "Send the requests through the provider's batch API: half the price, no client-side rate "
              + "limits, answers within 24 hours. Waits and collects unless --no-wait.")
  boolean batch;

  @Option(
      names = "--no-wait",
      description =
          "With --batch: submit (and collect batches that already ended), then return; run the same "
              + "command again later to collect.")
  boolean noWait;

  @Option(
      names = "--poll-interval",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "With --batch: the first wait between looks at running batches; it grows by half while "
              + "nothing changes, up to 120 s. Default: ${DEFAULT-VALUE}.")
  int pollSeconds;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ApiEnvironment environment = ApiEnvironment.fromProcess();
    RunApiOptions options =
        RunApiOptions.builder()
            .datasetNames(datasetNames)
            .models(models)
            .runIds(runIds)
            .sampledIdsFile(sampledIdsFile)
            .maxWorkers(maxWorkers)
            .timeout(Duration.ofSeconds(timeoutSeconds))
            .maxRetries(maxRetries)
            .modelsFile(modelsFile)
            .resultsDir(resultsDir)
            .environment(environment)
            .batch(batch)
            .waitForBatches(!noWait)
            .pollInterval(
                Duration.ofSeconds(pollSeconds), Duration.ofSeconds(Math.max(pollSeconds, 120)))
            .build();
    if (noWait && !batch) {
      throw new IllegalArgumentException("--no-wait is for batch runs: add --batch");
    }
    // Said once the run's checks have passed (planned), so that a mistake is the first line the
    // user reads; where requests go only when some model sends any.
    RunObserver header =
        new RunObserver() {
          @Override
          public void planned(List<Combination> combinations, int instances) {
            boolean online = combinations.stream().anyMatch(c -> !c.model().api().offline());
            out.println(
                "run-api: "
                    + (batch ? "batch API" + (noWait ? ", submit without waiting" : "") + ", " : "")
                    + options.maxWorkers()
                    + " workers, timeout "
                    + timeoutSeconds
                    + " s, max retries "
                    + maxRetries
                    + (online ? "; " + RunReport.environmentLine(environment) : ""));
          }
        };
    ConsoleRunObserver console = new ConsoleRunObserver(out, err, Terminal.isStandardError());
    List<RunStats> stats =
        EditBench.runApi(
            options,
            StopNotice.tracking(console),
            StopNotice.observing(RunObserver.all(header, console)));
    int succeeded = stats.stream().mapToInt(RunStats::succeeded).sum();
    int failed = stats.stream().mapToInt(RunStats::failed).sum();
    if (succeeded == 0 && failed > 0) {
      // Every request failed: a script must not take this run for one that did its work.
      err.println(
          "error: none of the "
              + failed
              + " request(s) this run made succeeded (their errors are warned of above and"
              + " recorded in the output files); check BASE_URL, the network and the model, then"
              + " run the same command again: it asks them again");
      return NONE_SUCCEEDED;
    }
    return 0;
  }
}
