package org.editbench.results;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.editbench.core.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts of a summary table, drawn with XChart without a display (AWT headless): as images for the
 * notebook kernel, which shows a {@link BufferedImage} inline as PNG, or as PNG files.
 */
public final class Charts {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 450;

  private Charts() {}

  /**
   * A bar per model × run_id: run_ids along the x axis, one series per model (with its T and n when
   * a model ran at several). Rows with a missing value are left out.
   */
  public static BufferedImage metricByModelAndRunId(Table summary, String metric) {
    return draw(barChart(summary, metric));
  }

  static CategoryChart barChart(Table summary, String metric) {
    requireChartable(summary, metric);
    Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
    Set<String> runIds = new LinkedHashSet<>();
    boolean severalSettings = severalSettingsPerModel(summary);
    for (Row row : summary) {
      double value = row.getNumber(metric);
      if (Double.isNaN(value)) {
        continue;
      }
      String runId = row.getString(ResultsSummary.RUN_ID) + datasetSuffix(summary, row);
      runIds.add(runId);
      bySeries
          .computeIfAbsent(seriesName(row, severalSettings), k -> new LinkedHashMap<>())
          .merge(runId, value, (a, b) -> a);
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(metric + " per model and run_id")
            .xAxisTitle(ResultsSummary.RUN_ID)
            .yAxisTitle(metric)
            .build();
    commonStyle(chart.getStyler());
    // By info ratio, then name (None last): 0.2, 0.2_body_issue, 0.4, … whatever the rows' order.
    List<String> categories =
        runIds.stream()
            .sorted(
                Comparator.comparingDouble(
                        (String category) -> {
                          double ratio = ResultsSummary.infoRatio(category.split(" ", 2)[0]);
                          return Double.isNaN(ratio) ? Double.MAX_VALUE : ratio;
                        })
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    unitAxis(chart.getStyler(), metric);
    // A label wider than its run_id's share of the axis would run into the next: slant them. The
    // axis is what the legend beside it leaves of the width; about 8 px a character for both.
    int widestLabel = categories.stream().mapToInt(String::length).max().orElse(0);
    int legendWidth = 60 + 8 * bySeries.keySet().stream().mapToInt(String::length).max().orElse(0);
    int axisWidth = WIDTH - 120 - legendWidth;
    if (!categories.isEmpty() && widestLabel * 8 > axisWidth / categories.size()) {
      chart.getStyler().setXAxisLabelRotation(30);
    }
    bySeries.forEach(
        (series, values) ->
            chart.addSeries(
                series,
                categories,
                // A run the model did not make has no bar, not a bar of 0.
                categories.stream().map(c -> (Number) values.get(c)).toList()));
    if (bySeries.isEmpty()) {
      chart.setTitle(metric + ": no values to draw");
    }
    return chart;
  }

  /**
   * A line per model of {@code metric} against the info ratio, over the plain info-ratio run_ids
   * (no PR or issue text, no retrieval, not None) so that each point differs only in the ratio.
   */
  public static BufferedImage metricByInfoRatio(Table summary, String metric) {
    return draw(lineChart(summary, metric));
  }

  /**
   * The chart as an image; a chart without a series (every value missing: all predictions failed,
   * or no run_id of the kind) is an image of its title alone, since XChart cannot lay out axes
   * without data.
   */
  private static BufferedImage draw(Chart<?, ?> chart) {
    if (!chart.getSeriesMap().isEmpty()) {
      return BitmapEncoder.getBufferedImage(chart);
    }
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.BLACK);
      g.setFont(chart.getStyler().getChartTitleFont());
      FontMetrics metrics = g.getFontMetrics();
      String title = chart.getTitle();
      g.drawString(title, (WIDTH - metrics.stringWidth(title)) / 2, HEIGHT / 2);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Checks that {@code metric} is a numeric column of {@code summary}, the only kind a chart can
   * draw.
   *
   * @throws IllegalArgumentException naming the numeric columns otherwise
   */
  public static void requireChartable(Table summary, String metric) {
    if (summary.containsColumn(metric) && summary.column(metric) instanceof NumericColumn<?>) {
      return;
    }
    List<String> numeric =
        summary.columns().stream()
            .filter(c -> c instanceof NumericColumn<?>)
            .map(Column::name)
            .toList();
    throw new IllegalArgumentException(
        metric
            + " is not a numeric summary column; the charts can draw: "
            + String.join(", ", numeric));
  }

  static XYChart lineChart(Table summary, String metric) {
    requireChartable(summary, metric);
    Map<String, Map<Double, Double>> bySeries = new LinkedHashMap<>();
    boolean severalSettings = severalSettingsPerModel(summary);
    for (Row row : summary) {
      double ratio = row.getDouble(ResultsSummary.INFO_RATIO);
      double value = row.getNumber(metric);
      if (!isPlainRatio(row.getString(ResultsSummary.RUN_ID))
          || Double.isNaN(ratio)
          || Double.isNaN(value)) {
        continue;
      }
      // A line per model and dataset: the datasets' values at one ratio are different points.
      bySeries
          .computeIfAbsent(
              seriesName(row, severalSettings) + datasetSuffix(summary, row), k -> new TreeMap<>())
          .merge(ratio, value, (a, b) -> a);
    }
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(metric + " against the info ratio")
            .xAxisTitle(ResultsSummary.INFO_RATIO)
            .yAxisTitle(metric)
            .build();
    commonStyle(chart.getStyler());
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setXAxisDecimalPattern("0.0");
    unitAxis(chart.getStyler(), metric);
    bySeries.forEach(
        (series, points) ->
            chart.addSeries(
                series, new ArrayList<>(points.keySet()), new ArrayList<>(points.values())));
    if (bySeries.isEmpty()) {
      chart.setTitle(metric + ": no plain info-ratio run_ids to draw");
    }
    return chart;
  }

  /**
   * Twenty colours, so that a study's series (6 models at two temperatures, …) do not share one:
   * XChart's own set repeats after twelve. Strong ones first, then their lighter kin.
   */
  private static final Color[] SERIES_COLORS =
      IntStream.of(
              0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
              0xbcbd22, 0x17becf, 0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94,
              0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5)
          .mapToObj(Color::new)
          .toArray(Color[]::new);

  /** The legend beside the plot, a white background, the series colours. */
  private static void commonStyle(Styler styler) {
    styler
        .setLegendPosition(Styler.LegendPosition.OutsideE)
        .setChartBackgroundColor(Color.WHITE)
        .setSeriesColors(SERIES_COLORS);
  }

  /**
   * Rates and scores run from 0 to 1 on their axis, whatever the values, so charts compare at a
   * glance; rates are labelled in percent and costs in dollars, as the summary table shows them.
   */
  private static void unitAxis(AxesChartStyler styler, String metric) {
    if (ColumnFormats.isUnitInterval(metric)) {
      // A hair wider than [0, 1], unevenly: when the axis' ends and the values are evenly spaced
      // (within 1e-4), XChart puts ticks at those values only — a chart whose values are all
      // equal, like the gold model's 100 % everywhere, got two ticks, 0 % and 100 %, instead of
      // its usual ones (every 10 % at the charts' size).
      styler
          .setYAxisMin(-0.001)
          .setYAxisMax(1.002)
          .setYAxisDecimalPattern(ColumnFormats.isRate(metric) ? "0%" : "0.0#");
    } else if (metric.startsWith("cost")) {
      styler.setYAxisDecimalPattern("$#,##0.00##");
    }
  }

  /**
   * Writes both charts of {@code metric} as {@code {dir}/{metric}-by-run-id.png} and {@code
   * {metric}-by-info-ratio.png}.
   */
  public static List<Path> writeBoth(Table summary, String metric, Path dir) {
    requireChartable(summary, metric);
    return List.of(
        writePng(metricByModelAndRunId(summary, metric), dir.resolve(metric + "-by-run-id.png")),
        writePng(metricByInfoRatio(summary, metric), dir.resolve(metric + "-by-info-ratio.png")));
  }

  /**
   * Refuses a charts folder that cannot be one — it, or a folder above it, is a file — so that a
   * command stops before its work rather than after it. A folder not there yet is created when the
   * charts are written.
   */
  public static void requireFolder(Path dir) {
    AtomicFiles.fileInTheWay(dir)
        .ifPresent(
            file -> {
              throw new IllegalArgumentException(
                  "charts folder "
                      + dir
                      + ": "
                      + file
                      + " is a file, not a folder; name a folder for the charts (it is created"
                      + " when missing)");
            });
  }

  /** Writes {@code image} as a PNG file, creating its folder. */
  public static Path writePng(BufferedImage image, Path file) {
    return AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer for this image");
          }
        });
  }

  /** A run_id that is only a ratio, such as {@code 0.4}. */
  private static boolean isPlainRatio(String runId) {
    return runId.matches("\\d+(\\.\\d*)?|\\.\\d+");
  }

  private static String seriesName(Row row, boolean withSettings) {
    String model = row.getString(ResultsSummary.MODEL);
    return withSettings
        ? model
            + " T="
            + row.getString(ResultsSummary.TEMPERATURE)
            + " n="
            + row.getInt(ResultsSummary.N)
        : model;
  }

  /** Several datasets in one table would collide on the x axis: name the dataset then. */
  private static String datasetSuffix(Table summary, Row row) {
    return summary.stringColumn(ResultsSummary.DATASET).countUnique() > 1
        ? " (" + row.getString(ResultsSummary.DATASET) + ")"
        : "";
  }

  private static boolean severalSettingsPerModel(Table summary) {
    Map<String, Set<String>> settings = new LinkedHashMap<>();
    for (Row row : summary) {
      settings
          .computeIfAbsent(row.getString(ResultsSummary.MODEL), k -> new LinkedHashSet<>())
          .add(row.getString(ResultsSummary.TEMPERATURE) + "/" + row.getInt(ResultsSummary.N));
    }
    return settings.values().stream().anyMatch(s -> s.size() > 1);
  }
}
