package org.editbench.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads JSON Lines a line at a time, each line's JSON into a tree through {@link JsonTrees}: every
 * problem located as {@code file:line}, strictly (a bad line stops the reading) or leniently (it is
 * reported and left out). The bench and output readers on the build's start-up path call it
 * directly, so that they never initialize {@link Jsonl#MAPPER}.
 */
public final class JsonLineReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonLineReader() {}

  /**
   * Every non-blank line of {@code file}, parsed. A line that is not UTF-8 or not JSON, a line too
   * long to hold, a missing file and a directory are each a {@link DataFormatException}.
   */
  public static List<Jsonl.Line> readAll(Path file) {
    List<Jsonl.Line> lines = new ArrayList<>();
    forEachLine(
        file,
        (number, text) -> {
          JsonNode json;
          try {
            json = JsonTrees.tree(text);
          } catch (JsonProcessingException e) {
            String problem = JsonTrees.problem(e);
            // The file's last line, without its line end: what a writer killed mid-line leaves.
            throw new DataFormatException(
                file,
                number,
                isCutShortLastLine(file, number)
                    ? problem
                        + "; it is the file's last line and has no line end, as a run stopped"
                        + " while writing it leaves it: run the command that wrote it again"
                        + " (prompt-builder repairs and completes an infbench file it was stopped"
                        + " writing)"
                    : problem);
          }
          lines.add(new Jsonl.Line(file, number, json));
        });
    return lines;
  }

  /** Whether line {@code number} of {@code file} is its last and has no line end. */
  private static boolean isCutShortLastLine(Path file, int number) {
    long lineEnds = 0;
    byte last = '\n';
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lineEnds++;
          }
        }
        last = buffer[n - 1];
      }
    } catch (IOException e) {
      return false; // no hint then, the error itself stands
    }
    return last != '\n' && number == lineEnds + 1;
  }

  /**
   * Hands every non-blank line's text to {@code handler}, with its 1-based number, for readers that
   * keep a line's text as it is (merges). A line that is not UTF-8 or too long to hold, a missing
   * file and a directory are each a {@link DataFormatException}.
   */
  public static void forEachLine(Path file, LineHandler handler) {
    forEachLine(
        file,
        handler,
        (number, problem) -> {
          throw new DataFormatException(file, number, problem);
        });
  }

  /**
   * The JSON objects among the lines of {@code file}, for files other tools may have written and
   * commands that only read (a line torn by a crash must not stop the reading): a line that is not
   * UTF-8, not valid JSON or not an object is reported as {@code file:line: ...; }{@code leftOut}
   * and skipped. Blank lines are skipped silently; a missing file or a directory is a {@link
   * DataFormatException}.
   */
  public static List<Jsonl.Line> readObjectsLeniently(
      Path file, Reporter reporter, String leftOut) {
    return readObjectsLeniently(file, reporter, leftOut, null);
  }

  /**
   * {@link #readObjectsLeniently(Path, Reporter, String)} for readers that look at a few top-level
   * fields only: each line's object holds at least {@code fields} (as the whole tree would hold
   * them; absent ones absent), read straight from the line's bytes where the line allows ({@link
   * JsonFieldScanner}), other fields possibly not. The same lines are read, left out and reported.
   */
  public static List<Jsonl.Line> readObjectsLeniently(
      Path file, Reporter reporter, String leftOut, List<String> fields) {
    return readObjectsLeniently(file, reporter, leftOut, fields, Map.of());
  }

  /**
   * {@link #readObjectsLeniently(Path, Reporter, String, List)} where the string values of {@code
   * textFields} (some of {@code fields}) are handed to their {@link TextField} as characters and
   * replaced by a POJO node of what it returns, on whichever path the line is read: no String is
   * made of them where the line is read from its bytes. Values of other kinds stay as they are.
   */
  public static List<Jsonl.Line> readObjectsLeniently(
      Path file,
      Reporter reporter,
      String leftOut,
      List<String> fields,
      Map<String, TextField> textFields) {
    List<Jsonl.Line> objects = new ArrayList<>();
    forEachObjectLeniently(file, reporter, leftOut, fields, textFields, objects::add);
    return objects;
  }

  /**
   * {@link #readObjectsLeniently(Path, Reporter, String, List, Map)} handing each object to {@code
   * objects} as it is read, for readers that need one line at a time and keep little of it.
   */
  public static void forEachObjectLeniently(
      Path file,
      Reporter reporter,
      String leftOut,
      List<String> fields,
      Map<String, TextField> textFields,
      Consumer<Jsonl.Line> objects) {
    LineProblem leaveOut = leavingOut(file, reporter, leftOut);
    forEachObject(file, fields, textFields, objects, leaveOut, leaveOut);
  }

  /**
   * The objects of {@code file}'s lines to {@code objects}: a line that holds none goes to {@code
   * notAnObject}, one that cannot be read (not UTF-8, too long) to {@code unreadable}.
   */
  private static void forEachObject(
      Path file,
      List<String> fields,
      Map<String, TextField> textFields,
      Consumer<Jsonl.Line> objects,
      LineProblem notAnObject,
      LineProblem unreadable) {
    LineHandler parsed = objectsOf(file, textFields, notAnObject, objects);
    if (fields == null) {
      forEachLine(file, parsed, unreadable);
      return;
    }
    JsonFieldScanner scanner = new JsonFieldScanner(fields, textFields);
    forEachLine(
        file,
        (number, buf, off, len) -> {
          JsonNode node = scanner.scan(buf, off, len);
          if (node != null) {
            objects.accept(new Jsonl.Line(file, number, node));
            return true;
          }
          return false;
        },
        parsed,
        unreadable);
  }

  /**
   * The JSON objects among the lines of {@code file}, for commands that write from files other
   * tools may have written (merges): a line that is not valid JSON or not an object — torn by a
   * crash — is reported and left out, as {@link #readObjectsLeniently(Path, Reporter, String)}
   * does; a line that is not UTF-8 is no torn line but a damaged file, and stops the reading
   * ({@link DataFormatException}), before anything is written from it.
   */
  public static List<Jsonl.Line> readObjectsLeavingOutTornLines(
      Path file, Reporter reporter, String leftOut) {
    List<Jsonl.Line> objects = new ArrayList<>();
    forEachObjectLeavingOutTornLines(file, reporter, leftOut, null, objects::add);
    return objects;
  }

  /**
   * {@link #readObjectsLeavingOutTornLines} handing each object to {@code objects} as it is read,
   * holding at least {@code fields} (all of them when null; see {@link #readObjectsLeniently(Path,
   * Reporter, String, List)}).
   */
  public static void forEachObjectLeavingOutTornLines(
      Path file,
      Reporter reporter,
      String leftOut,
      List<String> fields,
      Consumer<Jsonl.Line> objects) {
    forEachObject(
        file,
        fields,
        Map.of(),
        objects,
        leavingOut(file, reporter, leftOut),
        (number, problem) -> {
          throw new DataFormatException(file, number, problem);
        });
  }

  private static LineProblem leavingOut(Path file, Reporter reporter, String leftOut) {
    return (number, problem) ->
        reporter.warn(file + ":" + number + ": " + problem + "; " + leftOut);
  }

  /** Each line's JSON object to {@code objects}; a line that holds none to {@code leaveOut}. */
  private static LineHandler objectsOf(
      Path file,
      Map<String, TextField> textFields,
      LineProblem leaveOut,
      Consumer<Jsonl.Line> objects) {
    return (number, text) -> {
      try {
        JsonNode node = JsonTrees.tree(text);
        if (node.isObject()) {
          readTextFields((ObjectNode) node, textFields);
          objects.accept(new Jsonl.Line(file, number, node));
        } else {
          leaveOut.problem(number, "not a JSON object");
        }
      } catch (JsonProcessingException e) {
        leaveOut.problem(number, JsonTrees.problem(e));
      }
    };
  }

  /**
   * The tree's side of {@link TextField}s: each textual value replaced by what its reader makes.
   */
  private static void readTextFields(ObjectNode object, Map<String, TextField> textFields) {
    textFields.forEach(
        (name, reader) -> {
          JsonNode value = object.get(name);
          if (value != null && value.isTextual()) {
            String text = value.textValue();
            object.replace(name, NODES.pojoNode(reader.read(text.toCharArray(), text.length())));
          }
        });
  }

  /** What is done with one line's text. */
  public interface LineHandler {
    void line(int number, String text);
  }

  /** Takes a line from its bytes, or returns false to have it decoded and handed on as text. */
  private interface BytesHandler {
    boolean line(int number, byte[] buf, int off, int len);
  }

  /** What is done with a line that cannot be read: thrown, or reported and skipped. */
  private interface LineProblem {
    void problem(int number, String problem);
  }

  /**
   * Hands every non-blank line of {@code file} to {@code handler}, with its 1-based number; a line
   * that is not UTF-8, or too long to hold, goes to {@code problems} instead.
   */
  private static void forEachLine(Path file, LineHandler handler, LineProblem problems) {
    forEachLine(file, (number, buf, off, len) -> false, handler, problems);
  }

  /**
   * {@link #forEachLine(Path, LineHandler, LineProblem)}, offering each line's bytes to {@code
   * bytes} first: the lines it does not take are decoded and handed on.
   */
  private static void forEachLine(
      Path file, BytesHandler bytes, LineHandler handler, LineProblem problems) {
    try {
      ByteLines.forEach(
          file,
          new ByteLines.Handler() {
            @Override
            public void line(
                int number, byte[] buf, int off, int len, long fileOffset, boolean terminated) {
              if (bytes.line(number, buf, off, len)) {
                return;
              }
              String text;
              try {
                text = StrictUtf8.decode(buf, off, len);
              } catch (StrictUtf8.InvalidUtf8Exception e) {
                problems.problem(number, StrictUtf8.problem(fileOffset + e.offset()));
                return;
              }
              if (!text.isBlank()) {
                handler.line(number, text);
              }
            }

            @Override
            public void tooLong(int number, long length, int limit) {
              problems.problem(number, ByteLines.tooLongProblem(number, length, limit));
            }
          });
    } catch (NoSuchFileException e) {
      // A relative path says where it was looked for: a notebook's kernel runs in notebooks/.
      throw new DataFormatException(
          file,
          file.isAbsolute()
              ? "file not found"
              : "file not found (looked for "
                  + file.toAbsolutePath().normalize()
                  + ", relative to the working directory)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
    }
  }

  /** Parses one line's text, or fails with {@code file:line: not valid JSON (...)}. */
  public static JsonNode parse(Path file, int number, String text) {
    try {
      return JsonTrees.tree(text);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(file, number, JsonTrees.problem(e));
    }
  }
}
