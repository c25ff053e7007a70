package org.editbench.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.editbench.core.DataFormatException;
import org.editbench.core.Reporter;
import org.editbench.infbench.RunId;
import org.editbench.inference.ModelSpec;
import org.editbench.inference.ModelTable;
import org.editbench.text.TerminalColumns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The summary of a results folder as one Tablesaw {@link Table}: a row per model × T × n × dataset
 * × run_id (per prediction file). Numbers that cannot be known are missing values (Tablesaw's NaN
 * for doubles): a mean over no predictions, the instances of a missing infbench file, harness
 * figures without a harness report.
 */
public final class ResultsSummary {
  public static final String MODEL = "model";
  public static final String TEMPERATURE = "T";
  public static final String N = "n";
  public static final String DATASET = "dataset";
  public static final String RUN_ID = "run_id";

  /** The run_id's info ratio; missing for {@code None} run_ids. */
  public static final String INFO_RATIO = "info_ratio";

  /**
   * Records in the infbench file the predictions were made from, less those with an empty prompt
   * (no history and no PR text, as None_body_issue has some), which run-api does not ask.
   */
  public static final String INSTANCES = "instances";

  /** Instances with a record in the prediction file (a success wins over earlier failures). */
  public static final String PREDICTIONS = "predictions";

  public static final String SUCCESSES = "successes";
  public static final String FAILURES = "failures";

  /** Successes whose patch is missing or blank. */
  public static final String EMPTY_PATCHES = "empty_patches";

  public static final String COST_TOTAL = "cost_total";

  /** Mean cost of a success (failures cost nothing that run-api records). */
  public static final String COST_MEAN = "cost_mean";

  /**
   * Tokens of the prompt as sent, counted with the model's encoding (cl100k_base for unknown
   * models).
   */
  public static final String PROMPT_TOKENS_MEAN = "prompt_tokens_mean";

  public static final String PROMPT_TOKENS_P95 = "prompt_tokens_p95";

  /** Seconds per success; percentiles interpolate linearly, as numpy's default. */
  public static final String RESPONSE_TIME_P50 = "response_time_p50";

  public static final String RESPONSE_TIME_P95 = "response_time_p95";
  // The columns of the offline metrics, one per {@link Metric}, each the metric's aggregate over
  // the
  // scored predictions (successes with an infbench record); named here for the callers that pick
  // one.
  public static final String APPLIES = Metric.APPLIES.column();
  public static final String EXACT = Metric.EXACT.column();
  public static final String FILE_HIT_RATE = Metric.FILE_HIT_RATE.column();
  public static final String EDIT_DISTANCE = Metric.EDIT_DISTANCE.column();
  public static final String TOKEN_JACCARD = Metric.TOKEN_JACCARD.column();

  /** From the harness report, when there is one. */
  public static final String HARNESS_RESOLVED = "harness_pct_resolved";

  public static final String HARNESS_APPLIED = "harness_pct_applied";
  public static final String HARNESS_CODEBLEU = "harness_avg_codebleu";

  /** The columns for a first look: who ran what, how it went, and the offline metrics. */
  public static final List<String> OVERVIEW =
      Stream.concat(
              Stream.of(
                  MODEL,
                  TEMPERATURE,
                  N,
                  DATASET,
                  RUN_ID,
                  INSTANCES,
                  SUCCESSES,
                  FAILURES,
                  EMPTY_PATCHES,
                  COST_TOTAL),
              Metric.columns().stream())
          .toList();

  /** The width the CLI's text tables fit by default: a wide terminal. */
  public static final int TERMINAL_WIDTH = 120;

  /**
   * The {@link #OVERVIEW} columns a narrow table leaves out, first to last; the others always stay:
   * the finer metrics (all but applies and exact, the last defined first), then empty_patches,
   * cost_total, failures, instances, and exact.
   */
  private static final List<String> LEFT_OUT_FIRST = leftOutFirst();

  private ResultsSummary() {}

