package org.editbench.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.editbench.bench.DataFormatException;
import org.editbench.bench.Jsonl;

/** Small JSON files a user hands over (model tables, sampled ids), with problems located as {@code file:line}. */
final class JsonFiles {
  private JsonFiles() {}

  /** The file's JSON value; a missing file or bad JSON is a {@link DataFormatException} naming {@code what}. */
  static JsonNode read(Path file, String what) {
    try {
      return Jsonl.MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, what + " not found");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new DataFormatException(file, line, "not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
