package org.editbench.notebook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.editbench.results.ColumnFormats;
import org.editbench.text.Html;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as an HTML table (what Jupyter shows) and as aligned text (what a terminal
 * shows), numbers formatted by column ({@link ColumnFormats}: percentages, dollars, thousands
 * separators) and right-aligned.
 *
 * <p>The HTML carries its own style, made to read in light and dark themes alike: text in the
 * theme's colour ({@code inherit}, where Jupyter Notebook 6 would force black), rules and stripes
 * in translucent grey over the theme's background, and every row's background set, which overrides
 * the notebook's light-grey stripes.
 */
final class TableRendering {
  /** Rows shown before the rest is summarized, so a large table cannot flood a notebook. */
  static final int MAX_ROWS = 50;

  private static final String CELL = "padding: 0.25em 0.7em; border: none; white-space: nowrap;";
  private static final String STRIPE = "rgba(128, 128, 128, 0.10)";
  private static final String RULE = "1px solid rgba(128, 128, 128, 0.55)";

  private TableRendering() {}

  static MimeBundle render(Table table) {
    Table shown =
        ColumnFormats.applyTo(table.rowCount() > MAX_ROWS ? table.first(MAX_ROWS) : table.copy());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(MimeBundle.HTML, html(shown, table.rowCount()));
    data.put(
        MimeBundle.TEXT,
        shown.print(MAX_ROWS)
            + (table.rowCount() > MAX_ROWS
                ? "\n" + MAX_ROWS + " of " + table.rowCount() + " rows shown"
                : ""));
    return MimeBundle.of(data);
  }

  /** {@code shown}, the first rows of a table of {@code totalRows}, as HTML. */
  static String html(Table shown, int totalRows) {
    StringBuilder html =
        new StringBuilder(
            "<table class=\"dataframe editbench-table\" style=\"border-collapse:"
                + " collapse; border: none; color: inherit; font-variant-numeric: tabular-nums; margin: 0.3em 0;"
                + " table-layout: auto\">\n");
    if (shown.name() != null && !shown.name().isBlank()) {
      html.append(
              "<caption style=\"caption-side: top; text-align: left; font-weight: bold; color: inherit;"
                  + " padding: 0.2em 0.7em\">")
          .append(Html.escape(shown.name()))
          .append("</caption>\n");
    }
    html.append("<thead><tr style=\"background: transparent\">");
    for (Column<?> column : shown.columns()) {
      html.append("<th style=\"")
          .append(CELL)
          .append(" text-align: ")
          .append(align(column))
          .append("; border-bottom: ")
          .append(RULE)
          .append("; font-weight: bold\">")
          .append(Html.escape(column.name()))
          .append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (int row = 0; row < shown.rowCount(); row++) {
      html.append("<tr style=\"background: ")
          .append(row % 2 == 1 ? STRIPE : "transparent")
          .append("\">");
      for (Column<?> column : shown.columns()) {
        html.append("<td style=\"")
            .append(CELL)
            .append(" text-align: ")
            .append(align(column))
            .append("\">")
            .append(Html.escape(column.getString(row)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    if (totalRows > shown.rowCount()) {
      html.append("<p>")
          .append(shown.rowCount())
          .append(" of ")
          .append(totalRows)
          .append(" rows shown</p>\n");
    }
    return html.toString();
  }

  private static String align(Column<?> column) {
    return column instanceof NumberColumn<?, ?> ? "right" : "left";
  }
}
