package org.editbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dumps(obj)} does with its defaults
 * ({@code ensure_ascii=True}, separators {@code ", "} and {@code ": "}): the reference
 * implementation writes its JSONL that way, and byte-identical output depends on it.
 */
public final class PyJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PyJson() {}

  /** Appends {@code value} as a Python JSON string literal. */
  public static void writeString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else {
            // Python escapes every char outside printable ASCII (DEL and non-ASCII included),
            // UTF-16 code unit by code unit, with lower-case hex digits.
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          }
        }
      }
    }
    out.append('"');
  }

  /** Appends a string, or {@code null} for a null reference. */
  public static void writeNullableString(StringBuilder out, String value) {
    if (value == null) {
      out.append("null");
    } else {
      writeString(out, value);
    }
  }

  /** Appends a list of strings. */
  public static void writeStringList(StringBuilder out, List<String> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      writeNullableString(out, values.get(i));
    }
    out.append(']');
  }

  /** Appends a list of JSON values. */
  public static void writeNodeList(StringBuilder out, List<JsonNode> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      write(out, values.get(i));
    }
    out.append(']');
  }

  /** Appends any JSON value. */
  public static void write(StringBuilder out, JsonNode node) {
    switch (node.getNodeType()) {
      case STRING -> writeString(out, node.textValue());
      case NUMBER -> writeNumber(out, node);
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          write(out, node.get(i));
        }
        out.append(']');
      }
      case OBJECT -> {
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!first) {
            out.append(", ");
          }
          first = false;
          writeString(out, e.getKey());
          out.append(": ");
          write(out, e.getValue());
        }
        out.append('}');
      }
      default -> out.append("null");
    }
  }

  /** One value as a Python JSON text. */
  public static String toJson(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(out, node);
    return out.toString();
  }

  private static void writeNumber(StringBuilder out, JsonNode node) {
    if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else {
      out.append(floatRepr(node.doubleValue()));
    }
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
