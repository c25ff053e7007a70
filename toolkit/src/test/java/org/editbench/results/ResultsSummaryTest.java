package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.editbench.core.PyJson;
import org.editbench.core.RecordingReporter;
import org.editbench.core.Reporter;
import org.editbench.inference.TokenCounter;
import org.editbench.text.TerminalColumns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A handmade results folder whose summary is known by hand. */
class ResultsSummaryTest {
  private static final String PROMPT =
      "Task.\n<code>\n[start of a.py]\n1 x = 1\n2 y = 2\n3 z = 3\n4 \n[end of a.py]\n</code>";
  private static final String TRUTH =
      "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n x = 1\n-y = 2\n+y = 20\n z = 3\n";

  /** Applies, but writes 21 where the ground truth writes 20. */
  private static final String CLOSE = TRUTH.replace("+y = 20", "+y = 21");

  @TempDir Path root;
  Path results;
  Path infbench;

  @BeforeEach
  void handmadeResults() throws IOException {
    results = root.resolve("experiment_results");
    infbench = root.resolve("infbench");
    StringBuilder records = new StringBuilder();
    for (int i = 1; i <= 7; i++) {
      records
          .append("{\"instance_id\": \"i")
          .append(i)
          .append("\", \"prompt\": ")
          .append(PyJson.quote(PROMPT))
          .append(", \"ground_truth\": ")
          .append(PyJson.quote(TRUTH))
          .append("}\n");
    }
    // One more record with an empty prompt (no history, no PR text): run-api asks nothing for it.
    records.append("{\"instance_id\": \"i8\", \"prompt\": \"\", \"ground_truth\": \"\"}\n");
    write(infbench.resolve("all-task-instances_0.2.jsonl"), records.toString());
    write(
        results.resolve("m1/T=0/n=1/all-task-instances_0.2.jsonl"),
        String.join(
            "\n",
            success("i1", TRUTH, 0.5, 1.0),
            success("i2", "", 0.25, 3.0),
            failure("i3", "Max retries (5) exceeded: HTTP 429"),
            failure("i4", "HTTP 400: bad request"),
            failure("i5", "input context exceeded"),
            failure("i6", "Max retries (5) exceeded: timeout"),
            success("i6", CLOSE, 0.25, 2.0),
            "{\"torn line",
            ""));
    write(
        results.resolve("m1/T=0/n=1/all-0.2-output.json"),
        "{\"%resolved\": 33.33, \"%applied\": 66.67, \"avg_CodeBLEU\": 0.5, \"total_instances\": 7}");
    write(
        results.resolve("m1/T=0/n=1/metrics/all-task-instances_0.2.jsonl"),
        "{\"not\": \"a prediction\"}\n");
    write(
        results.resolve("team/m2/T=0.7/n=2/acme-x-task-instances_None_body_issue.jsonl"),
        failure("j1", "something else") + "\n");
    // in the model's folder, as the harness leaves gold's; without avg_CodeBLEU
    write(
        results.resolve("team/m2/acme-x-None_body_issue-output.json"),
        "{\"%resolved\": 0.0, \"%applied\": 100.0}");
  }

