package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.editbench.EditBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartsTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  private static Table summary(double... applies) {
    int rows = applies.length;
    String[] runIds = Arrays.copyOf(new String[] {"0.2", "0.4", "0.6", "0.2_body_issue"}, rows);
    return Table.create(
        "summary",
        StringColumn.create(ResultsSummary.MODEL, Collections.nCopies(rows, "m")),
        StringColumn.create(ResultsSummary.TEMPERATURE, Collections.nCopies(rows, "0")),
        IntColumn.create(ResultsSummary.N, new int[rows]).map(v -> 1),
        StringColumn.create(ResultsSummary.DATASET, Collections.nCopies(rows, "all")),
        StringColumn.create(ResultsSummary.RUN_ID, runIds),
        DoubleColumn.create(
            ResultsSummary.INFO_RATIO,
            Arrays.stream(runIds).mapToDouble(ResultsSummary::infoRatio)),
        DoubleColumn.create(ResultsSummary.APPLIES, applies));
  }

  @Test
  void chartsAreDrawnHeadlessAndWrittenAsPng() throws IOException {
    Table table = summary(0.5, 0.75, 1.0, 0.25);
    List<Path> files = EditBench.writeCharts(table, ResultsSummary.APPLIES, dir.resolve("charts"));
    assertEquals(
        List.of(
            dir.resolve("charts/applies-by-run-id.png"),
            dir.resolve("charts/applies-by-info-ratio.png")),
        files);
    for (Path f : files) {
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(f), 8), f.toString());
    }
  }

  @Test
  void theDrawingDependsOnTheValues() {
    BufferedImage a =
        Charts.metricByModelAndRunId(summary(0.5, 0.75, 1.0, 0.25), ResultsSummary.APPLIES);
    BufferedImage b =
        Charts.metricByModelAndRunId(summary(0.5, 0.75, 0.1, 0.25), ResultsSummary.APPLIES);
    assertEquals(800, a.getWidth());
    assertNotEquals(Arrays.toString(pixels(a)), Arrays.toString(pixels(b)));
    // The line chart leaves out 0.2_body_issue: changing its value changes nothing.
    BufferedImage c =
        Charts.metricByInfoRatio(summary(0.5, 0.75, 1.0, 0.25), ResultsSummary.APPLIES);
    BufferedImage d =
        Charts.metricByInfoRatio(summary(0.5, 0.75, 1.0, 0.9), ResultsSummary.APPLIES);
    assertArrayEquals(pixels(c), pixels(d));
  }

  @Test
  void aRunAModelDidNotMakeHasNoBarAndEachDatasetItsOwnLine() {
    Table table =
        Table.create(
            "summary",
            StringColumn.create(ResultsSummary.MODEL, "a", "a", "b", "a", "a"),
            StringColumn.create(ResultsSummary.TEMPERATURE, "0", "0", "0", "0", "0"),
            IntColumn.create(ResultsSummary.N, 1, 1, 1, 1, 1),
            StringColumn.create(ResultsSummary.DATASET, "x", "x", "x", "y", "y"),
            StringColumn.create(ResultsSummary.RUN_ID, "0.4", "0.2", "0.2", "0.2", "0.4"),
            DoubleColumn.create(ResultsSummary.INFO_RATIO, 0.4, 0.2, 0.2, 0.2, 0.4),
            DoubleColumn.create(ResultsSummary.APPLIES, 0.5, 0.25, 1.0, 0.75, 0.125));
    var bars = Charts.barChart(table, ResultsSummary.APPLIES);
    var b = bars.getSeriesMap().get("b");
    assertEquals(
        List.of("0.2 (x)", "0.2 (y)", "0.4 (x)", "0.4 (y)"),
        new ArrayList<>(b.getXData()),
        "run_ids in order of their ratio, whatever the rows' order");
    List<Number> bValues = new ArrayList<>(b.getYData());
    assertEquals(Arrays.asList(1.0, null, null, null), bValues, "no bar where b made no run");
    assertEquals(800, Charts.metricByModelAndRunId(table, ResultsSummary.APPLIES).getWidth());

    var lines = Charts.lineChart(table, ResultsSummary.APPLIES);
    assertEquals(List.of("a (x)", "b (x)", "a (y)"), List.copyOf(lines.getSeriesMap().keySet()));
    assertEquals(
        List.of(0.75, 0.125),
        Arrays.stream(lines.getSeriesMap().get("a (y)").getYData()).boxed().toList(),
        "y's own values, not x's");
  }

  /**
   * The y axis' tick labels as XChart drew them: read from its internals (the chart's axis pair,
   * its y axis, that axis' tick calculator), which offer no public way to them.
   */
  private static List<String> yTickLabels(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart)
      throws ReflectiveOperationException {
    org.knowm.xchart.BitmapEncoder.getBufferedImage(chart);
    java.lang.reflect.Field pair =
        org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("axisPair");
    pair.setAccessible(true);
    Object axisPair = pair.get(chart);
    java.lang.reflect.Method yAxis = axisPair.getClass().getDeclaredMethod("getYAxis");
    yAxis.setAccessible(true);
    var axis = (org.knowm.xchart.internal.chartpart.Axis<?, ?>) yAxis.invoke(axisPair);
    return axis.getAxisTickCalculator().getTickLabels();
  }

  @Test
  void aRateAxisHasItsTicksBetween0And100PercentAlsoWhenAllValuesAreEqual()
      throws ReflectiveOperationException {
    // (the calculator also lists labels outside the axis, which are not drawn)
    List<String> everyFifth = List.of("0%", "20%", "40%", "60%", "80%", "100%");
    for (double value : new double[] {1.0, 0.5, 0.0}) {
      Table equal = summary(value, value, value, value);
      List<String> line = yTickLabels(Charts.lineChart(equal, ResultsSummary.APPLIES));
      assertTrue(
          line.containsAll(everyFifth), "all " + value + " (0% and 100% only, before): " + line);
      List<String> bars = yTickLabels(Charts.barChart(equal, ResultsSummary.APPLIES));
      assertTrue(bars.containsAll(everyFifth), "all " + value + ": " + bars);
    }
    List<String> varied =
        yTickLabels(Charts.lineChart(summary(0.5, 0.75, 1.0, 0.25), ResultsSummary.APPLIES));
    assertTrue(varied.containsAll(everyFifth), varied.toString());
  }

  @Test
  void rateAxesRunFromZeroToOneAndLongLabelsAreSlanted() {
    Table table = summary(0.5, 0.75, 1.0, 0.25);
    var bars = Charts.barChart(table, ResultsSummary.APPLIES);
    assertEquals(-0.001, bars.getStyler().getYAxisMin(), "0 with a hair below it");
    assertEquals(1.002, bars.getStyler().getYAxisMax());
    assertEquals(
        0, bars.getStyler().getXAxisLabelRotation(), "four short run_ids fit side by side");
    assertEquals("0%", bars.getStyler().getYAxisDecimalPattern(), "in percent, as in the table");
    assertEquals(
        20,
        Arrays.stream(bars.getStyler().getSeriesColors()).distinct().count(),
        "a study's series in colours of their own (XChart's repeat after 12)");
    var line = Charts.lineChart(table, ResultsSummary.APPLIES);
    assertEquals(-0.001, line.getStyler().getYAxisMin());
    assertEquals("0%", line.getStyler().getYAxisDecimalPattern());
    assertEquals(1.0, line.getStyler().getXAxisMax(), "the info ratio is a share too");
    table.addColumns(
        DoubleColumn.create(ResultsSummary.TOKEN_JACCARD, new double[] {0.5, 0.6, 0.7, 0.8}));
    table.addColumns(DoubleColumn.create(ResultsSummary.COST_TOTAL, new double[] {0.1, 0.2, 0, 0}));
    assertEquals(
        "$#,##0.00##",
        Charts.barChart(table, ResultsSummary.COST_TOTAL).getStyler().getYAxisDecimalPattern(),
        "costs in dollars, as in the table");
    var scores = Charts.barChart(table, ResultsSummary.TOKEN_JACCARD);
    assertEquals("0.0#", scores.getStyler().getYAxisDecimalPattern(), "scores as in the table");

    Table many =
        Table.create(
            "summary",
            StringColumn.create(ResultsSummary.MODEL, Collections.nCopies(8, "m")),
            StringColumn.create(ResultsSummary.TEMPERATURE, Collections.nCopies(8, "0")),
            IntColumn.create(ResultsSummary.N, new int[8]).map(v -> 1),
            StringColumn.create(ResultsSummary.DATASET, Collections.nCopies(8, "all")),
            StringColumn.create(
                ResultsSummary.RUN_ID,
                java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> "0." + i + "_body_issue_bm25_10")
                    .toArray(String[]::new)),
            DoubleColumn.create(
                ResultsSummary.PROMPT_TOKENS_MEAN,
                new double[] {1e3, 2e3, 3e3, 4e3, 5e3, 6e3, 7e3, 8e3}));
    var slanted = Charts.barChart(many, ResultsSummary.PROMPT_TOKENS_MEAN);
    assertEquals(
        30, slanted.getStyler().getXAxisLabelRotation(), "eight long run_ids would collide");
    assertEquals(null, slanted.getStyler().getYAxisMax(), "token counts keep their own scale");

    // Six run_ids beside a legend of a long model name: they fit 800 px, not what the legend
    // leaves.
    String[] sixRunIds = {"0.2", "0.4", "0.6", "0.8", "0.2_body_issue", "None_body_issue"};
    Table longName =
        Table.create(
            "summary",
            StringColumn.create(
                ResultsSummary.MODEL,
                Collections.nCopies(6, "organisation/a-rather-long-model-name-2025")),
            StringColumn.create(ResultsSummary.TEMPERATURE, Collections.nCopies(6, "0")),
            IntColumn.create(ResultsSummary.N, new int[6]).map(v -> 1),
            StringColumn.create(ResultsSummary.DATASET, Collections.nCopies(6, "all")),
            StringColumn.create(ResultsSummary.RUN_ID, sixRunIds),
            DoubleColumn.create(ResultsSummary.APPLIES, new double[] {1, 1, 1, 1, 1, 1}));
    assertEquals(
        30, Charts.barChart(longName, ResultsSummary.APPLIES).getStyler().getXAxisLabelRotation());
  }

  @Test
  void aMetricWithoutValuesIsDrawnAsItsTitleAlone() throws IOException {
    // Every prediction failed: nothing to draw, and XChart cannot lay out empty axes.
    Table table = summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    for (BufferedImage image :
        List.of(
            Charts.metricByModelAndRunId(table, ResultsSummary.APPLIES),
            Charts.metricByInfoRatio(table, ResultsSummary.APPLIES))) {
      assertEquals(800, image.getWidth());
      assertTrue(
          Arrays.stream(pixels(image)).anyMatch(rgb -> (rgb & 0xffffff) != 0xffffff),
          "the title is written");
    }
    List<Path> files = EditBench.writeCharts(table, ResultsSummary.APPLIES, dir);
    for (Path f : files) {
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(f), 8), f.toString());
    }
    assertEquals(
        ResultsSummary.APPLIES + ": no values to draw",
        Charts.barChart(table, ResultsSummary.APPLIES).getTitle());
  }

  @Test
  void onlyNumericColumnsCanBeCharted() {
    Table table = summary(0.5);
    IllegalArgumentException text =
        assertThrows(
            IllegalArgumentException.class,
            () -> EditBench.writeCharts(table, ResultsSummary.MODEL, dir));
    assertEquals(
        "model is not a numeric summary column; the charts can draw: n, info_ratio, applies",
        text.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Charts.metricByInfoRatio(table, "nope"));
    assertFalse(Files.exists(dir.resolve("model-by-run-id.png")));
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
