package org.editbench.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON text into a Jackson tree with jackson-core's streaming parser, building exactly the tree
 * {@code ObjectMapper.readTree} builds with its defaults — without an ObjectMapper, whose creation
 * loads some 650 classes: about 0.2 s of CPU at the start of every build — and what is wrong with a
 * text it refuses, as a reader says it. The JSON Lines readers ({@link JsonLineReader}) and the
 * whole-document reader ({@link Jsonl#readDocument}) both read through it.
 */
public final class JsonTrees {
  /**
   * Jackson's stream limits, raised so that any line that fits in memory is read: by default
   * Jackson refuses strings over 20 MB, and a prompt or a patch can be longer than that.
   */
  static final StreamReadConstraints READ_LIMITS =
      StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .build();

  /** The parser factory of every JSON Lines reader. */
  static final JsonFactory FACTORY =
      new JsonFactoryBuilder().streamReadConstraints(READ_LIMITS).build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Where Jackson says an unclosed array or object started: {@code [Source: REDACTED (…); line: L,
   * column: C]}, of which only the place means anything to a reader.
   */
  private static final Pattern SOURCE_LOCATION =
      Pattern.compile(
          "\\[Source: [^;\\]]*(?:\\([^)]*\\))?[^;\\]]*; line: (\\d+), column: (\\d+)\\]");

  private static final Pattern UNCLOSED =
      Pattern.compile(
          "Unexpected end-of-input(?:: expected close marker for (OBJECT|ARRAY)| within/between"
              + " (Object|Array) entries)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern UNEXPECTED_CHARACTER =
      Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+[^)]*\\)\\): ");

  private static final Pattern UNRECOGNIZED_TOKEN =
      Pattern.compile("Unrecognized token '(.*?)': was expecting");

  private static final Pattern CONTROL_CHARACTER =
      Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");

  private JsonTrees() {}

  /**
   * What is wrong with a line the parser refused: not valid JSON, or over one of Jackson's limits
   * (which is not the line's fault, and is said so).
   */
  public static String problem(JsonProcessingException e) {
    String message =
        SOURCE_LOCATION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
    if (e instanceof StreamConstraintsException) {
      return "over a limit of the JSON parser (" + message + ")";
    }
    if (message.contains("(code 65279 / 0xfeff)")) {
      // Editors that save "UTF-8 with BOM" put one before the first line.
      return "not valid JSON: a byte order mark (U+FEFF) outside a string, as editors saving"
          + " \"UTF-8 with BOM\" write at the start of a file; save it as UTF-8 without BOM";
    }
    String plain = inPlainWords(message);
    if (plain == null) {
      return "not valid JSON (" + message + ")";
    }
    JsonLocation at = e.getLocation();
    return "not valid JSON ("
        + plain
        + (at != null && at.getColumnNr() > 0 ? ", at column " + at.getColumnNr() : "")
        + ")";
  }

  /**
   * The parser's words for the common mistakes, in a reader's: what is wrong and where in the
   * line's structure, without token names such as VALUE_STRING or the code of a character; null for
   * a message without such a translation, which is then shown as the parser wrote it.
   */
  static String inPlainWords(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.startsWith("unexpected end-of-input: was expecting closing quote")
        || lower.startsWith("unexpected end-of-input in value_string")
        || lower.startsWith("unexpected end-of-input in field_name")
        || lower.startsWith("unexpected end-of-input in field name")) {
      return "it ends inside a string: its closing quote is missing, or it was cut short";
    }
    Matcher unclosed = UNCLOSED.matcher(message);
    if (unclosed.lookingAt()) {
      String kind = unclosed.group(1) != null ? unclosed.group(1) : unclosed.group(2);
      boolean object = kind.equalsIgnoreCase("OBJECT");
      return "it ends before its "
          + (object ? "object is closed (a missing })" : "array is closed (a missing ])")
          + ", or was cut short";
    }
    Matcher unexpected = UNEXPECTED_CHARACTER.matcher(message);
    if (unexpected.lookingAt()) {
      String expected = message.substring(unexpected.end());
      String where =
          expected.startsWith("expected a valid value")
              ? "where a value should be"
              : expected.startsWith("was expecting comma to separate Object entries")
                  ? "where a comma or } should be"
                  : expected.startsWith("was expecting comma to separate Array entries")
                      ? "where a comma or ] should be"
                      : expected.startsWith("was expecting double-quote to start field name")
                          ? "where a field name in double quotes should be"
                          : expected.startsWith("was expecting a colon")
                              ? "where a colon should be"
                              : null;
      return where == null ? null : "unexpected '" + unexpected.group(1) + "' " + where;
    }
    Matcher token = UNRECOGNIZED_TOKEN.matcher(message);
    if (token.lookingAt()) {
      return "unrecognized word '"
          + token.group(1)
          + "' where a value should be (a string needs double quotes; the words JSON knows are"
          + " true, false and null)";
    }
    Matcher control = CONTROL_CHARACTER.matcher(message);
    if (control.lookingAt()) {
      return String.format(
          Locale.ROOT,
          "a control character (U+%04X) inside a string, which JSON needs escaped (\\n, \\t,"
              + " \\u00XX)",
          Integer.parseInt(control.group(1)));
    }
    return null;
  }

  /**
   * {@code new ObjectMapper().readTree(text)}: the JSON value of the text, a missing node for no
   * value; objects keep their first order of keys and the last value of a repeated key; integers as
   * int, long or BigInteger nodes by size, other numbers as doubles. Unlike readTree, and as
   * Python's {@code json.loads}, anything but whitespace after the value makes the text invalid:
   * two records joined on one line must not pass as the first of them.
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
          if (parser.nextToken() != null) {
            throw new JsonParseException(
                parser,
                "extra data after the JSON value, at column "
                    + parser.currentTokenLocation().getColumnNr()
                    + " (one value is expected: in JSON Lines, two records on one line?)");
          }
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
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
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
