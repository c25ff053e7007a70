package org.editbench.infbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.editbench.bench.BenchInstance;
import org.editbench.core.AtomicFiles;
import org.editbench.core.SafePaths;
import org.editbench.core.StrictUtf8;
import org.editbench.text.PyStrings;

/**
 * Reads the reference's patch-history layout: {@code
 * {root}/{instance_id}/{encoded_path}/original.EXT, final.EXT, {k}.diff}. Text is decoded as strict
 * UTF-8 and read with universal newlines, as Python's {@code Path.read_text()} reads it in the
 * reference.
 */
public final class PatchHistories {
  private static final Pattern STEP_DIFF = Pattern.compile("([1-9][0-9]*)\\.diff");

  private PatchHistories() {}

  /** A history that could not be read: the instance is reported invalid with this reason. */
  public static final class MissingHistoryException extends Exception {
    public MissingHistoryException(String message) {
      super(message);
    }
  }

  /**
   * The histories of every file in {@code files_work}, in that order. The instance_id and each
   * encoded path must be one folder name inside {@code root} (see {@link SafePaths}): an id such as
   * {@code ../outside/x} makes the instance invalid, and nothing outside {@code root} is read.
   */
  public static List<FileHistory> load(Path root, BenchInstance instance)
      throws MissingHistoryException {
    Path instanceDir = child(root, instance.instanceId(), "instance_id");
    if (!Files.isDirectory(instanceDir)) {
      throw new MissingHistoryException("no patch history folder " + instanceDir);
    }
    List<FileHistory> files = new ArrayList<>(instance.filesWork().size());
    for (String path : instance.filesWork()) {
      files.add(
          loadFile(
              child(instanceDir, FileHistory.encodedPath(path), "files_work path " + path), path));
    }
    return files;
  }

  private static Path child(Path dir, String name, String what) throws MissingHistoryException {
    try {
      return SafePaths.child(dir, name, what);
    } catch (SafePaths.UnsafeNameException e) {
      throw new MissingHistoryException(e.getMessage());
    }
  }

  private static FileHistory loadFile(Path dir, String path) throws MissingHistoryException {
    if (!Files.isDirectory(dir)) {
      throw new MissingHistoryException(
          "no history folder for " + path + " (expected " + dir + ")");
    }
    int dot = path.lastIndexOf('.');
    String extension = dot > path.lastIndexOf('/') ? path.substring(dot) : ".py";
    TreeMap<Integer, String> steps = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Matcher m = STEP_DIFF.matcher(entry.getFileName().toString());
        if (m.matches()) {
          steps.put(Integer.parseInt(m.group(1)), readText(entry));
        }
      }
    } catch (IOException e) {
      throw new MissingHistoryException("cannot list " + dir + ": " + AtomicFiles.describe(e));
    }
    return new FileHistory(
        path,
        readText(dir.resolve("original" + extension)),
        readText(dir.resolve("final" + extension)),
        steps);
  }

  static String readText(Path file) throws MissingHistoryException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new MissingHistoryException(
          "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    String text;
    try {
      text = StrictUtf8.decode(bytes);
    } catch (StrictUtf8.InvalidUtf8Exception e) {
      throw new MissingHistoryException(
          file + ":" + StrictUtf8.lineOf(bytes, e.offset()) + ": " + e.getMessage());
    }
    return PyStrings.universalNewlines(text);
  }
}
