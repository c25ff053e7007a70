package org.editbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;

/** Reading JSON Lines files with every problem located as {@code file:line}. */
public final class Jsonl {
  /**
   * One shared mapper, for callers that bind or write objects: thread-safe once configured, and
   * costly to create — which is why reading JSON Lines does without it ({@link JsonLineReader}).
   */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Jsonl() {}

  /** A parsed line and where it came from. */
  public record Line(Path file, int number, JsonNode json) {
    public DataFormatException error(String problem) {
      return new DataFormatException(file, number, problem);
    }
  }

  /** {@link JsonLineReader#readAll}. */
  public static List<Line> readAll(Path file) {
    return JsonLineReader.readAll(file);
  }

  /** {@link JsonLineReader#parse}. */
  public static JsonNode parse(Path file, int number, String text) {
    return JsonLineReader.parse(file, number, text);
  }
}
