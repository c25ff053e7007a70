package org.editbench.notebook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import org.editbench.notebook.CellSource.Java;

/**
 * What an editor asks of a session while code is typed, without running it: completions (Tab),
 * whether a cell is complete (the console's Enter), signatures and Javadoc (Shift-Tab, {@code
 * %doc}). Answers come from JShell's source analysis of the session as it is, plus the names of its
 * magics and the toolkit's own Javadoc, which the JDK's analysis does not have.
 */
public final class CodeInsight {
  /** What may replace {@code code[start, end)} at the cursor. */
  public record Completions(List<String> matches, int start, int end) {}

  /** Whether a frontend should run the code now or wait for more lines. */
  public record Completeness(Status status, String indent) {
    public enum Status {
      COMPLETE,
      INCOMPLETE,
      INVALID
    }
  }

  private final SourceCodeAnalysis analysis;
  private final Magics magics;
  private final ToolkitSources toolkitSources =
      new ToolkitSources(CodeInsight.class.getClassLoader());

  CodeInsight(SourceCodeAnalysis analysis, Magics magics) {
    this.analysis = analysis;
    this.magics = magics;
  }

  /**
   * A class name no session imports by default: asking for its packages consults the class index.
   */
  private static final String INDEX_PROBE = "ZoneRulesProvider";

