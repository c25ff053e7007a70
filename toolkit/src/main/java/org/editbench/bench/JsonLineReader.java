package org.editbench.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.editbench.Reporter;

/**
 * Reads JSON Lines into Jackson trees with jackson-core's streaming parser, building exactly the
 * tree {@code ObjectMapper.readTree} builds with its defaults — without an ObjectMapper, whose
 * creation loads some 650 classes: about 0.2 s of CPU at the start of every build, before the
 * first instance can be derived. {@link Jsonl} reads through this class too; the bench and
 * output readers on the build's start-up path call it directly, so that they never initialize
 * {@link Jsonl#MAPPER}.
 */
public final class JsonLineReader {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonLineReader() {}

  /**
   * Every non-blank line of {@code file}, parsed. A line that is not JSON is a
   * {@link DataFormatException}; a missing file too.
   */
  public static List<Jsonl.Line> readAll(Path file) {
    List<Jsonl.Line> lines = new ArrayList<>();
    try {
      forEachLine(file, (number, text) -> lines.add(new Jsonl.Line(file, number, parse(file, number, text))));
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return lines;
  }

  /**
   * The JSON objects among the lines of {@code file}, for files other tools may have written (a
   * line torn by a crash must not stop the reading): a line that is not valid JSON, or not an
   * object, is reported as {@code file:line: ...; }{@code leftOut} and skipped. Blank lines are
   * skipped silently; a file that cannot be read is an {@link UncheckedIOException}.
   */
  public static List<Jsonl.Line> readObjectsLeniently(Path file, Reporter reporter, String leftOut) {
    List<Jsonl.Line> objects = new ArrayList<>();
    try {
      forEachLine(file, (number, text) -> {
        try {
          JsonNode node = tree(text);
          if (node.isObject()) {
            objects.add(new Jsonl.Line(file, number, node));
          } else {
            reporter.warn(file + ":" + number + ": not a JSON object; " + leftOut);
          }
        } catch (JsonProcessingException e) {
          reporter.warn(file + ":" + number + ": not valid JSON (" + e.getOriginalMessage() + "); " + leftOut);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return objects;
  }

  private interface LineHandler {
    void line(int number, String text);
  }

  /** Hands every non-blank line of {@code file} to {@code handler}, with its 1-based number. */
  private static void forEachLine(Path file, LineHandler handler) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (!text.isBlank()) {
          handler.line(number, text);
        }
      }
    }
  }

  /** Parses one line's text, or fails with {@code file:line: not valid JSON (...)}. */
  public static JsonNode parse(Path file, int number, String text) {
    try {
      return tree(text);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(file, number, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  /**
   * {@code new ObjectMapper().readTree(text)}: the first JSON value of the text (what follows it
   * is not read), a missing node for no value; objects keep their first order of keys and the
   * last value of a repeated key; integers as int, long or BigInteger nodes by size, other
   * numbers as doubles.
   */
  public static JsonNode tree(String text) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      // Iterative, as Jackson's own tree reader: a recursive one compiled (C2) into one of the
      // costliest methods of a whole build, and deep nesting cannot overflow the stack.
      Deque<ContainerNode<?>> open = new ArrayDeque<>();
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT) {
          open.push(NODES.objectNode());
          continue;
        }
        if (token == JsonToken.START_ARRAY) {
          open.push(NODES.arrayNode());
          continue;
        }
        if (token == JsonToken.FIELD_NAME) {
          continue;
        }
        JsonNode value = token.isStructEnd() ? open.pop() : scalar(parser, token);
        ContainerNode<?> parent = open.peek();
        if (parent == null) {
          return value;
        }
        if (parent instanceof ObjectNode object) {
          // after an object's or array's end the parser names the field it was the value of
          object.replace(parser.currentName(), value);
        } else {
          ((ArrayNode) parent).add(value);
        }
      }
      return NODES.missingNode();
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail: " + e.getMessage(), e);
    }
  }

  private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IllegalStateException("a JSON text parser does not yield " + token);
    };
  }
}
