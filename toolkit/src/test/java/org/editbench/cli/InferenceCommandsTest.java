package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.editbench.EditBench;
import org.editbench.core.DataPaths;
import org.editbench.core.Jsonl;
import org.editbench.core.PyJson;
import org.editbench.core.Reporter;
import org.editbench.inference.RunApiOptions;
import org.editbench.inference.RunObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code editbench run-api} and {@code merge-results} in process: options, help, exit codes,
 * offline gold runs.
 */
class InferenceCommandsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /**
   * run-api's arguments for the gold model on {@code data} into {@code results}, then {@code more}.
   */
  private String[] goldOn(Path data, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run-api",
                "--model",
                "gold",
                "--dataset_name",
                data.toString(),
                "--results-dir",
                dir.resolve("results").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private Path infbench(String name, String... ids) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (String id : ids) {
      ObjectNode o = Jsonl.MAPPER.createObjectNode();
      o.put("instance_id", id)
          .put("repo", "o/r")
          .put("prompt", "system\nuser asks about " + id)
          .put("ground_truth", "diff --git a/x b/x\n+" + id + "\n");
      lines.append(PyJson.toJson(o)).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, lines);
    return file;
  }

  @Test
  void runApiHelpExplainsEveryOptionWithDefaultsAndTheOutputLayout() {
    assertEquals(0, run("run-api", "--help"));
    String help = out.toString();
    String words = help.replaceAll("\\s+", " "); // as read, whatever line a phrase wraps onto
    for (String expected :
        List.of(
            "--dataset_name, --dataset-name",
            "Default: all",
            "--model",
            "--run_id, --run-id",
            "Default: 0.2",
            "--sampled_ids_file, --sampled-ids-file",
            "--max_workers, --max-workers",
            "Default: 10",
            "--timeout",
            "Default: 600",
            "--max-retries",
            "Default: 5",
            "--models",
            "--results-dir",
            "experiment_results/{model}/T={temperature}/n={n}/{dataset_stem}.jsonl",
            "OPENAI_KEYS",
            "BASE_URL",
            ".env",
            "Exit codes")) {
      assertTrue(words.contains(expected), "help lacks " + expected + ":\n" + help);
    }
  }

  @Test
  void goldRunsOfflineWithReferenceAndKebabSpellings() throws Exception {
    Path data = infbench("mine.jsonl", "o__r-pull-1", "o__r-pull-2");
    Path results = dir.resolve("results");
    assertEquals(
        0,
        run(
            "run-api",
            "--dataset_name",
            data.toString(),
            "--model",
            "gold",
            "--run_id",
            "0.2",
            "--max_workers",
            "2",
            "--timeout",
            "5",
            "--results-dir",
            results.toString()),
        err.toString());
    Path output = results.resolve("gold/T=0/n=1/mine.jsonl");
    List<String> lines = Files.readAllLines(output);
    assertEquals(2, lines.size());
    assertTrue(
        String.join("\n", lines)
            .contains("\"model_patch\": \"diff --git a/x b/x\\n+o__r-pull-1\\n\", \"cost\": 0.0,"),
        lines.toString());
    assertTrue(out.toString().contains("instance filter statistics:"), out.toString());
    // An offline model sends nothing: no keys or base URL, and no token limit, are shown.
    assertTrue(
        out.toString().startsWith("run-api: 2 workers, timeout 5 s, max retries 5\n"),
        out.toString());
    assertTrue(out.toString().contains(", token limit none (cl100k_base)"), out.toString());
    assertTrue(out.toString().contains("  over the token limit (none): 0 before"), out.toString());
    assertTrue(
        out.toString().contains("finished gold · mine.jsonl: 2 succeeded, 0 failed, 0 skipped"),
        out.toString());
    assertTrue(err.toString().contains("gold · mine.jsonl: 2/2 (100%)"), err.toString());
    // Results of a file not named {dataset}-task-instances_{run_id}.jsonl are not summarized: said.
    assertTrue(
        err.toString()
            .contains(
                "results of mine.jsonl are named after it, but summarize, score and merge-results"
                    + " read only files named {dataset}-task-instances_{run_id}.jsonl"),
        err.toString());

    assertEquals(
        0,
        run(
            "run-api",
            "--dataset-name",
            data.toString(),
            "--model",
            "gold",
            "--run-id",
            "0.2",
            "--max-workers",
            "2",
            "--max_retries",
            "1",
            "--results_dir",
            results.toString()),
        err.toString());
    assertEquals(2, Files.readAllLines(output).size(), "resumed: nothing asked twice");
    assertTrue(out.toString().contains("already done:     2"), out.toString());
  }

  @Test
  void badOptionsAndDataExitWith2AndSayWhatToDo() throws Exception {
    assertEquals(2, run("run-api"));
    assertTrue(err.toString().contains("Missing required option: '--model"), err.toString());

    Path data = infbench("mine.jsonl", "o__r-pull-1");
    assertEquals(2, run("run-api", "--dataset_name", data.toString(), "--model", "gpt-9"));
    assertTrue(
        err.toString().contains("error: unknown model 'gpt-9'. Known models: "), err.toString());
    // A mistake is the first thing said: the run's header comes only once its checks pass.
    assertEquals("", out.toString());
    assertEquals(2, run("run-api", "--dataset_name", data.toString(), "--model", "gpt4.1"));
    assertTrue(
        err.toString().contains("error: unknown model 'gpt4.1' (did you mean gpt-4.1?). Known"),
        err.toString());

    assertEquals(
        2,
        run("run-api", "--dataset_name", data.toString(), "--model", "gold", "--max_workers", "0"));
    assertTrue(
        err.toString().contains("error: --max_workers (maxWorkers) must be at least 1, found 0"),
        err.toString());

    assertEquals(2, run("run-api", "--model", "gold", "--timeout", "soon"));
    assertTrue(err.toString().contains("Invalid value for option '--timeout'"), err.toString());

    assertEquals(
        2,
        run("run-api", "--dataset_name", dir.resolve("none.jsonl").toString(), "--model", "gold"));
    assertTrue(
        err.toString()
            .contains("error: --dataset_name " + dir.resolve("none.jsonl") + ": no such file"));

    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
    assertEquals(
        0,
        run(
            "run-api",
            "--dataset_name",
            empty.toString(),
            "--model",
            "gold",
            "--results-dir",
            dir.resolve("empty-results").toString()));
    assertTrue(
        err.toString()
            .contains(
                "warning: "
                    + empty
                    + " holds no instances (the file is empty or only blank lines): nothing to ask;"
                    + " build it with prompt-builder"),
        err.toString());

    Path broken = dir.resolve("broken.jsonl");
    Files.writeString(broken, "{\"instance_id\": \"a\", \"prompt\": \"p\\nq\"}\n{oops\n");
    assertEquals(2, run("run-api", "--dataset_name", broken.toString(), "--model", "gold"));
    assertTrue(err.toString().contains("error: " + broken + ":2: not valid JSON"), err.toString());

    Path bench = dir.resolve("bench.jsonl");
    Files.writeString(bench, "{\"instance_id\": \"a\"}\n");
    assertEquals(2, run("run-api", "--dataset_name", bench.toString(), "--model", "gold"));
    assertTrue(
        err.toString()
            .contains(bench + ": no instance has a prompt: run-api needs an infbench file"),
        err.toString());

    // an empty prompt is legitimate (no history, no requirement text): that instance is skipped,
    // the run goes on; a record without the field is skipped alike, the warning naming both
    Path partly = dir.resolve("partly-task-instances_None_body_issue.jsonl");
    Files.writeString(
        partly,
        "{\"instance_id\": \"a\", \"prompt\": \"\"}\n"
            + "{\"instance_id\": \"b\", \"prompt\": \"p\\nq\", \"ground_truth\": \"d\"}\n"
            + "{\"instance_id\": \"c\", \"ground_truth\": \"d\"}\n");
    assertEquals(
        0,
        run(
            "run-api",
            "--dataset_name",
            partly.toString(),
            "--model",
            "gold",
            "--results-dir",
            dir.resolve("partly-results").toString()));
    assertTrue(
        err.toString()
            .contains(
                "2 instance(s) with an empty or missing prompt are skipped (prompt-builder"
                    + " writes an empty one for an instance with no history and no PR or issue"
                    + " text): a, c"),
        err.toString());
    assertFalse(
        err.toString().contains("results of partly-task-instances"),
        "a file named as the harness names them needs no note: " + err);

    // Two inputs of one name would share a results file: an error, not the second left out.
    Path a = Files.createDirectories(dir.resolve("a")).resolve("x.jsonl");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("x.jsonl");
    Files.copy(data, a);
    Files.copy(data, b);
    Path sameNameResults = dir.resolve("same-name-results");
    assertEquals(
        2,
        run(
            "run-api",
            "--dataset_name",
            a.toString(),
            a.toString(),
            b.toString(),
            "--model",
            "gold",
            "--results-dir",
            sameNameResults.toString()));
    assertTrue(
        err.toString()
            .contains(
                "error: --dataset_name "
                    + a
                    + " and "
                    + b
                    + " would write the same results file "
                    + sameNameResults.resolve("gold/T=0/n=1/x.jsonl")),
        err.toString());
    assertTrue(Files.notExists(sameNameResults), "nothing ran");

    assertEquals(
        2,
        run(
            "run-api",
            "--dataset_name",
            data.toString(),
            "--model",
            "gold",
            "--models",
            dir.resolve("missing-models.json").toString()));
    assertTrue(
        err.toString().contains("missing-models.json: --models file not found"), err.toString());
  }

  @Test
  void namedDatasetsResolveUnderTheInfbenchFolderAndMissingRunIdsListTheExistingOnes()
      throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("crawled_data/infbench"));
    Files.writeString(
        home.resolve("crawled_data/infbench/django-django-task-instances_0.4.jsonl"), "");
    RunApiOptions options =
        RunApiOptions.builder()
            .dataPaths(new DataPaths(home))
            .datasetNames("django/django")
            .models("gold")
            .runIds("0.2")
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EditBench.runApi(options, Reporter.SILENT, RunObserver.NONE));
    assertTrue(
        e.getMessage()
            .contains(
                home.resolve("crawled_data/infbench/django-django-task-instances_0.2.jsonl")
                    + " does not exist. Run ids with a file for django/django: 0.4; build 0.2 with"
                    + " prompt-builder (in a notebook, buildInfbench(List.of(\"0.2\")): notebook"
                    + " 01)."),
        e.getMessage());
  }

  @Test
  void mergeResultsMergesPerRunIdAndFailsClearlyWhenThereIsNothing() throws Exception {
    Path folder = dir.resolve("results/gold/T=0/n=1");
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("b-b-task-instances_0.2.jsonl"), "{\"instance_id\": \"b__b-pull-1\"}\n");
    Files.writeString(
        folder.resolve("a-a-task-instances_0.2.jsonl"), "{\"instance_id\": \"a__a-pull-1\"}\n");
    assertEquals(
        0,
        run(
            "merge-results",
            "--model-name",
            "gold",
            "--temperature",
            "0",
            "--n",
            "1",
            "--run-id",
            "0.2",
            "--results-dir",
            dir.resolve("results").toString()),
        err.toString());
    assertEquals(
        List.of("{\"instance_id\": \"a__a-pull-1\"}", "{\"instance_id\": \"b__b-pull-1\"}"),
        Files.readAllLines(folder.resolve("all-task-instances_0.2.jsonl")));
    assertTrue(
        out.toString().contains("all-task-instances_0.2.jsonl\t2 records\t2 repositories"),
        out.toString());

    assertEquals(
        2,
        run(
            "merge-results",
            "--model_name",
            "gold",
            "--run_id",
            "0.9",
            "--results_dir",
            dir.resolve("results").toString()));
    assertTrue(err.toString().contains("error: no per-repository result files"), err.toString());
  }

  @Test
  void aCompressedDatasetANegativePollIntervalAndAFileAsResultsFolderAreSaidPlainly()
      throws Exception {
    assertEquals(
        Main.EXIT_BAD_INPUT,
        run("run-api", "--model", "gold", "--dataset_name", "all-task-instances_0.2.jsonl.gz"));
    assertTrue(
        err.toString()
            .contains(
                "error: --dataset_name all-task-instances_0.2.jsonl.gz: compressed files are not"
                    + " read; decompress it"),
        err.toString());

    Path data = infbench("mine-task-instances_0.2.jsonl", "o__r-pull-1");
    // Not negative, and not 0: the wait grows by half from it, so 0 would poll without pause.
    for (String interval : List.of("-5", "0")) {
      assertEquals(
          Main.EXIT_BAD_INPUT,
          run(
              "run-api",
              "--model",
              "gold",
              "--dataset_name",
              data.toString(),
              "--batch",
              "--poll-interval",
              interval));
      assertTrue(
          err.toString()
              .contains(
                  "error: --poll-interval must be 1 second or more (and at most the longest wait,"
                      + " 120 s), found "
                      + interval),
          err.toString());
    }

    Path file = Files.writeString(dir.resolve("results.txt"), "");
    assertEquals(Main.EXIT_BAD_INPUT, run("summarize", "--results-dir", file.toString()));
    assertTrue(
        err.toString().contains("error: " + file + " is a file; the results folder holds"),
        err.toString());
  }

  @Test
  void runIdsGivenBesideAJsonlPathAreSaidNotToApplyToIt() throws Exception {
    Path data = infbench("mine-task-instances_0.8.jsonl", "o__r-pull-1");
    assertEquals(0, run(goldOn(data, "--run_id", "0.2", "0.4")), err.toString());
    assertTrue(
        err.toString()
            .contains(
                "--run_id 0.2 0.4 does not apply to "
                    + data
                    + ": a .jsonl path is read as it is, once"),
        err.toString());
    assertTrue(Files.exists(dir.resolve("results/gold/T=0/n=1/mine-task-instances_0.8.jsonl")));
  }

  @Test
  @SuppressWarnings("try") // held open for the block: the writer's lock
  void anInfbenchFileStillBeingWrittenIsNotRead() throws Exception {
    Path data = infbench("mine-task-instances_0.2.jsonl", "o__r-pull-1");
    String[] runApi = goldOn(data);
    try (var writer =
        org.editbench.core.JsonlAppender.open(data, false, org.editbench.core.Reporter.SILENT)) {
      assertEquals(1, run(runApi), "as for a locked output: the same command succeeds later");
    }
    assertTrue(
        err.toString().contains(data + " is being written by another command"), err.toString());
    assertFalse(Files.exists(dir.resolve("results")), "nothing asked");
    assertEquals(0, run(runApi), "once the writer is done, the same command runs");
  }
}
