package org.editbench.infbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.core.TextValue;

/** The benchmark's three prompt templates (resources, byte-exact) and their placeholder filling. */
public enum PromptTemplate {
  /** History given and a requirement text. */
  HISTORY_AND_REQUIREMENT("history_and_requirement.txt"),
  /** History given, no requirement text. */
  HISTORY_ONLY("history_only.txt"),
  /** No history, a requirement text. */
  REQUIREMENT_ONLY("requirement_only.txt");

  private final String text;

  /** Literal parts (shared values) and placeholder names, in order. */
  private final List<Object> segments = new ArrayList<>();

  PromptTemplate(String resource) {
    try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("prompt template resource missing: " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = Placeholder.PATTERN.matcher(text);
    int last = 0;
    while (m.find()) {
      segments.add(TextValue.shared(text.substring(last, m.start())));
      segments.add(m.group(1));
      last = m.end();
    }
    segments.add(TextValue.shared(text.substring(last)));
  }

  /** Enum constructors cannot read the enum's own static fields; a holder class can. */
  private static final class Placeholder {
    static final Pattern PATTERN = Pattern.compile("\\$\\{(\\w+)\\}\\$");
  }

  /**
   * The template for a prompt, chosen as the reference chooses it; {@code null} when there is
   * neither history nor requirement, for which the reference writes an empty prompt.
   */
  public static PromptTemplate choose(boolean hasRequirement, boolean hasHistory) {
    if (hasRequirement) {
      return hasHistory ? HISTORY_AND_REQUIREMENT : REQUIREMENT_ONLY;
    }
    return hasHistory ? HISTORY_ONLY : null;
  }

  /** The template text with placeholders {@code ${name}$}. */
  public String text() {
    return text;
  }

  /**
   * The template with every {@code ${name}$} replaced by its value, inserted literally; a
   * placeholder without a value is an error.
   */
  public TextValue fill(Map<String, TextValue> values) {
    List<TextValue> parts = new ArrayList<>(segments.size());
    for (Object segment : segments) {
      if (segment instanceof TextValue literal) {
        parts.add(literal);
      } else {
        TextValue value = values.get((String) segment);
        if (value == null) {
          throw new IllegalStateException("no value for placeholder " + segment + " in " + name());
        }
        parts.add(value);
      }
    }
    return TextValue.concat(parts);
  }
}