  @Test
  void rowsHoldTheCountsCostsTimesAndMetricsWorkedOutByHand() {
    Table summary =
        ResultsSummary.summarize(results, infbench, List.of(), List.of(), Reporter.SILENT);
    assertEquals(2, summary.rowCount());
    Row m1 = summary.row(0);
    assertEquals("m1", m1.getString(ResultsSummary.MODEL));
    assertEquals("0", m1.getString(ResultsSummary.TEMPERATURE));
    assertEquals(1, m1.getInt(ResultsSummary.N));
    assertEquals("all", m1.getString(ResultsSummary.DATASET));
    assertEquals("0.2", m1.getString(ResultsSummary.RUN_ID));
    assertEquals(0.2, m1.getDouble(ResultsSummary.INFO_RATIO));
    assertEquals(7, m1.getInt(ResultsSummary.INSTANCES), "i8's empty prompt is asked for nothing");
    assertEquals(6, m1.getInt(ResultsSummary.PREDICTIONS)); // i6's success replaces its failure
    assertEquals(3, m1.getInt(ResultsSummary.SUCCESSES));
    assertEquals(3, m1.getInt(ResultsSummary.FAILURES));
    assertEquals(1, m1.getInt(FailureKind.RETRIES_EXHAUSTED.column()));
    assertEquals(1, m1.getInt(FailureKind.REJECTED.column()));
    assertEquals(1, m1.getInt(FailureKind.CONTEXT_EXCEEDED.column()));
    assertEquals(0, m1.getInt(FailureKind.OTHER.column()));
    assertEquals(1, m1.getInt(ResultsSummary.EMPTY_PATCHES));
    assertEquals(1.0, m1.getDouble(ResultsSummary.COST_TOTAL), 1e-12);
    assertEquals(1.0 / 3, m1.getDouble(ResultsSummary.COST_MEAN), 1e-12);
    assertEquals(2.0, m1.getDouble(ResultsSummary.RESPONSE_TIME_P50), 1e-12);
    assertEquals(2.9, m1.getDouble(ResultsSummary.RESPONSE_TIME_P95), 1e-12); // 2 + 0.9 × (3 − 2)
    // Six predictions of the same prompt: mean and p95 are its token count.
    double promptTokens = TokenCounter.forEncoding("cl100k_base").count(PROMPT);
    assertEquals(promptTokens, m1.getDouble(ResultsSummary.PROMPT_TOKENS_MEAN), 1e-9);
    assertEquals(promptTokens, m1.getDouble(ResultsSummary.PROMPT_TOKENS_P95), 1e-9);
    // Scored: i1 (the truth), i2 (empty), i6 (applies, not exact).
    assertEquals(2.0 / 3, m1.getDouble(ResultsSummary.APPLIES), 1e-12);
    assertEquals(1.0 / 3, m1.getDouble(ResultsSummary.EXACT), 1e-12);
    assertEquals(2.0 / 3, m1.getDouble(ResultsSummary.FILE_HIT_RATE), 1e-12);
    // Preprocessed truth "x = 1\ny = 2\ny = 20\nz = 3" (24 chars): i6 differs in one char, i2 in
    // all.
    assertEquals((0 + 1 + 0.0417) / 3, m1.getDouble(ResultsSummary.EDIT_DISTANCE), 1e-12);
    // Tokens {x, =, 1, y, 2, 20, z, 3}; i6's {x, =, 1, y, 2, 21, z, 3} shares 7 of 9.
    assertEquals((1 + 0 + 0.7778) / 3, m1.getDouble(ResultsSummary.TOKEN_JACCARD), 1e-12);
    assertEquals(33.33, m1.getDouble(ResultsSummary.HARNESS_RESOLVED));
    assertEquals(66.67, m1.getDouble(ResultsSummary.HARNESS_APPLIED));
    assertEquals(0.5, m1.getDouble(ResultsSummary.HARNESS_CODEBLEU));

    Row m2 = summary.row(1);
    assertEquals("team/m2", m2.getString(ResultsSummary.MODEL));
    assertEquals("0.7", m2.getString(ResultsSummary.TEMPERATURE));
    assertEquals("acme-x", m2.getString(ResultsSummary.DATASET));
    assertTrue(Double.isNaN(m2.getDouble(ResultsSummary.INFO_RATIO)));
    assertTrue(summary.intColumn(ResultsSummary.INSTANCES).isMissing(1), "no infbench file");
    assertEquals(1, m2.getInt(FailureKind.OTHER.column()));
    assertTrue(Double.isNaN(m2.getDouble(ResultsSummary.APPLIES)));
    assertEquals(0.0, m2.getDouble(ResultsSummary.HARNESS_RESOLVED));
    assertEquals(100.0, m2.getDouble(ResultsSummary.HARNESS_APPLIED));
    assertTrue(Double.isNaN(m2.getDouble(ResultsSummary.HARNESS_CODEBLEU)));
  }

