package org.editbench.core;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reading JSON Lines files with every problem located as {@code file:line}. */
public final class Jsonl {
  /**
   * One shared mapper, for callers that bind or write objects: thread-safe once configured, and
   * costly to create — which is why reading JSON Lines does without it ({@link JsonLineReader}). It
   * reads with the same raised limits as the line readers.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
          new JsonFactoryBuilder().streamReadConstraints(JsonLineReader.READ_LIMITS).build());

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

  /**
   * A whole file holding one JSON value (a model table, a sampled ids file, a harness report), read
   * as strict UTF-8. A missing file, a directory, bytes that are not UTF-8 and bad JSON are each a
   * {@link DataFormatException} naming {@code what} or the line.
   */
  public static JsonNode readDocument(Path file, String what) {
    SafePaths.requireNotDirectory(file);
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        text = StrictUtf8.decode(bytes);
      } catch (StrictUtf8.InvalidUtf8Exception e) {
        throw StrictUtf8.error(file, StrictUtf8.lineOf(bytes, e.offset()), e.offset());
      }
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, what + " not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new DataFormatException(file, line, JsonLineReader.problem(e));
    }
  }
}
