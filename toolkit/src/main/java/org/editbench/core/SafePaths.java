package org.editbench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

/**
 * The one check of names that come from data (an {@code instance_id}, a repository, a commit)
 * before they become a file or folder name, and of paths a user hands over. A name from data is one
 * path segment or nothing: no separator, no {@code ..}, no NUL, nothing absolute — else a crafted
 * id such as {@code ../outside/x} would read or write outside the folder it belongs in.
 */
public final class SafePaths {
  private SafePaths() {}

  /** A name from data that cannot be a file or folder name; the instance that has it is skipped. */
  public static final class UnsafeNameException extends IllegalArgumentException {
    public UnsafeNameException(String message) {
      super(message);
    }
  }

  /** Why {@code name} is not one safe path segment, or null when it is. */
  public static String segmentProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "it is empty";
    }
    if (name.equals(".") || name.equals("..")) {
      return "it is '" + name + "'";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') {
        return "it contains '" + c + "'";
      }
      if (c == 0) {
        return "it contains a NUL character";
      }
      if (c < ' ') {
        return "it contains a control character (U+" + String.format("%04X", (int) c) + ")";
      }
    }
    try {
      if (Path.of(name).isAbsolute() || Path.of(name).getNameCount() != 1) {
        return "it is an absolute path";
      }
    } catch (InvalidPathException e) {
      return "it is not a valid file name here (" + e.getReason() + ")";
    }
    return null;
  }

  /**
   * {@code root/name}, where {@code name} comes from data.
   *
   * @param what what the name is, for the message: {@code "instance_id"}
   * @throws UnsafeNameException the name is not one safe segment, or the path would leave {@code
   *     root}
   */
  public static Path child(Path root, String name, String what) {
    String problem = segmentProblem(name);
    if (problem == null) {
      Path base = root.toAbsolutePath().normalize();
      Path child = base.resolve(name).normalize();
      if (child.getParent() != null && child.getParent().equals(base)) {
        return root.resolve(name);
      }
      problem = "it leads outside " + root;
    }
    throw new UnsafeNameException(
        what + " " + quoted(name) + " cannot be a file or folder name: " + problem);
  }

  private static String quoted(String name) {
    return name == null ? "null" : PyJson.quote(name); // escaped: a NUL or line end shows as such
  }

  /**
   * Throws when {@code output} is one of {@code inputs} — the same file, by name or through a link:
   * a command that wrote over what it reads would destroy its input, or read its own output.
   */
  public static void requireNotAnInput(Path output, Collection<Path> inputs) {
    for (Path input : inputs) {
      if (sameFile(output, input)) {
        throw new IllegalArgumentException(
            output + " is also an input of this command (" + input + "); write to another file");
      }
    }
  }

  /** Whether two paths name one file: by name, or (both existing) through a link. */
  public static boolean sameFile(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false; // neither can then be read or written: the command says so itself
    }
  }

  /**
   * A directory where a file is expected is bad input (exit 2), said the same way by every command.
   */
  public static void requireNotDirectory(Path file) {
    if (Files.isDirectory(file)) {
      throw new DataFormatException(file, "is a directory; expected a file");
    }
  }

  /**
   * The file a symbolic link {@code file} points to (through every link), or {@code file} itself
   * when it is no link: two outputs linked to one file are one output, locked and written as one —
   * and a compaction replaces the file, not the link.
   */
  public static Path throughLink(Path file) {
    Path at = file;
    for (int hops = 0; Files.isSymbolicLink(at) && hops < 40; hops++) {
      try {
        Path target = Files.readSymbolicLink(at);
        Path parent = at.toAbsolutePath().getParent();
        at = (parent == null ? target : parent.resolve(target)).normalize();
      } catch (IOException e) {
        return at; // unreadable: opening it will say why
      }
    }
    return at;
  }

  /**
   * Every path under {@code dir}, as {@link Files#walk(Path, java.nio.file.FileVisitOption...)}
   * lists them, also when {@code dir} is a symbolic link to a folder (which that walk does not
   * enter): the paths are named under {@code dir} as given, the way the user named the folder.
   * Links further down are not followed, so a link cannot lead the walk around in a circle.
   */
  public static Stream<Path> walk(Path dir) throws IOException {
    Path start = throughLink(dir);
    if (start.equals(dir)) {
      return Files.walk(dir);
    }
    return Files.walk(start).map(path -> dir.resolve(start.relativize(path).toString()));
  }
}
