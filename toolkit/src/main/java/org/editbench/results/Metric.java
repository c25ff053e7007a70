package org.editbench.results;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One offline metric of a prediction, defined once: its column, its key in score files, how a
 * person reads it, how it is computed from a prediction and how a file's values are aggregated.
 * Score files ({@link InstanceMetrics#toJsonLine}), stored results, the summary ({@link
 * ResultsSummary}), its number formats ({@link ColumnFormats}), the per-prediction table ({@link
 * PredictionTable}), its rendering in notebooks and the charts iterate over {@link #ALL}: a new
 * metric is a new constant here, added to {@link #ALL}.
 */
public final class Metric {
  /** How a value is written and what it means. */
  public enum Kind {
    /** A yes or no: 1 or 0, written {@code true} or {@code false}; its mean is a share. */
    PASS_FAIL,
    /** A number, written as Python writes a float. */
    NUMBER
  }

  /**
   * How values are shown: rates as percentages (two decimals beside one prediction), scores with
   * three decimals.
   */
  public enum Scale {
    RATE,
    SCORE
  }

  public static final Metric APPLIES =
      new Metric(
          "applies",
          "applied",
          "applies",
          Kind.PASS_FAIL,
          Scale.RATE,
          false,
          c -> c.predicted().applied() ? 1 : 0,
          Stats::mean);
  public static final Metric EXACT =
      new Metric(
          "exact",
          "exact",
          "exact",
          Kind.PASS_FAIL,
          Scale.RATE,
          false,
          c -> c.exact() ? 1 : 0,
          Stats::mean);
  public static final Metric FILE_HIT_RATE =
      new Metric(
          "file_hit_rate",
          "file_hit_rate",
          "file hit",
          Kind.NUMBER,
          Scale.RATE,
          false,
          c -> PatchSimilarity.fileHitRate(c.groundTruth(), c.patch()),
          Stats::mean);
  public static final Metric EDIT_DISTANCE =
      new Metric(
          "edit_distance",
          "normalized_edit_distance",
          "edit distance",
          Kind.NUMBER,
          Scale.SCORE,
          true,
          c -> PatchSimilarity.normalizedEditDistance(c.processedGroundTruth(), c.processedPatch()),
          Stats::mean);
  public static final Metric TOKEN_JACCARD =
      new Metric(
          "token_jaccard",
          "jaccard_similarity",
          "Jaccard",
          Kind.NUMBER,
          Scale.SCORE,
          false,
          c ->
              PatchSimilarity.tokenJaccard(
                  PatchSimilarity.tokens(c.processedGroundTruth()),
                  PatchSimilarity.tokens(c.processedPatch())),
          Stats::mean);

  /** Every metric, in the order of score files' keys and the summary's columns. */
  public static final List<Metric> ALL =
      List.of(APPLIES, EXACT, FILE_HIT_RATE, EDIT_DISTANCE, TOKEN_JACCARD);

  private static final Map<String, Metric> BY_COLUMN =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Metric::column, m -> m));

  private final String column;
  private final String jsonKey;
  private final String label;
  private final Kind kind;
  private final Scale scale;
  private final boolean lowerIsBetter;
  private final ToDoubleFunction<PatchComparison> compute;
  private final ToDoubleFunction<double[]> aggregate;

  /**
   * @param column the summary's column of its mean and the per-prediction table's column
   * @param jsonKey its key in score files, as the harness's instance details name it
   * @param label how it is named beside one prediction
   * @param lowerIsBetter true for a distance: 0 is best, and worst first means highest first
   * @param compute its value for one prediction ({@link Kind#PASS_FAIL}: 1 or 0)
   * @param aggregate the summary's figure for a file's values (none: NaN)
   */
  public Metric(
      String column,
      String jsonKey,
      String label,
      Kind kind,
      Scale scale,
      boolean lowerIsBetter,
      ToDoubleFunction<PatchComparison> compute,
      ToDoubleFunction<double[]> aggregate) {
    this.column = column;
    this.jsonKey = jsonKey;
    this.label = label;
    this.kind = kind;
    this.scale = scale;
    this.lowerIsBetter = lowerIsBetter;
    this.compute = compute;
    this.aggregate = aggregate;
  }

  /** The columns of {@link #ALL}, in order. */
  public static List<String> columns() {
    return ALL.stream().map(Metric::column).toList();
  }

  /** The metric whose column is {@code column}. */
  public static Metric byColumn(String column) {
    Metric metric = BY_COLUMN.get(column);
    if (metric == null) {
      throw new IllegalArgumentException("unknown metric " + column + "; use one of " + columns());
    }
    return metric;
  }

  public String column() {
    return column;
  }

  public String jsonKey() {
    return jsonKey;
  }

  public String label() {
    return label;
  }

  public Kind kind() {
    return kind;
  }

  public Scale scale() {
    return scale;
  }

  public boolean lowerIsBetter() {
    return lowerIsBetter;
  }

  /** Its value for one prediction. */
  public double compute(PatchComparison comparison) {
    return compute.applyAsDouble(comparison);
  }

  /**
   * The summary's figure for a file's values (all five: the mean, for a pass or fail the share that
   * passed).
   */
  public double aggregate(double[] values) {
    return aggregate.applyAsDouble(values);
  }

  /** The best value it can take: 0 for a distance, 1 otherwise. */
  public boolean isBest(double value) {
    return lowerIsBetter ? value == 0 : value >= 1;
  }

  @Override
  public String toString() {
    return column;
  }
}