  /**
   * The summary of every prediction file under {@code resultsDir} (only the given models and
   * run_ids when not empty). Each file's figures come from {@link FileResultsStore}: computed for
   * files that changed since they were last scored or summarized, reused for the others.
   */
  public static Table summarize(
      Path resultsDir,
      Path infbenchDir,
      Collection<String> models,
      Collection<String> runIds,
      Reporter reporter) {
    List<PredictionFile> files = PredictionFile.find(resultsDir, models, runIds, reporter);
    List<FileResults> results = FileResultsStore.results(files, infbenchDir, encodings(), reporter);
    Columns columns = new Columns(Metric.ALL);
    boolean noInfbenchFolder = !Files.isDirectory(infbenchDir);
    if (noInfbenchFolder && !files.isEmpty()) {
      reporter.warn(
          "no infbench folder "
              + infbenchDir
              + ": instances and patch metrics left empty for every file (--infbench-dir; in a"
              + " notebook, the data folder's crawled_data/infbench)");
    }
    for (int i = 0; i < files.size(); i++) {
      PredictionFile file = files.get(i);
      if (results.get(i).instances() == null && !noInfbenchFolder) {
        reporter.warn(
            "no infbench file "
                + file.infbenchFile(infbenchDir)
                + " for "
                + file.file()
                + ": instances and patch metrics left empty");
      }
      columns.add(file, results.get(i), harnessReport(file, resultsDir, reporter));
    }
    return columns.table();
  }

  /** The token encoding of each file's model: the model table's, else {@code cl100k_base}. */
  static Function<PredictionFile, String> encodings() {
    ModelTable modelTable = ModelTable.builtIn();
    return file ->
        modelTable.names().contains(file.model())
            ? modelTable.require(file.model()).encoding()
            : ModelSpec.DEFAULT_ENCODING;
  }

  /**
   * The {@link #OVERVIEW} columns of {@code summary} that fit in {@code width} characters as {@link
   * SummaryFormat#TEXT} prints them: the finer metrics are left out first (token_jaccard,
   * edit_distance, file_hit_rate, then empty_patches, cost_total, failures, instances, exact);
   * model, T, n, dataset, run_id, successes and applies always stay, however wide they are.
   */
  public static Table overview(Table summary, int width) {
    List<String> columns =
        new ArrayList<>(OVERVIEW.stream().filter(summary::containsColumn).toList());
    Table shown = summary.selectColumns(columns.toArray(String[]::new));
    for (Iterator<String> leaveOut = LEFT_OUT_FIRST.iterator();
        widest(shown) > width && leaveOut.hasNext(); ) {
      columns.remove(leaveOut.next());
      shown = summary.selectColumns(columns.toArray(String[]::new));
    }
    return shown;
  }

  private static List<String> leftOutFirst() {
    List<String> finer = new ArrayList<>(Metric.columns());
    finer.removeAll(List.of(APPLIES, EXACT));
    Collections.reverse(finer);
    return Stream.concat(
            finer.stream(), Stream.of(EMPTY_PATCHES, COST_TOTAL, FAILURES, INSTANCES, EXACT))
        .toList();
  }

  private static int widest(Table table) {
    return SummaryFormat.TEXT.render(table).lines().mapToInt(TerminalColumns::of).max().orElse(0);
  }

  /**
   * The harness report of a prediction file, if it has one that can be read; one that cannot is
   * reported.
   */
  private static HarnessReport harnessReport(
      PredictionFile file, Path resultsDir, Reporter reporter) {
    try {
      return HarnessReport.find(file, resultsDir).orElse(null);
    } catch (DataFormatException e) {
      reporter.warn(e.getMessage() + "; harness figures left empty");
      return null;
    }
  }

  /** The columns, filled a row at a time; a column per metric, in the order given. */
  static final class Columns {
    final StringColumn model = StringColumn.create(MODEL);
    final StringColumn temperature = StringColumn.create(TEMPERATURE);
    final IntColumn n = IntColumn.create(N);
    final StringColumn dataset = StringColumn.create(DATASET);
    final StringColumn runId = StringColumn.create(RUN_ID);
    final DoubleColumn infoRatio = DoubleColumn.create(INFO_RATIO);
    final IntColumn instances = IntColumn.create(INSTANCES);
    final IntColumn predictions = IntColumn.create(PREDICTIONS);
    final IntColumn successes = IntColumn.create(SUCCESSES);
    final IntColumn failures = IntColumn.create(FAILURES);
    final Map<FailureKind, IntColumn> failuresByKind = new EnumMap<>(FailureKind.class);
    final IntColumn emptyPatches = IntColumn.create(EMPTY_PATCHES);
    final DoubleColumn costTotal = DoubleColumn.create(COST_TOTAL);
    final DoubleColumn costMean = DoubleColumn.create(COST_MEAN);
    final DoubleColumn promptTokensMean = DoubleColumn.create(PROMPT_TOKENS_MEAN);
    final DoubleColumn promptTokensP95 = DoubleColumn.create(PROMPT_TOKENS_P95);
    final DoubleColumn responseP50 = DoubleColumn.create(RESPONSE_TIME_P50);
    final DoubleColumn responseP95 = DoubleColumn.create(RESPONSE_TIME_P95);
    final Map<Metric, DoubleColumn> metrics = new LinkedHashMap<>();
    final DoubleColumn harnessResolved = DoubleColumn.create(HARNESS_RESOLVED);
    final DoubleColumn harnessApplied = DoubleColumn.create(HARNESS_APPLIED);
    final DoubleColumn harnessCodeBleu = DoubleColumn.create(HARNESS_CODEBLEU);

