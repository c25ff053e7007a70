package org.editbench.notebook;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.editbench.core.AtomicFiles;
import org.editbench.core.DataFormatException;
import org.editbench.core.Jsonl;

/**
 * An nbformat 4 notebook, held as its JSON so that everything this code does not touch (metadata,
 * markdown cells, attachments) is written back as it was read.
 */
public final class NotebookDocument {
  /** Writes {@code \u001b}, as Python does, not {@code \u001B}. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

  private final ObjectNode root;

  private NotebookDocument(ObjectNode root) {
    this.root = root;
  }

  /**
   * The notebook in {@code file}, checked as far as running it depends on: an nbformat 4 document
   * whose cells are objects with a type and a source.
   *
   * @throws DataFormatException the file is not UTF-8, not JSON ({@code file:line}) or not such a
   *     notebook (what is wrong, and in which cell)
   */
  public static NotebookDocument read(Path file) {
    JsonNode root = Jsonl.readDocument(file, "notebook");
    if (!(root instanceof ObjectNode object)) {
      throw notANotebook(
          file,
          root.isMissingNode()
              ? "the file is empty"
              : "it holds " + Jsonl.describe(root) + ", not an object");
    }
    JsonNode format = root.get("nbformat");
    if (format == null || !format.isIntegralNumber()) {
      throw notANotebook(file, "it has no \"nbformat\" number");
    }
    if (format.asInt() != 4) {
      throw new DataFormatException(
          file,
          "an nbformat "
              + format.asInt()
              + " notebook; notebooks run here are nbformat 4: convert it with 'jupyter nbconvert"
              + " --to notebook --nbformat 4 "
              + file
              + "'");
    }
    JsonNode cells = root.get("cells");
    if (cells == null || !cells.isArray()) {
      throw notANotebook(file, "it has no \"cells\" list");
    }
    for (int i = 0; i < cells.size(); i++) {
      String problem = cellProblem(cells.get(i));
      if (problem != null) {
        throw new DataFormatException(file, "cell " + (i + 1) + ": " + problem);
      }
    }
    return new NotebookDocument(object);
  }

  private static DataFormatException notANotebook(Path file, String why) {
    return new DataFormatException(file, "not an nbformat 4 notebook: " + why);
  }

  /** What keeps {@code cell} from being run or shown as a cell, or null when nothing does. */
  private static String cellProblem(JsonNode cell) {
    if (!cell.isObject()) {
      return Jsonl.describe(cell) + " where a cell object belongs";
    }
    if (!cell.path("cell_type").isTextual()) {
      return "no \"cell_type\" (code, markdown or raw)";
    }
    JsonNode source = cell.get("source");
    boolean lines = source != null && source.isArray();
    if (source == null || !(source.isTextual() || lines) || (lines && !allText(source))) {
      return "\"source\" must be a string or a list of strings, found "
          + (source == null ? "none" : Jsonl.describe(source));
    }
    return null;
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode line : array) {
      if (!line.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /** All cells, in order; {@link Cell#isCode()} tells which ones run. */
  public List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    ArrayNode array = (ArrayNode) root.get("cells");
    for (int i = 0; i < array.size(); i++) {
      cells.add(new Cell(i + 1, (ObjectNode) array.get(i)));
    }
    return cells;
  }

  /**
   * Writes the notebook as Jupyter's nbformat does ({@code json.dumps(nb, sort_keys=True, indent=1,
   * ensure_ascii=False)} and a final newline), so that running a notebook kept in git changes its
   * outputs and nothing else.
   */
  public void write(Path file) {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(separators)
            .withObjectIndenter(new DefaultIndenter(" ", "\n"))
            .withArrayIndenter(new DefaultIndenter(" ", "\n"));
    String text;
    try {
      text = JSON.writer(printer).writeValueAsString(sortedKeys(root)) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write notebook " + file + ": " + AtomicFiles.describe(e), e);
    }
    AtomicFiles.writeString(
        file, text); // a failed write leaves the notebook as it was, not cut off
  }

  /** {@code node} with every object's keys in order, as {@code sort_keys=True} writes them. */
  private static JsonNode sortedKeys(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> byKey = new TreeMap<>();
      node.properties().forEach(property -> byKey.put(property.getKey(), property.getValue()));
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      byKey.forEach((key, value) -> sorted.set(key, sortedKeys(value)));
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode sorted = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(element -> sorted.add(sortedKeys(element)));
      return sorted;
    }
    return node;
  }

  /** A cell and its 1-based position in the notebook. */
  public static final class Cell {
    private final int number;
    private final ObjectNode json;

    private Cell(int number, ObjectNode json) {
      this.number = number;
      this.json = json;
    }

    public int number() {
      return number;
    }

    public boolean isCode() {
      return "code".equals(json.path("cell_type").asText());
    }

    /** The source, whether stored as one string or as a list of lines. */
    public String source() {
      return multiline(json.path("source"));
    }

    /** Replaces the outputs and the execution count, as running the cell does. */
    public void setResult(int executionCount, List<ObjectNode> outputs) {
      json.put("execution_count", executionCount);
      json.putArray("outputs").addAll(outputs);
    }
  }

  static String multiline(JsonNode node) {
    if (node.isArray()) {
      StringBuilder text = new StringBuilder();
      node.forEach(line -> text.append(line.asText()));
      return text.toString();
    }
    return node.asText("");
  }

  /** Text split after each newline, as nbformat stores multi-line strings (diffs stay readable). */
  static ArrayNode lines(String text) {
    ArrayNode lines = JsonNodeFactory.instance.arrayNode();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /**
   * A MIME bundle as nbformat's {@code data}: text as lines, JSON as JSON, base64 as one string.
   */
  static ObjectNode mimeData(Map<String, Object> data) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    data.forEach(
        (mime, value) -> {
          if (mime.endsWith("json") && !(value instanceof String)) {
            node.set(mime, JSON.valueToTree(value));
          } else if (mime.startsWith("text/") || mime.endsWith("+xml")) {
            node.set(mime, lines(String.valueOf(value)));
          } else {
            node.put(mime, String.valueOf(value));
          }
        });
    return node;
  }

  static ObjectNode object(Map<String, Object> map) {
    return JSON.valueToTree(map);
  }
}
