package org.editbench.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.core.DataPaths;
import org.editbench.core.Reporter;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The predictions of one or more models on one run_id's merged infbench file, a row each, with
 * their offline metrics: sort worst first by a metric, filter, and take a row's {@link
 * PredictionDetail} to look at it. Immutable: sorting and filtering return new tables.
 */
public final class PredictionTable {

  public static final String ROW = "row";
  public static final String STATUS = "status";

  private final List<PredictionDetail> rows;

  public PredictionTable(List<PredictionDetail> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * The predictions in the merged files ({@code all-task-instances_{runId}.jsonl}) of {@code
   * models} (all models when empty) under {@code resultsDir}, scored against {@code
   * infbenchDir/all-task-instances_{runId}.jsonl}, each file's rows in its infbench file's order
   * (not the prediction file's, which is the order concurrent requests ended in, so that equal rows
   * sort the same in every run). Predictions without an infbench record are left out with a
   * warning. Progress is reported per prediction file scored.
   */
  public static PredictionTable load(
      Path resultsDir,
      Path infbenchDir,
      Collection<String> models,
      String runId,
      Reporter reporter) {
    List<PredictionDetail> rows = new ArrayList<>();
    Map<Path, Map<String, BenchInstance>> recordsByFile = new HashMap<>();
    Map<Path, Map<String, Integer>> positionsByFile = new HashMap<>();
    List<PredictionFile> merged =
        PredictionFile.find(resultsDir, models, List.of(runId), reporter).stream()
            .filter(file -> file.dataset().equals(DataPaths.MERGED_DATASET))
            .toList();
    int filesScored = 0;
    if (!merged.isEmpty()) {
      reporter.progress("scoring predictions", 0, merged.size());
    }
    for (PredictionFile file : merged) {
      Path infbench = file.infbenchFile(infbenchDir);
      if (!Files.isRegularFile(infbench)) {
        throw new IllegalArgumentException(
            "no infbench file "
                + infbench
                + " for the predictions "
                + file.file()
                + ": their records (history, ground truth) are read from it; merge the infbench"
                + " files (merge-all-infbench; in a notebook, mergeAllInfbench(): notebook 01)");
      }
      Map<String, BenchInstance> records =
          recordsByFile.computeIfAbsent(infbench, f -> byId(f, reporter));
      Map<String, Integer> positions =
          positionsByFile.computeIfAbsent(infbench, f -> positions(records));
      Map<String, Scoring.Target> targets = Scoring.readTargets(infbench, reporter);
      List<PredictionDetail> fileRows = new ArrayList<>();
      int missing = 0;
      List<String> otherPrompts = new ArrayList<>();
      for (Prediction prediction : Prediction.read(file.file(), reporter)) {
        BenchInstance record = records.get(prediction.instanceId());
        if (record == null) {
          missing++;
          continue;
        }
        // No target: the record's prompt is empty, so run-api asks nothing for it; an answer from
        // elsewhere is shown, unscored, as scoring leaves it out. So is one made from another
        // prompt, which scoring leaves out too.
        Scoring.Target target = targets.get(prediction.instanceId());
        boolean otherPrompt = target != null && !target.madeFrom(prediction);
        if (otherPrompt) {
          otherPrompts.add(prediction.instanceId());
          target = null;
        }
        InstanceMetrics metrics =
            prediction.succeeded() && target != null
                ? InstanceMetrics.score(
                    prediction.instanceId(),
                    target.preEditFiles(),
                    target.groundTruth(),
                    prediction.modelPatch())
                : null;
        fileRows.add(
            new PredictionDetail(
                file.model(), file.temperature(), runId, record, prediction, metrics, otherPrompt));
      }
      fileRows.sort(Comparator.comparingInt(row -> positions.get(row.record().instanceId())));
      rows.addAll(fileRows);
      if (missing > 0) {
        reporter.warn(
            file.file()
                + ": "
                + missing
                + " prediction(s) have no record in "
                + infbench
                + "; left out");
      }
      if (!otherPrompts.isEmpty()) {
        reporter.warn(
            Scoring.otherPromptsWarning(file.file(), infbench, otherPrompts, "shown unscored"));
      }
      reporter.progress("scoring predictions", ++filesScored, merged.size());
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(
          "no merged predictions (all-task-instances_"
              + runId
              + ".jsonl) of "
              + (models.isEmpty() ? "any model" : String.join(", ", models))
              + " under "
              + resultsDir
              + ": run run-api and merge-results first");
    }
    return new PredictionTable(rows);
  }

  /** The file's records by id, in the file's order (the first of a repeated id). */
  private static Map<String, BenchInstance> byId(Path infbench, Reporter reporter) {
    Map<String, BenchInstance> records = new LinkedHashMap<>();
    BenchReader.read(infbench, reporter).forEach(r -> records.putIfAbsent(r.instanceId(), r));
    return records;
  }

  private static Map<String, Integer> positions(Map<String, BenchInstance> records) {
    Map<String, Integer> positions = new HashMap<>();
    for (String id : records.keySet()) {
      positions.put(id, positions.size());
    }
    return positions;
  }

  public int size() {
    return rows.size();
  }

  public List<PredictionDetail> rows() {
    return rows;
  }

  /** Row {@code index} as numbered in {@link #table()}'s {@code row} column (from 0). */
  public PredictionDetail row(int index) {
    if (index < 0 || index >= rows.size()) {
      throw new IndexOutOfBoundsException(
          "row " + index + " of a table of " + rows.size() + " predictions");
    }
    return rows.get(index);
  }

  /**
   * Sorted worst first by {@code metric}: failed predictions first, then the scored ones from the
   * lowest values — the highest for a metric where less is better ({@code edit_distance}) — and
   * last the answers not scored ({@link PredictionDetail#status()}), which no value judges; ties
   * keep their order.
   */
  public PredictionTable worstFirst(String metric) {
    boolean higherIsWorse = Metric.byColumn(metric).lowerIsBetter();
    Comparator<PredictionDetail> byValue =
        Comparator.<PredictionDetail>comparingInt(
                d -> !d.prediction().succeeded() ? 0 : d.metrics() != null ? 1 : 2)
            .thenComparingDouble(
                d -> {
                  double value = d.metric(metric);
                  return Double.isNaN(value) ? 0 : higherIsWorse ? -value : value;
                });
    return new PredictionTable(rows.stream().sorted(byValue).toList());
  }

  /**
   * The rows whose {@code metric} passes {@code test} (a row without metrics — failed, or not
   * scored — has NaN, and passes only if NaN does).
   */
  public PredictionTable where(String metric, DoublePredicate test) {
    return filter(d -> test.test(d.metric(metric)));
  }

  /** The rows of one model. */
  public PredictionTable model(String model) {
    return filter(d -> d.model().equals(model));
  }

  public PredictionTable filter(Predicate<PredictionDetail> test) {
    return new PredictionTable(rows.stream().filter(test).toList());
  }

  /**
   * A row per prediction: its number for {@link #row}, who and what, status, metrics and cost. The
   * pass/fail metrics ({@code applies}, {@code exact}) are text, "yes" or "no" (blank for a row
   * without metrics), as a person reads one prediction; filter on them with {@link #where} or
   * {@code table.stringColumn("applies").isEqualTo("no")}, and take shares from the summary.
   */
  public Table table() {
    Table table =
        Table.create(
            "predictions",
            IntColumn.create(ROW, java.util.stream.IntStream.range(0, rows.size()).toArray()),
            StringColumn.create(ResultsSummary.MODEL, rows.stream().map(PredictionDetail::model)),
            StringColumn.create(ResultsSummary.RUN_ID, rows.stream().map(PredictionDetail::runId)),
            StringColumn.create("instance_id", rows.stream().map(PredictionDetail::instanceId)),
            StringColumn.create(STATUS, rows.stream().map(PredictionDetail::status)));
    for (Metric metric : Metric.ALL) {
      String column = metric.column();
      // One prediction passes or fails: yes or no, where a summary's share is a percentage.
      table.addColumns(
          metric.kind() == Metric.Kind.PASS_FAIL
              ? StringColumn.create(column, rows.stream().map(d -> yesOrNo(d.metric(column))))
              : DoubleColumn.create(column, rows.stream().mapToDouble(d -> d.metric(column))));
    }
    table.addColumns(
        DoubleColumn.create("cost", rows.stream().mapToDouble(d -> d.prediction().cost())));
    return table;
  }

  /** A pass/fail metric's value as a person reads it: blank when there is none. */
  private static String yesOrNo(double value) {
    return Double.isNaN(value) ? "" : value == 1 ? "yes" : "no";
  }

  @Override
  public String toString() {
    return table().print();
  }
}
