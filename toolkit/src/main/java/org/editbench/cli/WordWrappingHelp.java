package org.editbench.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's help, with descriptions, headers, footers and option descriptions wrapped at spaces
 * only. picocli wraps where {@link java.text.BreakIterator} allows, which includes the middle of a
 * word after '.', '/', '_' or '}': file names, paths and run_ids would be cut in two ({@code
 * all-task-instances.} / {@code jsonl}).
 */
final class WordWrappingHelp extends Help {
  WordWrappingHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  /** Installs this help on {@code commandLine} and all its subcommands. */
  static void install(CommandLine commandLine) {
    commandLine.setHelpFactory(WordWrappingHelp::new);
  }

  @Override
  public String description(Object... params) {
    return paragraphs(commandSpec().usageMessage().description(), params);
  }

  @Override
  public String header(Object... params) {
    return paragraphs(commandSpec().usageMessage().header(), params);
  }

  @Override
  public String footer(Object... params) {
    return paragraphs(commandSpec().usageMessage().footer(), params);
  }

  @Override
  public Layout createDefaultLayout(
      List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme colorScheme) {
    Layout layout = super.createDefaultLayout(options, positionals, colorScheme);
    return new Layout(
        colorScheme,
        new WordWrappingTable(colorScheme, layout.textTable()),
        layout.optionRenderer(),
        layout.parameterRenderer());
  }

  /**
   * Each line of {@code lines} formatted with {@code params} (as picocli does) and wrapped to the
   * usage width.
   */
  private String paragraphs(String[] lines, Object... params) {
    TextTable table =
        new WordWrappingTable(
            colorScheme(),
            TextTable.forColumnWidths(colorScheme(), commandSpec().usageMessage().width()));
    table.indentWrappedLines = 0;
    for (String line : lines) {
      table.addRowValues(String.format(line, params));
    }
    return table.toString();
  }

  /**
   * A table whose wrapping columns break lines at spaces; a word wider than its column is left to
   * picocli.
   */
  private static final class WordWrappingTable extends TextTable {
    private final ColorScheme colorScheme;

    /** A table with the columns and the indentation of wrapped lines of {@code like}. */
    WordWrappingTable(ColorScheme colorScheme, TextTable like) {
      super(colorScheme, like.columns());
      this.colorScheme = colorScheme;
      indentWrappedLines = like.indentWrappedLines;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column column = columns()[col];
      String plain = value == null ? "" : value.plainString();
      if (column.overflow != Column.Overflow.WRAP
          || plain.length() <= column.width - column.indent
          || plain.indexOf('\n') >= 0
          || !textAt(row, col).plainString().isBlank()) {
        return super.putValue(row, col, value);
      }
      Cell cell = null;
      int start = 0;
      for (int indent = 0; start < plain.length(); indent = indentWrappedLines) {
        int end = lineEnd(plain, start, column.width - column.indent - indent);
        Text line = value.substring(start, end);
        if (cell != null) {
          addEmptyRow();
          row = rowCount() - 1;
          line = colorScheme.ansi().new Text(" ".repeat(indent), colorScheme).concat(line);
        }
        cell = super.putValue(row, col, line);
        row = cell.row;
        start = end;
        while (start < plain.length() && plain.charAt(start) == ' ') {
          start++;
        }
      }
      return cell;
    }

    /**
     * Where the line from {@code start} ends: before the last space that leaves it at most {@code
     * room} wide.
     */
    private static int lineEnd(String text, int start, int room) {
      if (text.length() - start <= room) {
        return text.length();
      }
      int space = text.lastIndexOf(' ', start + room);
      if (space > start) {
        return space;
      }
      int next = text.indexOf(' ', start);
      return next < 0 ? text.length() : next;
    }
  }
}
