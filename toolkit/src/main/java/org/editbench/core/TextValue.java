package org.editbench.core;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A string value that can be written as JSON without first being joined into one String: a leaf
 * text, a concatenation of values, or null. A {@linkplain #shared shared} value keeps its escaped
 * form after the first write — infbench variants of one instance share code blocks, history steps
 * and ground truths, the bulk of their lines, and escape each of them once.
 */
public abstract sealed class TextValue {
  private static final TextValue NULL = new Leaf(null);

  /** A text written as is (or JSON {@code null} for a null reference). */
  public static TextValue of(String text) {
    return text == null ? NULL : new Leaf(text);
  }

  /** A text that will be written several times: escaped once, then copied. */
  public static TextValue shared(String text) {
    return text == null ? NULL : new Shared(() -> text, out -> out.escaped(text));
  }

  /**
   * A text that will be written several times and that is cheaper to write escaped directly than to
   * build: {@code escapedWriter} must append exactly {@code JsonText.escaped(text.get())}. Escaped
   * once, then copied; built only when its {@link #text()} is asked for.
   */
  public static TextValue shared(Supplier<String> text, Consumer<JsonText> escapedWriter) {
    return new Shared(text, escapedWriter);
  }

  /** The concatenation of {@code parts}, none of them null. */
  public static TextValue concat(List<TextValue> parts) {
    return new Concat(List.copyOf(parts));
  }

  public boolean isNull() {
    return this == NULL;
  }

  /** The joined text; {@code null} for the null value. */
  public String text() {
    StringBuilder out = new StringBuilder();
    appendText(out);
    return out.toString();
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

  abstract void appendText(StringBuilder out);

  /** Appends the inside of the value's JSON string literal. */
  abstract void writeEscaped(JsonText out);

  @Override
  public String toString() {
    return String.valueOf(text());
  }

  private static final class Leaf extends TextValue {
    private final String text;

    Leaf(String text) {
      this.text = text;
    }

    @Override
    public String text() {
      return text;
    }

    @Override
    void appendText(StringBuilder out) {
      out.append(text);
    }

    @Override
    void writeEscaped(JsonText out) {
      out.escaped(text);
    }
  }

  private static final class Concat extends TextValue {
    private final List<TextValue> parts;

    Concat(List<TextValue> parts) {
      this.parts = parts;
    }

    @Override
    void appendText(StringBuilder out) {
      for (TextValue part : parts) {
        part.appendText(out);
      }
    }

    @Override
    void writeEscaped(JsonText out) {
      for (TextValue part : parts) {
        part.writeEscaped(out);
      }
    }
  }

  private static final class Shared extends TextValue {
    private final Supplier<String> text;
    private final Consumer<JsonText> escapedWriter;

    /** Volatile: prompt template literals are shared by the worker threads. */
    private volatile byte[] escaped;

    Shared(Supplier<String> text, Consumer<JsonText> escapedWriter) {
      this.text = text;
      this.escapedWriter = escapedWriter;
    }

    @Override
    public String text() {
      return text.get();
    }

    @Override
    void appendText(StringBuilder out) {
      out.append(text.get());
    }

    @Override
    void writeEscaped(JsonText out) {
      byte[] e = escaped;
      if (e != null) {
        out.raw(e);
        return;
      }
      int start = out.length();
      escapedWriter.accept(out);
      escaped = out.copyFrom(start);
    }
  }
}