    Columns(List<Metric> metricsShown) {
      for (FailureKind kind : FailureKind.values()) {
        failuresByKind.put(kind, IntColumn.create(kind.column()));
      }
      for (Metric metric : metricsShown) {
        metrics.put(metric, DoubleColumn.create(metric.column()));
      }
    }

    void add(PredictionFile file, FileResults results, HarnessReport report) {
      List<FileResults.PredictionFacts> all = results.predictions();
      List<FileResults.PredictionFacts> ok =
          all.stream().filter(FileResults.PredictionFacts::succeeded).toList();
      List<InstanceMetrics> scored = results.metrics();
      model.append(file.model());
      temperature.append(file.temperature());
      n.append(file.n());
      dataset.append(file.dataset());
      runId.append(file.runId());
      infoRatio.append(infoRatio(file.runId()));
      if (results.instances() == null) {
        instances.appendMissing();
      } else {
        instances.append(results.instances());
      }
      predictions.append(all.size());
      successes.append(ok.size());
      failures.append(all.size() - ok.size());
      Map<FailureKind, Integer> byKind = new EnumMap<>(FailureKind.class);
      all.stream()
          .filter(p -> !p.succeeded())
          .forEach(p -> byKind.merge(p.failure(), 1, Integer::sum));
      failuresByKind.forEach((kind, column) -> column.append(byKind.getOrDefault(kind, 0)));
      emptyPatches.append(
          (int) ok.stream().filter(FileResults.PredictionFacts::emptyPatch).count());
      double[] costs = ok.stream().mapToDouble(FileResults.PredictionFacts::cost).toArray();
      costTotal.append(Arrays.stream(costs).sum());
      costMean.append(Stats.mean(costs));
      double[] promptTokens =
          all.stream().mapToDouble(FileResults.PredictionFacts::promptTokens).toArray();
      promptTokensMean.append(Stats.mean(promptTokens));
      promptTokensP95.append(Stats.percentile(promptTokens, 95));
      double[] times =
          ok.stream()
              .mapToDouble(FileResults.PredictionFacts::responseTime)
              .filter(t -> !Double.isNaN(t))
              .toArray();
      responseP50.append(Stats.percentile(times, 50));
      responseP95.append(Stats.percentile(times, 95));
      metrics.forEach(
          (metric, column) ->
              column.append(
                  metric.aggregate(scored.stream().mapToDouble(m -> m.value(metric)).toArray())));
      harnessResolved.append(report == null ? Double.NaN : report.pctResolved());
      harnessApplied.append(report == null ? Double.NaN : report.pctApplied());
      harnessCodeBleu.append(report == null ? Double.NaN : report.avgCodeBleu());
    }

    Table table() {
      Table t =
          Table.create(
              "summary",
              model,
              temperature,
              n,
              dataset,
              runId,
              infoRatio,
              instances,
              predictions,
              successes,
              failures);
      failuresByKind.values().forEach(t::addColumns);
      t.addColumns(
          emptyPatches,
          costTotal,
          costMean,
          promptTokensMean,
          promptTokensP95,
          responseP50,
          responseP95);
      metrics.values().forEach(t::addColumns);
      t.addColumns(harnessResolved, harnessApplied, harnessCodeBleu);
      // Shown with at most 4 decimals and missing values blank; CSV keeps full precision.
      NumberColumnFormatter shown =
          new NumberColumnFormatter(
              new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)), "");
      for (Column<?> column : t.columns()) {
        if (column instanceof DoubleColumn d) {
          d.setPrintFormatter(shown);
        }
      }
      return t;
    }
  }

  /**
   * The info ratio a run_id asks for; NaN for {@code None} (all history withheld) or an unparseable
   * run_id.
   */
  static double infoRatio(String runId) {
    try {
      Double pct = RunId.parse(runId).infoPct();
      return pct == null ? Double.NaN : pct;
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }
}
