package org.editbench.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading JSON Lines files with every problem located as {@code file:line}. */
public final class Jsonl {
  /** One shared mapper: thread-safe once configured, and costly to create. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Jsonl() {}

  /** A parsed line and where it came from. */
  public record Line(Path file, int number, JsonNode json) {
    public DataFormatException error(String problem) {
      return new DataFormatException(file, number, problem);
    }
  }

  /**
   * Every non-blank line of {@code file}, parsed. A line that is not JSON is a
   * {@link DataFormatException}; a missing file too.
   */
  public static List<Line> readAll(Path file) {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        lines.add(new Line(file, number, parse(file, number, text)));
      }
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return lines;
  }

  /** Parses one line's text, or fails with {@code file:line: not valid JSON (...)}. */
  public static JsonNode parse(Path file, int number, String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(file, number, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }
}
