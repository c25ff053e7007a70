package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ColumnFormatsTest {
  @Test
  void eachColumnReadsAsWhatItMeans() {
    Table table =
        ColumnFormats.applyTo(
            Table.create(
                "t",
                DoubleColumn.create(ResultsSummary.APPLIES, 0.333333, Double.NaN),
                DoubleColumn.create(ResultsSummary.TOKEN_JACCARD, 0.87654, 1),
                DoubleColumn.create(ResultsSummary.COST_TOTAL, 1856.2857, 0.00012),
                DoubleColumn.create(ResultsSummary.PROMPT_TOKENS_MEAN, 1856.2857, 12345678),
                DoubleColumn.create(ResultsSummary.RESPONSE_TIME_P50, 1.23456, 0),
                DoubleColumn.create(ResultsSummary.INFO_RATIO, 0.2, Double.NaN),
                IntColumn.create(ResultsSummary.INSTANCES, 1234567, 7),
                DoubleColumn.create("other", 0.333333333, 2)));
    assertEquals("33.3%", table.getString(0, ResultsSummary.APPLIES));
    assertEquals("", table.getString(1, ResultsSummary.APPLIES), "a missing value is blank");
    assertEquals("0.877", table.getString(0, ResultsSummary.TOKEN_JACCARD));
    assertEquals("1.000", table.getString(1, ResultsSummary.TOKEN_JACCARD));
    assertEquals("$1,856.2857", table.getString(0, ResultsSummary.COST_TOTAL));
    assertEquals("$0.0001", table.getString(1, ResultsSummary.COST_TOTAL));
    assertEquals("1,856", table.getString(0, ResultsSummary.PROMPT_TOKENS_MEAN));
    assertEquals("12,345,678", table.getString(1, ResultsSummary.PROMPT_TOKENS_MEAN));
    assertEquals("1.23", table.getString(0, ResultsSummary.RESPONSE_TIME_P50));
    assertEquals("0.2", table.getString(0, ResultsSummary.INFO_RATIO));
    assertEquals("1,234,567", table.getString(0, ResultsSummary.INSTANCES));
    assertEquals("0.3333", table.getString(0, "other"));
    assertEquals(
        0.333333, table.doubleColumn(ResultsSummary.APPLIES).get(0), "the values stay as they are");
  }
}
