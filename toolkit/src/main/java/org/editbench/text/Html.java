package org.editbench.text;

/** Text put into HTML. */
public final class Html {
  private Html() {}

  /** {@code text} as HTML character data or a quoted attribute value. */
  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
