package org.editbench.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes JSON exactly as Python's {@code json.dumps(obj)} does with its defaults ({@code
 * ensure_ascii=True}, separators {@code ", "} and {@code ": "}): the reference implementation
 * writes its JSONL that way, and byte-identical output depends on it.
 */
public final class PyJson {
  private PyJson() {}

  /** A string, or {@code null} for a null reference. */
  public static void writeNullableString(JsonText out, String value) {
    if (value == null) {
      out.raw("null");
    } else {
      out.quoted(value);
    }
  }

  /** A list of strings. */
  public static void writeStringList(JsonText out, List<String> values) {
    writeList(out, values, PyJson::writeNullableString);
  }

  /** A list of string values. */
  public static void writeTextList(JsonText out, List<TextValue> values) {
    writeList(out, values, (json, value) -> value.writeJson(json));
  }

  /** A list of JSON values. */
  public static void writeNodeList(JsonText out, List<JsonNode> values) {
    writeList(out, values, PyJson::write);
  }

  private static <T> void writeList(JsonText out, List<T> values, BiConsumer<JsonText, T> element) {
    out.raw('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.raw(", ");
      }
      element.accept(out, values.get(i));
    }
    out.raw(']');
  }

  /** Any JSON value. */
  public static void write(JsonText out, JsonNode node) {
    switch (node.getNodeType()) {
      case STRING -> out.quoted(node.textValue());
      case NUMBER ->
          out.raw(
              node.isIntegralNumber()
                  ? node.bigIntegerValue().toString()
                  : floatRepr(node.doubleValue()));
      case BOOLEAN -> out.raw(node.booleanValue() ? "true" : "false");
      case ARRAY -> {
        out.raw('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.raw(", ");
          }
          write(out, node.get(i));
        }
        out.raw(']');
      }
      case OBJECT -> {
        out.raw('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          if (!first) {
            out.raw(", ");
          }
          first = false;
          out.quoted(e.getKey()).raw(": ");
          write(out, e.getValue());
        }
        out.raw('}');
      }
      default -> out.raw("null");
    }
  }

  /** One value as a Python JSON text. */
  public static String toJson(JsonNode node) {
    JsonText out = new JsonText();
    write(out, node);
    return out.toString();
  }

  /** One string as a Python JSON string literal. */
  public static String quote(String value) {
    return new JsonText(value.length() + 16).quoted(value).toString();
  }

  /**
   * Python's {@code repr(float)}: the shortest round-tripping digits, in positional notation for
   * exponents from -4 to 15 and scientific ({@code 1e-05}, {@code 1.5e+16}) outside that range.
   */
  public static String floatRepr(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    String digits = decimal.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - decimal.scale(); // decimal exponent of the first digit
    String sign = value < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String plain = decimal.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = String.format("%02d", Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }
}
