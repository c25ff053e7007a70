package org.editbench.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One displayable value in as many representations as a renderer offers, keyed by MIME type, as
 * Jupyter's {@code display_data} and nbformat's outputs carry them. Binary data (PNG) is base64
 * text.
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {
  public static final String TEXT = "text/plain";
  public static final String HTML = "text/html";
  public static final String PNG = "image/png";

  public MimeBundle {
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  public static MimeBundle of(Map<String, Object> data) {
    return new MimeBundle(data, Map.of());
  }

  public static MimeBundle text(String text) {
    return of(Map.of(TEXT, text));
  }

  /** The {@code text/plain} representation, or null when there is none. */
  public String text() {
    return (String) data.get(TEXT);
  }
}