  @Test
  void modelsAndRunIdsFilterTheRows() {
    assertEquals(
        List.of("team/m2"),
        ResultsSummary.summarize(results, infbench, List.of("team/m2"), List.of(), Reporter.SILENT)
            .stringColumn(ResultsSummary.MODEL)
            .asList());
    assertEquals(
        List.of("m1"),
        ResultsSummary.summarize(results, infbench, List.of(), List.of("0.2"), Reporter.SILENT)
            .stringColumn(ResultsSummary.MODEL)
            .asList());
  }

  @Test
  void aResultsFolderGivenAsASymbolicLinkIsRead() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("results-link"), results);
    Table summary = ResultsSummary.summarize(link, infbench, List.of(), List.of(), Reporter.SILENT);
    assertEquals(
        ResultsSummary.summarize(results, infbench, List.of(), List.of(), Reporter.SILENT)
            .rowCount(),
        summary.rowCount());
    assertTrue(summary.rowCount() > 0);
    // Named under the link, as the user named the folder.
    assertEquals(
        link.resolve("m1/T=0/n=1/all-task-instances_0.2.jsonl"),
        PredictionFile.find(link, List.of("m1"), List.of(), Reporter.SILENT).get(0).file());
  }

  @Test
  void formatsRenderEveryRow() {
    Table summary =
        ResultsSummary.summarize(results, infbench, List.of(), List.of(), Reporter.SILENT);
    String md = SummaryFormat.MD.render(summary);
    assertTrue(md.startsWith("| model | T | n | dataset | run_id |"), md);
    assertTrue(md.contains("| m1 | 0 | 1 | all | 0.2 | 0.2 | 7 | 6 | 3 | 3 |"), md);
    String csv = SummaryFormat.CSV.render(summary);
    assertTrue(csv.contains("0.3333333333333333"), "CSV keeps full precision: " + csv);
    String html = SummaryFormat.HTML.render(summary);
    assertEquals(3, html.split("<tr>", -1).length - 1, "a header row and two rows");
    assertTrue(SummaryFormat.TEXT.render(summary).contains("team/m2"));
  }

  @Test
  void theTextTableAlignsNamesInCjkAndEmojiByTheColumnsTheyTakeInATerminal() {
    Table table =
        Table.create(
            StringColumn.create("model", "gpt-4.1", "通义千问-max", "🤖-bot", "e\u0301cole"),
            IntColumn.create("successes", 7, 12, 3, 5));
    List<String> lines = SummaryFormat.TEXT.render(table).lines().toList();
    assertEquals(6, lines.size());
    // Numbers are right-aligned, so every line ends in the same terminal column.
    assertEquals(
        List.of(23),
        lines.stream().map(TerminalColumns::of).distinct().toList(),
        String.join("\n", lines));
    assertEquals("通义千问-max  ", lines.get(3).substring(0, "通义千问-max  ".length()));
  }

  @Test
  void theTextTableFitsATerminalWithTheOverviewColumnsAndTheFileFormatsKeepEveryColumn()
      throws IOException {
    // names as long as real ones get: a dated model, a repository, a BM25 run_id
    write(
        results.resolve(
            "gpt-4.1-mini-2025-04-14/T=0/n=1/django__django-task-instances_0.2_body_issue_bm25_10.jsonl"),
        success("k1", TRUTH, 0.125, 1.5) + "\n");
    write(
        infbench.resolve("django__django-task-instances_0.2_body_issue_bm25_10.jsonl"),
        "{\"instance_id\": \"k1\", "
            + "\"prompt\": "
            + PyJson.quote(PROMPT)
            + ", \"ground_truth\": "
            + PyJson.quote(TRUTH)
            + "}\n");
    Table summary =
        ResultsSummary.summarize(results, infbench, List.of(), List.of(), Reporter.SILENT);
    assertTrue(
        widest(SummaryFormat.TEXT.render(summary)) > 200,
        "every column is far wider than a terminal");

    Table overview = ResultsSummary.overview(summary, ResultsSummary.TERMINAL_WIDTH);
    String text = SummaryFormat.TEXT.render(overview);
    assertTrue(widest(text) <= 120, text);
    assertEquals(
        List.of(
            "model",
            "T",
            "n",
            "dataset",
            "run_id",
            "instances",
            "successes",
            "failures",
            "applies",
            "exact"),
        overview.columnNames(),
        "the finer metrics, then cost and empty patches, are left out first");
    assertEquals(
        summary.rowCount() + 2, text.lines().count(), "a header, a rule and every row:\n" + text);
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "gpt-4\\.1-mini-2025-04-14  0 +1  django__django  0\\.2_body_issue_bm25_10 +1 +1 +0"
                            + " +100\\.0% +100\\.0%")),
        text);
    assertEquals(
        ResultsSummary.OVERVIEW,
        ResultsSummary.overview(summary, 1000).columnNames(),
        "a wide terminal shows the whole overview");

    String header = String.join(",", summary.columnNames());
    assertTrue(SummaryFormat.CSV.render(summary).startsWith(header + "\n"), "CSV has every column");
    assertEquals(
        summary.columnCount(),
        SummaryFormat.HTML.render(summary).split("<th>", -1).length - 1,
        "HTML has every column");
  }

  private static int widest(String text) {
    return text.lines().mapToInt(String::length).max().orElse(0);
  }

  @Test
  void scoreWritesPerInstanceMetricsBesideThePredictions() throws IOException {
    PredictionFile file =
        PredictionFile.find(results, List.of("m1"), List.of(), Reporter.SILENT).get(0);
    Scoring.ScoredFile scored =
        Scoring.writeMetrics(List.of(file), infbench, Reporter.SILENT).get(0);
    Path written = scored.metricsFile();
    assertEquals(results.resolve("m1/T=0/n=1/metrics/all-task-instances_0.2.jsonl"), written);
    // Counts and rates of what was written: the three successes scored, the three failures not.
    assertEquals(6, scored.predictions());
    assertEquals(3, scored.scored());
    assertEquals(3, scored.failed());
    assertEquals(0, scored.withoutRecord());
    assertEquals(2.0 / 3, scored.applies(), 1e-9);
    assertEquals(1.0 / 3, scored.exact(), 1e-9);
    List<String> lines = Files.readAllLines(written);
    assertEquals(3, lines.size());
    assertEquals(
        "{\"instance_id\": \"i1\", \"applied\": true, \"exact\": true, \"file_hit_rate\": 1.0, "
            + "\"normalized_edit_distance\": 0.0, \"jaccard_similarity\": 1.0, \"apply_error\": null}",
        lines.get(0));
    assertTrue(
        lines.get(1).contains("\"applied\": false")
            && lines.get(1).contains("\"apply_error\": \"empty patch\""));
    assertFalse(lines.get(2).contains("\"exact\": true"));
  }

  @Test
  void foldersRunApiDidNotMakeAreLeftOutAndSaidNotShownAsARun() throws IOException {
    String line = success("i1", TRUTH, 0.5, 1.0) + "\n";
    Path noTemperature = results.resolve("m1/T=abc/n=1/all-task-instances_0.2.jsonl");
    Path noSamples = results.resolve("m1/T=0/n=0/all-task-instances_0.2.jsonl");
    write(noTemperature, line);
    write(noSamples, line);
    RecordingReporter reporter = new RecordingReporter();
    List<PredictionFile> found = PredictionFile.find(results, List.of("m1"), List.of(), reporter);
    assertEquals(
        List.of(results.resolve("m1/T=0/n=1/all-task-instances_0.2.jsonl")),
        found.stream().map(PredictionFile::file).toList());
    for (Path file : List.of(noTemperature, noSamples)) {
      assertTrue(
          reporter.warnings.stream().anyMatch(w -> w.startsWith(file + ": left out: its folders")),
          reporter.warnings.toString());
    }

    // Files the filters leave out anyway are not warned of: another model's, another run_id's.
    RecordingReporter otherModel = new RecordingReporter();
    PredictionFile.find(results, List.of("team/m2"), List.of(), otherModel);
    RecordingReporter otherRunId = new RecordingReporter();
    PredictionFile.find(results, List.of(), List.of("None_body_issue"), otherRunId);
    for (RecordingReporter filtered : List.of(otherModel, otherRunId)) {
      assertTrue(
          filtered.warnings.stream().noneMatch(w -> w.contains(": left out: its folders")),
          filtered.warnings.toString());
    }
  }

  @Test
  void scoreLeavesOutAFileWithoutItsInfbenchFileAndScoresTheRest() {
    List<PredictionFile> all = PredictionFile.find(results, List.of(), List.of(), Reporter.SILENT);
    List<PredictionFile> unmatched =
        all.stream().filter(f -> !Files.isRegularFile(f.infbenchFile(infbench))).toList();
    assertFalse(unmatched.isEmpty(), "the fixture has a file without its infbench file");
    RecordingReporter reporter = new RecordingReporter();
    List<Scoring.ScoredFile> written = Scoring.writeMetrics(all, infbench, reporter);
    assertEquals(all.size() - unmatched.size(), written.size());
    for (PredictionFile missing : unmatched) {
      assertTrue(
          reporter.warnings.stream()
              .anyMatch(
                  w -> w.startsWith("no infbench file " + missing.infbenchFile(infbench) + " for")),
          reporter.warnings.toString());
    }
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> Scoring.writeMetrics(unmatched, infbench, Reporter.SILENT));
    assertTrue(none.getMessage().startsWith("no infbench file for any of the"), none.getMessage());
  }

  @Test
  void predictionsForInstancesTheInfbenchFileLacksAreLeftOutOfTheCountsWithAWarning()
      throws IOException {
    Path file = results.resolve("m1/T=0/n=1/all-task-instances_0.2.jsonl");
    String before = Files.readString(file);
    Files.writeString(
        file,
        before
            + success("nosuch-1", TRUTH, 0.5, 1.0)
            + "\n"
            + success("i8", TRUTH, 0.5, 1.0)
            + "\n");
    RecordingReporter reporter = new RecordingReporter();
    Table summary = ResultsSummary.summarize(results, infbench, List.of("m1"), List.of(), reporter);
    assertEquals(7, summary.intColumn(ResultsSummary.INSTANCES).get(0));
    assertEquals(6, summary.intColumn(ResultsSummary.PREDICTIONS).get(0), "as without them");
    assertEquals(3, summary.intColumn(ResultsSummary.SUCCESSES).get(0));
    assertTrue(
        reporter.warnings.contains(
            file
                + ": 2 prediction(s) for instances that "
                + infbench.resolve("all-task-instances_0.2.jsonl")
                + " does not hold, or holds with an empty prompt, left out of the counts:"
                + " nosuch-1, i8"),
        reporter.warnings.toString());
  }

  @Test
  void predictionsMadeFromAnotherPromptAreLeftOutOfTheCountsWithAWarning() throws IOException {
    Path file = results.resolve("m1/T=0/n=1/all-task-instances_0.2.jsonl");
    // i1 from a prompt whose task differs (another run's infbench file); i2 from the prompt with
    // its code block shortened to fit the model, as run-api sends it; i3 and i6 from tools that
    // blank the prompt or leave it out of their records.
    String trimmed = PROMPT.replace("2 y = 2\n3 z = 3\n4 \n", "");
    write(
        file,
        String.join(
            "\n",
            success("i1", TRUTH, 0.5, 1.0, PROMPT.replace("Task.", "Another task.")),
            success("i2", "", 0.25, 3.0, trimmed),
            success("i3", TRUTH, 0.25, 3.0, ""),
            success("i6", CLOSE, 0.25, 2.0, null),
            ""));
    RecordingReporter reporter = new RecordingReporter();
    Table summary = ResultsSummary.summarize(results, infbench, List.of("m1"), List.of(), reporter);
    assertEquals(3, summary.intColumn(ResultsSummary.PREDICTIONS).get(0), "i2, i3 and i6");
    assertEquals(2.0 / 3, summary.doubleColumn(ResultsSummary.APPLIES).get(0), 1e-9, "i3 and i6");
    Path infbenchFile = infbench.resolve("all-task-instances_0.2.jsonl");
    assertEquals(
        List.of(
            Scoring.otherPromptsWarning(
                file, infbenchFile, List.of("i1"), "left out of the counts")),
        reporter.warnings);
    assertTrue(
        reporter
            .warnings
            .get(0)
            .startsWith(
                file
                    + ": 1 prediction(s) made from prompts other than "
                    + infbenchFile
                    + "'s, left out of the counts: i1. They differ outside the code block"),
        reporter.warnings.get(0));

    // The per-prediction table shows it, unscored, and says so.
    RecordingReporter tableReporter = new RecordingReporter();
    PredictionTable table =
        PredictionTable.load(results, infbench, List.of("m1"), "0.2", tableReporter);
    assertEquals(4, table.rows().size());
    assertEquals(
        List.of(false, true, true, true),
        table.rows().stream().map(row -> row.metrics() != null).toList(),
        "i1 unscored");
    assertEquals(
        List.of("other prompt", "empty patch", "ok", "ok"),
        table.rows().stream().map(PredictionDetail::status).toList());
    assertEquals(
        List.of(Scoring.otherPromptsWarning(file, infbenchFile, List.of("i1"), "shown unscored")),
        tableReporter.warnings);
  }

  @Test
  void aMissingInfbenchFolderIsSaidOnceStoppingScoreAndLeavingSummarizeItsRunColumns() {
    Path nowhere = infbench.resolveSibling("no-such-infbench");
    List<PredictionFile> all = PredictionFile.find(results, List.of(), List.of(), Reporter.SILENT);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Scoring.writeMetrics(all, nowhere, Reporter.SILENT));
    assertTrue(
        e.getMessage().startsWith("no infbench folder " + nowhere + ": scoring reads"),
        e.getMessage());
    assertTrue(e.getMessage().contains("pass --infbench-dir"), e.getMessage());

    RecordingReporter reporter = new RecordingReporter();
    Table summary = ResultsSummary.summarize(results, nowhere, List.of(), List.of(), reporter);
    assertEquals(
        List.of(
            "no infbench folder "
                + nowhere
                + ": instances and patch metrics left empty for every file (--infbench-dir; in a"
                + " notebook, the data folder's crawled_data/infbench)"),
        reporter.warnings.stream().filter(w -> w.contains("infbench")).toList(),
        "one warning, not one per file");
    assertTrue(summary.intColumn(ResultsSummary.INSTANCES).isMissing(0));
    assertEquals(all.size(), summary.rowCount());
  }

  @Test
  void laterSummariesReuseEachFilesResultsWhileItsBytesStayTheSame() throws IOException {
    Table first =
        ResultsSummary.summarize(results, infbench, List.of("m1"), List.of(), Reporter.SILENT);
    PredictionFile file =
        PredictionFile.find(results, List.of("m1"), List.of(), Reporter.SILENT).get(0);
    Path entry = FileResultsStore.entryFile(file);
    assertEquals(results.resolve("m1/T=0/n=1/metrics/all-task-instances_0.2.results.json"), entry);
    // A stored value changed by hand shows in the next summary: it was reused, not computed again.
    String stored = Files.readString(entry);
    assertTrue(stored.contains("\"normalized_edit_distance\": 0.0,"), stored);
    Files.writeString(
        entry,
        stored.replaceFirst(
            "\"normalized_edit_distance\": 0.0,", "\"normalized_edit_distance\": 0.9,"));
    Table reused =
        ResultsSummary.summarize(results, infbench, List.of("m1"), List.of(), Reporter.SILENT);
    assertEquals(
        first.doubleColumn(ResultsSummary.APPLIES).get(0),
        reused.doubleColumn(ResultsSummary.APPLIES).get(0));
    assertEquals(
        (0.9 + 1 + 0.0417) / 3, reused.doubleColumn(ResultsSummary.EDIT_DISTANCE).get(0), 1e-9);
    // The warning about the torn line is said again when the results are reused.
    RecordingReporter reporter = new RecordingReporter();
    ResultsSummary.summarize(results, infbench, List.of("m1"), List.of(), reporter);
    assertTrue(
        reporter.warnings.stream().anyMatch(w -> w.contains("all-task-instances_0.2.jsonl:8")),
        reporter.warnings.toString());
  }

  @Test
  void changedBytesAreScoredAgainEvenWithTheOldModificationTime() throws IOException {
    ResultsSummary.summarize(results, infbench, List.of("m1"), List.of(), Reporter.SILENT);
    Path predictions = results.resolve("m1/T=0/n=1/all-task-instances_0.2.jsonl");
    var modified = Files.getLastModifiedTime(predictions);
    Files.writeString(
        predictions,
        Files.readString(predictions).replace(PyJson.quote(CLOSE), PyJson.quote(TRUTH)));
    Files.setLastModifiedTime(predictions, modified);
    Table summary =
        ResultsSummary.summarize(results, infbench, List.of("m1"), List.of(), Reporter.SILENT);
    assertEquals(
        2.0 / 3, summary.doubleColumn(ResultsSummary.EXACT).get(0), 1e-9, "i6 now matches exactly");
    // and so does an infbench file that changed
    Path infbenchFile = infbench.resolve("all-task-instances_0.2.jsonl");
    Files.writeString(infbenchFile, Files.readAllLines(infbenchFile).get(0) + "\n");
    summary =
        ResultsSummary.summarize(results, infbench, List.of("m1"), List.of(), Reporter.SILENT);
    assertEquals(1, summary.intColumn(ResultsSummary.INSTANCES).get(0));
    try (var files = Files.list(results.resolve("m1/T=0/n=1/metrics"))) {
      assertFalse(
          files.anyMatch(f -> f.getFileName().toString().endsWith(".writing")),
          "no temporary file left");
    }
  }

  private static String success(String id, String patch, double cost, double seconds) {
    return success(id, patch, cost, seconds, PROMPT);
  }

  /** A success whose record holds {@code prompt}, or no prompt when it is null. */
  private static String success(
      String id, String patch, double cost, double seconds, String prompt) {
    return "{\"instance_id\": \""
        + id
        + "\", \"model_name\": \"m1\""
        + (prompt == null ? "" : ", \"prompt\": " + PyJson.quote(prompt))
        + ", \"full_output\": \"...\", \"model_patch\": "
        + PyJson.quote(patch)
        + ", \"cost\": "
        + cost
        + ", \"response_time\": "
        + seconds
        + "}";
  }

  private static String failure(String id, String error) {
    return "{\"instance_id\": \""
        + id
        + "\", \"prompt\": "
        + PyJson.quote(PROMPT)
        + ", \"status\": \"failed\", \"error\": "
        + PyJson.quote(error)
        + "}";
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