  /**
   * Waits, at most {@code limit}, until JShell's index of the class path (what completion offers
   * for classes not imported) is up to date; false if it is not by then. JShell builds the index on
   * a thread of its own when a session starts and when jars are added: seconds of processor time
   * that cells running meanwhile share.
   */
  boolean awaitClassIndex(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!analysis.listQualifiedNames(INDEX_PROBE, INDEX_PROBE.length()).isUpToDate()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  Completions complete(String code, int cursor) {
    SnippetAtCursor at = snippetAt(code, cursor);
    if (at == null) {
      return new Completions(List.of(), cursor, cursor);
    }
    if (at.inMagicName()) {
      // "%%ti|" completes a cell magic's name, "%ma|" a line magic's.
      boolean cellMagic = at.text().startsWith("%");
      String prefix = cellMagic ? at.text().substring(1) : at.text();
      List<String> names =
          (cellMagic ? magics.cellNames() : magics.names())
              .stream().filter(name -> name.startsWith(prefix)).toList();
      return new Completions(names, cursor - prefix.length(), cursor);
    }
    if (SnippetRunner.endsInLiteral(at.text())) {
      return new Completions(List.of(), cursor, cursor); // JShell would offer every name there
    }
    String analysed = at.forCompletion();
    int[] anchor = new int[1];
    List<String> matches =
        analysis.completionSuggestions(analysed, analysed.length(), anchor).stream()
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .toList();
    int offset = analysed.length() - at.text().length();
    return new Completions(matches, at.start() + anchor[0] - offset, cursor);
  }

  /**
   * Whether a frontend should run {@code code} now, as IPython judges its cells: Java by JShell,
   * each part between magic lines on its own, and magic lines as complete; a cell magic's cell by
   * its last line, as it need not hold Java.
   */
  Completeness isComplete(String code) {
    List<CellSource.Part> parts = CellSource.split(code);
    if (!parts.isEmpty() && parts.get(0) instanceof CellSource.CellMagic) {
      return cellMagicCompleteness(code);
    }
    for (CellSource.Part part : parts) {
      if (!(part instanceof Java java)) {
        continue;
      }
      String remaining = java.code();
      while (!remaining.isBlank()) {
        CompletionInfo info = analysis.analyzeCompletion(remaining);
        switch (info.completeness()) {
          case COMPLETE, COMPLETE_WITH_SEMI -> remaining = info.remaining();
          case EMPTY -> remaining = "";
          case UNKNOWN -> {
            return new Completeness(Completeness.Status.INVALID, "");
          }
          default -> {
            // A magic line after the part ends it: no line typed later can complete it.
            return part == parts.get(parts.size() - 1)
                ? new Completeness(Completeness.Status.INCOMPLETE, nextIndent(code))
                : new Completeness(Completeness.Status.INVALID, "");
          }
        }
      }
    }
    return new Completeness(Completeness.Status.COMPLETE, "");
  }

  /**
   * A cell magic's cell, as IPython judges one: incomplete, at the indent of its last line, until
   * that line is blank. A newline at the end of the text ends its last line rather than starting an
   * empty one, so "body\n" still waits for more, and "body\n\n" runs.
   */
  private static Completeness cellMagicCompleteness(String code) {
    String lines = code.endsWith("\n") ? code.substring(0, code.length() - 1) : code;
    String last = lines.substring(lines.lastIndexOf('\n') + 1);
    return last.isBlank()
        ? new Completeness(Completeness.Status.COMPLETE, "")
        : new Completeness(Completeness.Status.INCOMPLETE, indentOf(last));
  }

  /** The last line's indentation, one level deeper after an opening brace or parenthesis. */
  private static String nextIndent(String code) {
    String last = code.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("");
    String end = last.strip();
    return end.endsWith("{") || end.endsWith("(") ? indentOf(last) + "    " : indentOf(last);
  }

  private static String indentOf(String line) {
    return line.substring(0, line.length() - line.stripLeading().length());
  }

  Optional<String> inspect(String code, int cursor) {
    SnippetAtCursor at = snippetAt(code, cursor);
    if (at == null || at.inMagicName()) {
      return Optional.empty();
    }
    // Extend to the end of the identifier under the cursor, so "Math.a|bs" means Math.abs.
    int end = cursor;
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    return documentationOf(at.forInspection() + code.substring(cursor, end), classNames());
  }

  /**
   * {@code %doc name}: a class with its static and instance members, a variable with its members,
   * or a member ({@code Workspace.summarize} too, though it is an instance method).
   */
  Optional<String> documentation(String name) {
    Function<String, Optional<String>> classNames = classNames();
    Optional<String> own = documentationOf(name, classNames);
    int dot = name.lastIndexOf('.');
    if (own.isEmpty() && dot > 0) {
      own = documentationOf(instanceOf(name.substring(0, dot)) + name.substring(dot), classNames);
    }
    if (own.isEmpty()) {
      return own;
    }
    List<String> members = new ArrayList<>();
    // What the name qualifies (a class's static members, a variable's), then what an instance of
    // a class has; nothing for the second when the name is no type.
    for (String qualifier : List.of(name + ".", instanceOf(name) + ".")) {
      int[] anchor = new int[1];
      for (SourceCodeAnalysis.Suggestion suggestion :
          analysis.completionSuggestions(qualifier, qualifier.length(), anchor)) {
        String member = suggestion.continuation().replace("(", "");
        if (member.equals("class") || OBJECT_METHODS.contains(member)) {
          continue; // a class literal, or what every object has
        }
        documentationOf(qualifier + member, classNames)
            .ifPresent(
                doc -> {
                  if (!members.contains(doc)) {
                    members.add(doc);
                  }
                });
      }
    }
    return Optional.of(
        members.isEmpty()
            ? own.get()
            : own.get() + "\n\nMembers:\n\n" + String.join("\n", members));
  }

  /** An expression of the type {@code typeName}, for what its instances have. */
  private static String instanceOf(String typeName) {
    return "((" + typeName + ") null)";
  }

  /** Methods every object has, which would bury a class's own members. */
  private static final Set<String> OBJECT_METHODS =
      Set.of("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait");

  /**
   * @param classNames the qualified name of a class as the session names it (see {@link
   *     #classNames()}), to find the toolkit's Javadoc for a member
   */
  private Optional<String> documentationOf(
      String code, Function<String, Optional<String>> classNames) {
    List<Documentation> docs = analysis.documentation(code, code.length(), true);
    if (docs.isEmpty()) {
      // A method name alone has no documentation; its invocation does, one per overload.
      docs = analysis.documentation(code + "(", code.length() + 1, true);
    }
    if (docs.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (Documentation doc : docs) {
      String javadoc =
          doc.javadoc() == null || doc.javadoc().isBlank()
              ? toolkitSources.forSignature(doc.signature(), classNames).orElse("")
              : doc.javadoc();
      parts.add(
          javadoc.isBlank() ? doc.signature() : doc.signature() + "\n" + javadoc.strip() + "\n");
    }
    return Optional.of(String.join("\n", parts));
  }

  /**
   * The qualified name of the class a name means in the session (imported or qualified), if any,
   * remembered for one request: every member of a class asks for its owner, and each answer costs a
   * compiler pass. Not for longer, as a later import may change what a name means.
   */
  private Function<String, Optional<String>> classNames() {
    Map<String, Optional<String>> known = new HashMap<>();
    return name -> known.computeIfAbsent(name, this::qualifiedClassName);
  }

  private Optional<String> qualifiedClassName(String name) {
    return analysis.documentation(name, name.length(), false).stream()
        .map(Documentation::signature)
        .filter(signature -> signature.indexOf('(') < 0 && signature.indexOf(':') < 0)
        .map(ToolkitSources::eraseTypeArguments)
        .findFirst();
  }

  /**
   * The text from the start of the snippet (or magic name) the cursor is in up to the cursor, and
   * where it starts in the cell; null when the cursor is in a magic's arguments. With {@code
   * inMagicName}, the text is the part of a magic's name before the cursor (after one {@code %}, so
   * a cell magic's starts with the second).
   *
   * @param methods the methods the cell declares before it, in the same Java part of the cell,
   *     which have not run yet
   * @param types the classes, records, enums and interfaces it declares there
   * @param earlier the other complete snippets before it there (variables, statements, expressions)
   */
  private record SnippetAtCursor(
      String text,
      int start,
      boolean inMagicName,
      List<String> methods,
      List<String> types,
      List<String> earlier) {
    SnippetAtCursor(String text, int start, boolean inMagicName) {
      this(text, start, inMagicName, List.of(), List.of(), List.of());
    }

    /**
     * The snippet's text where the analysis sees what the cell declares above it: the session does
     * not know that until the cell runs, and the analysis only knows the session. The earlier
     * snippets go in a block that ends with the text, where a variable the cell declared a line
     * above is a local variable; its methods, and the types their signatures may name, go before
     * that block, as members of the class whose initializer the block then is. Methods come first:
     * JShell analyses code for completion as class members when it starts with a method, but as a
     * method's body when it starts with a record, enum or interface.
     */
    String forCompletion() {
      return methods.isEmpty() && types.isEmpty() && earlier.isEmpty() ? text : membersThenBlock();
    }

    /**
     * As {@link #forCompletion()}, for documentation, which JShell always analyses as a method's
     * body: there the members need a class around them, an anonymous one so that their signatures
     * read as the session's own do. Completion cannot use that class: it offers nothing after a dot
     * inside one.
     */
    String forInspection() {
      return methods.isEmpty() ? forCompletion() : "new Object() {\n" + membersThenBlock();
    }

    private String membersThenBlock() {
      StringBuilder code = new StringBuilder();
      methods.forEach(method -> code.append(method).append('\n'));
      types.forEach(type -> code.append(type).append('\n'));
      code.append("{\n");
      earlier.forEach(snippet -> code.append(snippet).append('\n'));
      return code.append(text).toString();
    }
  }

  private SnippetAtCursor snippetAt(String code, int cursor) {
    int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
    String lineToCursor = code.substring(lineStart, cursor);
    if (lineToCursor.strip().startsWith("%")) {
      String name = lineToCursor.strip().substring(1);
      return name.chars().anyMatch(Character::isWhitespace)
          ? null
          : new SnippetAtCursor(name, cursor - name.length(), true);
    }
    // Java starts after the last magic line before the cursor.
    int start = 0;
    for (int lineBegin = 0; lineBegin < lineStart; ) {
      int lineEnd = code.indexOf('\n', lineBegin);
      if (code.substring(lineBegin, lineEnd).strip().startsWith("%")) {
        start = lineEnd + 1;
      }
      lineBegin = lineEnd + 1;
    }
    String remaining = code.substring(start, cursor);
    List<String> methods = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> earlier = new ArrayList<>();
    while (true) {
      CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete() || info.remaining().isBlank()) {
        return new SnippetAtCursor(remaining, start, false, methods, types, earlier);
      }
      switch (kindOf(info.source())) {
        case METHOD -> methods.add(info.source());
        case TYPE_DECL -> types.add(info.source());
        case IMPORT -> {} // neither a block nor a class body can hold one
        // Variables, statements, expressions; and what the analysis calls erroneous: most often
        // a variable whose type the cell declares above it, which the session does not know yet.
        default -> earlier.add(info.source());
      }
      int consumed = remaining.length() - info.remaining().length();
      start += consumed;
      remaining = remaining.substring(consumed);
    }
  }

  /** What a complete snippet is, as the analysis tells without declaring or running it. */
  private Snippet.Kind kindOf(String source) {
    return analysis.sourceToSnippets(source).stream()
        .findFirst()
        .map(Snippet::kind)
        .orElse(Snippet.Kind.ERRONEOUS);
  }
}
