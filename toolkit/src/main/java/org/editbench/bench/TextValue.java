package org.editbench.bench;

import java.util.List;

/**
 * A string value that can be written as JSON without first being joined into one String: a leaf
 * text, a concatenation of values, or null. A {@linkplain #shared shared} leaf keeps its escaped
 * form after the first write — infbench variants cutting a history at the same step share the
 * same code block, the largest part of their prompts, and escape it once.
 */
public final class TextValue {
  private static final TextValue NULL = new TextValue(null, null, false);

  private final String leaf;
  private final List<TextValue> parts;
  private final boolean cacheEscaped;
  private byte[] escaped;

  private TextValue(String leaf, List<TextValue> parts, boolean cacheEscaped) {
    this.leaf = leaf;
    this.parts = parts;
    this.cacheEscaped = cacheEscaped;
  }

  /** A text written as is (or JSON {@code null} for a null reference). */
  public static TextValue of(String text) {
    return text == null ? NULL : new TextValue(text, null, false);
  }

  /** A text that will be written several times: escaped once, then copied. */
  public static TextValue shared(String text) {
    return text == null ? NULL : new TextValue(text, null, true);
  }

  /** The concatenation of {@code parts}, none of them null. */
  public static TextValue concat(List<TextValue> parts) {
    return new TextValue(null, List.copyOf(parts), false);
  }

  public boolean isNull() {
    return this == NULL;
  }

  /** The joined text; {@code null} for the null value. */
  public String text() {
    if (parts == null) {
      return leaf;
    }
    StringBuilder out = new StringBuilder();
    appendText(out);
    return out.toString();
  }

  private void appendText(StringBuilder out) {
    if (parts == null) {
      out.append(leaf);
    } else {
      parts.forEach(p -> p.appendText(out));
    }
  }

  /** Writes the value as a JSON string literal, or {@code null}. */
  public void writeJson(JsonText out) {
    if (isNull()) {
      out.raw("null");
      return;
    }
    out.raw('"');
    writeEscaped(out);
    out.raw('"');
  }

  private void writeEscaped(JsonText out) {
    if (parts != null) {
      parts.forEach(p -> p.writeEscaped(out));
    } else if (!cacheEscaped) {
      out.escaped(leaf);
    } else {
      byte[] e = escaped;
      if (e == null) {
        e = new JsonText(leaf.length() + 16).escaped(leaf).toBytes();
        escaped = e;
      }
      out.raw(e);
    }
  }

  @Override
  public String toString() {
    return String.valueOf(text());
  }
}
