package org.editbench.infbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmark's three prompt templates (resources, byte-exact) and their placeholder filling. */
public enum PromptTemplate {
  /** History given and a requirement text. */
  HISTORY_AND_REQUIREMENT("history_and_requirement.txt"),
  /** History given, no requirement text. */
  HISTORY_ONLY("history_only.txt"),
  /** No history, a requirement text. */
  REQUIREMENT_ONLY("requirement_only.txt");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)\\}\\$");

  private final String resource;
  private volatile String text;

  PromptTemplate(String resource) {
    this.resource = resource;
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
    String t = text;
    if (t == null) {
      try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("prompt template resource missing: " + resource);
        }
        t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      text = t;
    }
    return t;
  }

  /** Replaces every {@code ${name}$} with its value; a placeholder without a value is an error. */
  public String fill(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text());
    StringBuilder out = new StringBuilder(text().length() + values.values().stream().mapToInt(String::length).sum());
    int last = 0;
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for placeholder " + m.group(1) + " in " + resource);
      }
      out.append(text(), last, m.start()).append(value);
      last = m.end();
    }
    return out.append(text(), last, text().length()).toString();
  }
}
