package org.editbench.core;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reading JSON Lines files with every problem located as {@code file:line}. */
public final class Jsonl {
  /**
   * One shared mapper, for callers that bind or write objects: thread-safe once configured, and
   * costly to create — which is why reading JSON Lines does without it ({@link JsonLineReader}). It
   * reads with the same raised limits as the line readers.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
          new JsonFactoryBuilder().streamReadConstraints(JsonTrees.READ_LIMITS).build());

  private Jsonl() {}

  /** A parsed line and where it came from. */
  public record Line(Path file, int number, JsonNode json) {
    public DataFormatException error(String problem) {
      return new DataFormatException(file, number, problem);
    }
  }

  /** {@link JsonLineReader#readAll}. */
  public static List<Line> readAll(Path file) {
    return JsonLineReader.readAll(file);
  }

  /** {@link JsonLineReader#parse}. */
  public static JsonNode parse(Path file, int number, String text) {
    return JsonLineReader.parse(file, number, text);
  }

  /**
   * A whole file holding one JSON value (a model table, a sampled ids file, a harness report), read
   * as strict UTF-8. A missing file, a directory, bytes that are not UTF-8 and bad JSON are each a
   * {@link DataFormatException} naming {@code what} or the line.
   */
  public static JsonNode readDocument(Path file, String what) {
    String text = StrictUtf8.readFile(file, what);
    try {
      // As json.load reads a document: text after its value makes it invalid, not ignored.
      return JsonTrees.tree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new DataFormatException(file, line, JsonTrees.problem(e));
    }
  }

  /** What a JSON value is, for messages: "a string", "a number (4)", "a list", "null", … */
  public static String describe(JsonNode v) {
    JsonNodeType t = v.getNodeType();
    return switch (t) {
      case STRING -> "a string";
      case NUMBER -> "a number (" + v + ")";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }
}
