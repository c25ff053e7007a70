package org.editbench.notebook;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.editbench.core.AtomicFiles;
import org.editbench.core.Jsonl;

/**
 * An nbformat 4 notebook, held as its JSON so that everything this code does not touch (metadata,
 * markdown cells, attachments) is written back as it was read.
 */
public final class NotebookDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root;

  private NotebookDocument(ObjectNode root) {
    this.root = root;
  }

  /**
   * The notebook in {@code file}.
   *
   * @throws org.editbench.core.DataFormatException the file is not UTF-8 or not JSON ({@code
   *     file:line})
   * @throws IllegalArgumentException it is JSON but not an nbformat 4 notebook
   */
  public static NotebookDocument read(Path file) {
    JsonNode root = Jsonl.readDocument(file, "notebook");
    if (!(root instanceof ObjectNode object)
        || root.path("nbformat").asInt() != 4
        || !root.path("cells").isArray()) {
      throw new IllegalArgumentException(file + " is not an nbformat 4 notebook");
    }
    return new NotebookDocument(object);
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

  /** Writes the notebook as Jupyter does: one-space indent, a final newline. */
  public void write(Path file) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter(" ", "\n"))
            .withArrayIndenter(new DefaultIndenter(" ", "\n"));
    String text;
    try {
      text = JSON.writer(printer).writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write notebook " + file + ": " + AtomicFiles.describe(e), e);
    }
    AtomicFiles.writeString(
        file, text); // a failed write leaves the notebook as it was, not cut off
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
