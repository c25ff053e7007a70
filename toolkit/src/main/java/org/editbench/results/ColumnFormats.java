package org.editbench.results;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How a person reads the numbers of the pipeline's tables, column by column: rates as percentages,
 * scores with three decimals, costs in dollars, counts and tokens with thousands separators,
 * seconds with two decimals; a missing value blank. Applied to a table for display only (the values
 * stay as they are, CSV keeps full precision).
 */
public final class ColumnFormats {
  /** Shares of predictions, shown as percentages: the metrics on the rate scale. */
  private static final Set<String> RATES = metricColumns(Metric.Scale.RATE, Stream.empty());

  /**
   * Similarity scores between 0 and 1: the metrics on the score scale and the harness's CodeBLEU.
   */
  private static final Set<String> SCORES =
      metricColumns(Metric.Scale.SCORE, Stream.of(ResultsSummary.HARNESS_CODEBLEU));

  private ColumnFormats() {}

  private static Set<String> metricColumns(Metric.Scale scale, Stream<String> others) {
    return Stream.concat(
            Metric.ALL.stream().filter(m -> m.scale() == scale).map(Metric::column), others)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The rate and score columns, whose values lie between 0 and 1 (charts draw them on a 0–1 axis).
   */
  public static boolean isUnitInterval(String column) {
    return RATES.contains(column)
        || SCORES.contains(column)
        || column.equals(ResultsSummary.INFO_RATIO);
  }

  /** The rate columns, which tables show as percentages (and charts label in percent alike). */
  public static boolean isRate(String column) {
    return RATES.contains(column);
  }

  /**
   * Sets every number column's print format by its name (see the class comment); returns {@code
   * table}.
   */
  public static Table applyTo(Table table) {
    for (Column<?> column : table.columns()) {
      if (column instanceof NumberColumn<?, ?> numbers) {
        numbers.setPrintFormatter(
            new NumberColumnFormatter(formatFor(column.name(), isWhole(column)), ""));
      }
    }
    return table;
  }

  static NumberFormat formatFor(String column, boolean whole) {
    if (isRate(column)) {
      return pattern("0.0%");
    }
    if (SCORES.contains(column)) {
      return pattern("0.000");
    }
    if (column.startsWith("cost")) {
      return pattern("$#,##0.0000");
    }
    if (column.startsWith("response_time")) {
      return pattern("#,##0.00");
    }
    if (column.equals(ResultsSummary.INFO_RATIO)) {
      return pattern("0.0#");
    }
    if (column.startsWith("harness_pct")) {
      return pattern("0.0");
    }
    return pattern(whole || column.startsWith("prompt_tokens") ? "#,##0" : "#,##0.####");
  }

  private static boolean isWhole(Column<?> column) {
    return switch (column.type().name()) {
      case "INTEGER", "SHORT", "LONG" -> true;
      default -> false;
    };
  }

  private static NumberFormat pattern(String pattern) {
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
  }
}
