package org.editbench.notebook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.editbench.text.Html;
import tech.tablesaw.api.Table;

/** A Tablesaw table as an HTML table (what Jupyter shows) and as aligned text (what a terminal shows). */
final class TableRendering {
  /** Rows shown before the rest is summarized, so a large table cannot flood a notebook. */
  static final int MAX_ROWS = 50;

  private TableRendering() {}

  static MimeBundle render(Table table) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(MimeBundle.HTML, html(table));
    data.put(MimeBundle.TEXT, table.print(MAX_ROWS));
    return MimeBundle.of(data);
  }

  static String html(Table table) {
    StringBuilder html = new StringBuilder("<table class=\"dataframe\">\n");
    if (table.name() != null && !table.name().isBlank()) {
      html.append("<caption>").append(Html.escape(table.name())).append("</caption>\n");
    }
    html.append("<thead><tr>");
    for (String column : table.columnNames()) {
      html.append("<th>").append(Html.escape(column)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    int shown = Math.min(table.rowCount(), MAX_ROWS);
    for (int row = 0; row < shown; row++) {
      html.append("<tr>");
      for (int column = 0; column < table.columnCount(); column++) {
        html.append("<td>").append(Html.escape(table.getString(row, column))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    if (table.rowCount() > shown) {
      html.append("<p>").append(shown).append(" of ").append(table.rowCount()).append(" rows shown</p>\n");
    }
    return html.toString();
  }
}
