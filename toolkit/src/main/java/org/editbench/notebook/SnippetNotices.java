package org.editbench.notebook;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * What jshell says after a declaration beyond its value, said in a cell too: a method or class that
 * cannot be used until something it names is declared, and the declarations a redefinition changed
 * — a variable of a redefined class is reset, one whose type no longer fits cannot be used. Without
 * these notes a redefinition broke variables silently.
 */
final class SnippetNotices {
  private SnippetNotices() {}

  /** The note for one of {@code jshell.eval}'s events, if it deserves one. */
  static Optional<String> of(JShell jshell, SnippetEvent event) {
    Snippet snippet = event.snippet();
    if (!(snippet instanceof PersistentSnippet declared)
        || event.status() == Snippet.Status.OVERWRITTEN
        || event.status() == Snippet.Status.DROPPED) {
      return Optional.empty();
    }
    boolean usable = event.status() == Snippet.Status.VALID;
    boolean recoverable =
        event.status() == Snippet.Status.RECOVERABLE_DEFINED
            || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED;
    if (event.causeSnippet() == null && !recoverable) {
      return Optional.empty(); // the common case, a cell's own snippet: its value or its error
    }
    String what = kind(snippet) + " " + declared.name();
    List<String> unresolved =
        !usable && snippet instanceof DeclarationSnippet declaration
            ? jshell.unresolvedDependencies(declaration).toList()
            : List.of();
    if (event.causeSnippet() == null) {
      return unresolved.isEmpty()
          ? Optional.empty()
          : Optional.of("note: " + what + " is declared, but " + usableOnceDeclared(unresolved));
    }
    if (!usable) {
      String errors =
          jshell
              .diagnostics(snippet)
              .map(d -> d.getMessage(null))
              .collect(Collectors.joining("; "));
      return Optional.of(
          "note: "
              + what
              + " "
              + (unresolved.isEmpty()
                  ? "cannot be used until this is corrected: " + errors
                  : usableOnceDeclared(unresolved)));
    }
    if (snippet instanceof VarSnippet variable) {
      return Optional.of(
          "note: "
              + what
              + " was reset to "
              + defaultValue(variable.typeName())
              + ", as a declaration it depends on changed");
    }
    return Optional.empty();
  }

  /**
   * What a declaration waits for: {@code cannot be used until variable x is declared}. Also the
   * message of a cell that calls such a declaration ({@link CellErrors}).
   */
  static String usableOnceDeclared(List<String> unresolved) {
    // None left unresolved: what it uses was declared again in a form it does not compile with.
    return unresolved.isEmpty()
        ? "cannot be used until what it uses compiles with it again (declare it again, or"
            + " correct what it uses)"
        : "cannot be used until " + String.join(", ", unresolved) + " is declared";
  }

  private static String kind(Snippet snippet) {
    if (snippet instanceof MethodSnippet) {
      return "method";
    }
    if (snippet instanceof TypeDeclSnippet) {
      return "class";
    }
    return snippet instanceof VarSnippet ? "variable" : "declaration";
  }

  private static String defaultValue(String type) {
    return switch (type) {
      case "boolean" -> "false";
      case "char" -> "'\\0'";
      case "byte", "short", "int", "long" -> "0";
      case "float", "double" -> "0.0";
      default -> "null";
    };
  }
}
