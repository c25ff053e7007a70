package org.editbench.results;

import java.io.StringWriter;
import java.util.Locale;
import java.util.Optional;
import org.editbench.text.Html;
import org.editbench.text.TerminalColumns;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/** How {@code editbench summarize} prints the summary table. */
public enum SummaryFormat {
  /**
   * Aligned columns for a terminal: a header, a rule, a line per row; text left-aligned, numbers
   * right-aligned, two spaces between columns, widths counted in terminal columns ({@link
   * TerminalColumns}: a CJK model name takes two per character).
   */
  TEXT,
  /** RFC 4180 CSV with a header and full precision, for spreadsheets and pandas. */
  CSV,
  /** A GitHub Markdown table. */
  MD,
  /** A standalone HTML table. */
  HTML;

  /** The format a file name's extension names ({@code .csv}, {@code .md}, {@code .html}, …). */
  public static Optional<SummaryFormat> ofFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".md")) {
      return Optional.of(MD);
    }
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return Optional.of(HTML);
    }
    return name.endsWith(".txt") ? Optional.of(TEXT) : Optional.empty();
  }

  /**
   * {@code table} in this format; for a person (text, Markdown, HTML) with the numbers as {@link
   * ColumnFormats} shows them — rates as percentages, costs in dollars — which a bare {@code 1}
   * under "applies" is not; CSV at full precision.
   */
  public String render(Table table) {
    return switch (this) {
      case TEXT -> text(shown(table));
      case CSV -> csv(table);
      case MD -> markdown(shown(table));
      case HTML -> html(shown(table));
    };
  }

  private static Table shown(Table table) {
    return ColumnFormats.applyTo(table.copy());
  }

  private static String text(Table table) {
    int columns = table.columnCount();
    String[][] cells = new String[table.rowCount() + 2][columns];
    int[] widths = new int[columns];
    for (int column = 0; column < columns; column++) {
      cells[0][column] = table.column(column).name();
      for (int row = 0; row < table.rowCount(); row++) {
        cells[row + 2][column] = table.getString(row, column);
      }
      for (int row = 0; row < cells.length; row++) {
        if (row != 1) {
          widths[column] = Math.max(widths[column], TerminalColumns.of(cells[row][column]));
        }
      }
      cells[1][column] = "-".repeat(widths[column]);
    }
    StringBuilder text = new StringBuilder();
    for (String[] line : cells) {
      StringBuilder row = new StringBuilder();
      for (int column = 0; column < columns; column++) {
        boolean number = table.column(column) instanceof NumericColumn<?>;
        row.append(column == 0 ? "" : "  ")
            .append(
                number
                    ? TerminalColumns.padLeft(line[column], widths[column])
                    : TerminalColumns.padRight(line[column], widths[column]));
      }
      text.append(row.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  private static String csv(Table table) {
    StringWriter out = new StringWriter();
    table.write().csv(CsvWriteOptions.builder(out).build());
    return out.toString();
  }

  private static String markdown(Table table) {
    StringBuilder md =
        new StringBuilder("| ").append(String.join(" | ", table.columnNames())).append(" |\n|");
    table.columnNames().forEach(c -> md.append("---|"));
    md.append('\n');
    for (int row = 0; row < table.rowCount(); row++) {
      md.append('|');
      for (int column = 0; column < table.columnCount(); column++) {
        md.append(' ').append(table.getString(row, column).replace("|", "\\|")).append(" |");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String html(Table table) {
    StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
    table.columnNames().forEach(c -> html.append("<th>").append(Html.escape(c)).append("</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (int row = 0; row < table.rowCount(); row++) {
      html.append("<tr>");
      for (int column = 0; column < table.columnCount(); column++) {
        html.append("<td>").append(Html.escape(table.getString(row, column))).append("</td>");
      }
      html.append("</tr>\n");
    }
    return html.append("</tbody>\n</table>\n").toString();
  }
}
