package org.editbench.notebook;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The Javadoc of the toolkit's own classes and members, for {@code %doc} and inspection.
 *
 * <p>Why: JShell finds documentation only in the JDK's {@code src.zip}, so a toolkit method would
 * show its signature alone. The toolkit's jar carries its sources under {@link #ROOT}; on first use
 * a source file is parsed (not compiled) and its doc comments kept, keyed by class and member —
 * members by name and parameter names, which JShell's signatures carry. The parse itself is not
 * kept: a javac context per file would hold most of a megabyte.
 */
final class ToolkitSources {
  /** Where the build puts the toolkit's {@code .java} files in its jar. */
  static final String ROOT = "META-INF/editbench-sources/";

  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+([0-9A-Fa-f]{4})");

  private final ClassLoader loader;

  /**
   * Resource name → the doc comments of its file by key: {@code Outer.Inner} for a class, {@code
   * Outer#name(p1,p2)} for a method ({@code <init>} for a constructor), {@code Outer#NAME} for a
   * field; empty when there is no such source.
   */
  private final Map<String, Optional<Map<String, String>>> docsByFile = new ConcurrentHashMap<>();

  ToolkitSources(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * The doc comment for one of JShell's documentation signatures: {@code a.b.C<T>} (a class),
   * {@code R Owner.name(T1 p1, T2 p2) throws X} (a method), {@code a.b.C(T p)} (a constructor) or
   * {@code Owner.NAME:T} (a field). An owner may be written as imported ({@code EditBench}); {@code
   * qualifiedClassName} gives the qualified name of a class so written, if it is one.
   */
  Optional<String> forSignature(
      String signature, Function<String, Optional<String>> qualifiedClassName) {
    // Without type arguments, the only spaces and commas left are the signature's own.
    String plain = eraseTypeArguments(signature);
    int open = plain.indexOf('(');
    if (open < 0) {
      int colon = plain.indexOf(':');
      if (colon < 0) {
        return classDoc(plain);
      }
      String field = plain.substring(0, colon);
      int dot = field.lastIndexOf('.');
      return dot < 0
          ? Optional.empty()
          : qualifiedClassName
              .apply(field.substring(0, dot))
              .flatMap(owner -> memberDoc(owner, field.substring(dot + 1), null));
    }
    List<String> parameterNames = new ArrayList<>();
    int close = plain.indexOf(')', open);
    for (String parameter :
        plain.substring(open + 1, close < 0 ? plain.length() : close).split(",")) {
      if (!parameter.isBlank()) {
        parameterNames.add(parameter.strip().substring(parameter.strip().lastIndexOf(' ') + 1));
      }
    }
    String head = plain.substring(0, open);
    String named = head.substring(head.lastIndexOf(' ') + 1); // Owner.name, or a.b.C
    int dot = named.lastIndexOf('.');
    Optional<String> owner =
        dot < 0 ? Optional.empty() : qualifiedClassName.apply(named.substring(0, dot));
    if (owner.isPresent()) {
      return memberDoc(owner.get(), named.substring(dot + 1), parameterNames);
    }
    // A constructor: the signature names the class itself.
    return qualifiedClassName
        .apply(named)
        .flatMap(
            type -> memberDoc(type, type.substring(type.lastIndexOf('.') + 1), parameterNames));
  }

  /**
   * {@code type} without its type arguments or parameters, nested ones included: {@code Map<K,
   * List<V>>} → {@code Map}.
   */
  static String eraseTypeArguments(String type) {
    StringBuilder erased = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (depth == 0) {
        erased.append(c);
      }
    }
    return erased.toString();
  }

  /**
   * The doc comment of the class {@code qualifiedName} (nested classes with dots), if it is ours.
   */
  Optional<String> classDoc(String qualifiedName) {
    return lookup(qualifiedName, "");
  }

  /**
   * The doc comment of a member of the class {@code ownerName}: a method or constructor (its name
   * is the class's simple name) with exactly these parameter names, or with {@code parameterNames}
   * null, a field.
   */
  Optional<String> memberDoc(String ownerName, String member, List<String> parameterNames) {
    String simpleName = ownerName.substring(ownerName.lastIndexOf('.') + 1);
    String name = member.equals(simpleName) ? "<init>" : member;
    return lookup(
        ownerName,
        "#" + name + (parameterNames == null ? "" : "(" + String.join(",", parameterNames) + ")"));
  }

  /**
   * Finds the class {@code qualifiedName}: the longest prefix of it that names a source file is its
   * top-level class, the rest are nested classes; then the doc of that class + {@code memberKey}.
   */
  private Optional<String> lookup(String qualifiedName, String memberKey) {
    List<String> parts = List.of(qualifiedName.split("\\."));
    for (int topLevel = parts.size(); topLevel > 0; topLevel--) {
      String resource = ROOT + String.join("/", parts.subList(0, topLevel)) + ".java";
      Optional<Map<String, String>> docs = docsByFile.computeIfAbsent(resource, this::read);
      if (docs.isPresent()) {
        String type = String.join(".", parts.subList(topLevel - 1, parts.size()));
        return Optional.ofNullable(docs.get().get(type + memberKey));
      }
    }
    return Optional.empty();
  }

  private Optional<Map<String, String>> read(String resource) {
    String text;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///" + resource), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
          }
        };
    JavacTask task =
        (JavacTask)
            ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, diagnostic -> {}, List.of("-proc:none"), null, List.of(file));
    try {
      CompilationUnitTree unit = task.parse().iterator().next();
      Map<String, String> docs = new HashMap<>();
      new DocCollector(DocTrees.instance(task), docs).collect(unit);
      return Optional.of(docs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + resource, e);
    }
  }

  /** Keeps the doc comments of a file's classes and their members. */
  private static final class DocCollector {
    private final DocTrees docTrees;
    private final Map<String, String> docs;

    DocCollector(DocTrees docTrees, Map<String, String> docs) {
      this.docTrees = docTrees;
      this.docs = docs;
    }

    void collect(CompilationUnitTree unit) {
      TreePath file = new TreePath(unit);
      for (Tree type : unit.getTypeDecls()) {
        if (type instanceof ClassTree) {
          collect(new TreePath(file, type), "");
        }
      }
    }

    /**
     * A class (its path; {@code enclosing}, the names of the classes around it) and what it holds.
     */
    private void collect(TreePath classPath, String enclosing) {
      ClassTree type = (ClassTree) classPath.getLeaf();
      String name =
          enclosing.isEmpty()
              ? type.getSimpleName().toString()
              : enclosing + "." + type.getSimpleName();
      keep(name, classPath);
      for (Tree member : type.getMembers()) {
        TreePath memberPath = new TreePath(classPath, member);
        if (member instanceof MethodTree method) {
          List<String> parameters =
              method.getParameters().stream().map(p -> p.getName().toString()).toList();
          keep(
              name + "#" + method.getName() + "(" + String.join(",", parameters) + ")", memberPath);
        } else if (member instanceof VariableTree field) {
          keep(name + "#" + field.getName(), memberPath);
        } else if (member instanceof ClassTree) {
          collect(memberPath, name);
        }
      }
    }

    private void keep(String key, TreePath path) {
      doc(path).ifPresent(doc -> docs.put(key, doc));
    }

    /** The comment as text to read ({@link JavadocText}), Unicode escapes decoded. */
    private Optional<String> doc(TreePath path) {
      DocCommentTree comment = docTrees.getDocCommentTree(path);
      if (comment == null || comment.toString().isBlank()) {
        return Optional.empty();
      }
      return Optional.of(
          UNICODE_ESCAPE
              .matcher(JavadocText.render(comment))
              .replaceAll(escape -> String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
    }
  }
}
