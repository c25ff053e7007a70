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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The Javadoc of the toolkit's own classes and members, for {@code %doc} and inspection.
 *
 * <p>Why: JShell finds documentation only in the JDK's {@code src.zip}, so a toolkit method would
 * show its signature alone. The toolkit's jar carries its sources under {@link #ROOT}; a class's
 * source is parsed (not compiled) on first use and its doc comments read from the syntax tree.
 * Members are told apart by name and parameter names, which JShell's signatures carry.
 */
final class ToolkitSources {
  /** Where the build puts the toolkit's {@code .java} files in its jar. */
  static final String ROOT = "META-INF/editbench-sources/";

  /** A parsed source file: its tree, and what reads doc comments off it. */
  private record Parsed(CompilationUnitTree unit, DocTrees docTrees) {}

  /** A class or member found in a parsed source. */
  private record Located(Parsed source, TreePath path) {
    /** The comment as written, less the space after each line's {@code *}, Unicode escapes decoded. */
    Optional<String> doc() {
      DocCommentTree comment = source.docTrees().getDocCommentTree(path);
      if (comment == null || comment.toString().isBlank()) {
        return Optional.empty();
      }
      String text = comment.toString().lines()
          .map(line -> line.startsWith(" ") ? line.substring(1) : line)
          .collect(Collectors.joining("\n"));
      return Optional.of(UNICODE_ESCAPE.matcher(text)
          .replaceAll(escape -> String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
    }
  }

  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+([0-9A-Fa-f]{4})");

  private final ClassLoader loader;
  /** Resource name → its parse, or empty when there is no such source. */
  private final Map<String, Optional<Parsed>> parsed = new ConcurrentHashMap<>();

  ToolkitSources(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * The doc comment for one of JShell's documentation signatures: {@code a.b.C<T>} (a class),
   * {@code R Owner.name(T1 p1, T2 p2) throws X} (a method), {@code a.b.C(T p)} (a constructor) or
   * {@code Owner.NAME:T} (a field). An owner may be written as imported ({@code EditBench});
   * {@code qualifiedClassName} gives the qualified name of a class so written, if it is one.
   */
  Optional<String> forSignature(String signature, Function<String, Optional<String>> qualifiedClassName) {
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
      return dot < 0 ? Optional.empty()
          : qualifiedClassName.apply(field.substring(0, dot)).flatMap(owner -> memberDoc(owner, field.substring(dot + 1), null));
    }
    List<String> parameterNames = new ArrayList<>();
    int close = plain.indexOf(')', open);
    for (String parameter : plain.substring(open + 1, close < 0 ? plain.length() : close).split(",")) {
      if (!parameter.isBlank()) {
        parameterNames.add(parameter.strip().substring(parameter.strip().lastIndexOf(' ') + 1));
      }
    }
    String head = plain.substring(0, open);
    String named = head.substring(head.lastIndexOf(' ') + 1); // Owner.name, or a.b.C
    int dot = named.lastIndexOf('.');
    Optional<String> owner = dot < 0 ? Optional.empty() : qualifiedClassName.apply(named.substring(0, dot));
    if (owner.isPresent()) {
      return memberDoc(owner.get(), named.substring(dot + 1), parameterNames);
    }
    // A constructor: the signature names the class itself.
    return qualifiedClassName.apply(named)
        .flatMap(type -> memberDoc(type, type.substring(type.lastIndexOf('.') + 1), parameterNames));
  }

  /** {@code type} without its type arguments or parameters, nested ones included: {@code Map<K, List<V>>} → {@code Map}. */
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

  /** The doc comment of the class {@code qualifiedName} (nested classes with dots), if it is ours. */
  Optional<String> classDoc(String qualifiedName) {
    return locate(qualifiedName).flatMap(Located::doc);
  }

  /**
   * The doc comment of a member of the class {@code ownerName}: a method or constructor (its name
   * is the class's simple name) with exactly these parameter names, or with {@code parameterNames}
   * null, a field.
   */
  Optional<String> memberDoc(String ownerName, String member, List<String> parameterNames) {
    return locate(ownerName).flatMap(owner -> {
      ClassTree type = (ClassTree) owner.path().getLeaf();
      boolean constructor = type.getSimpleName().contentEquals(member);
      for (Tree tree : type.getMembers()) {
        if (matches(tree, constructor ? "<init>" : member, parameterNames)) {
          return new Located(owner.source(), new TreePath(owner.path(), tree)).doc();
        }
      }
      return Optional.empty();
    });
  }

  private static boolean matches(Tree tree, String name, List<String> parameterNames) {
    if (tree instanceof MethodTree method) {
      return parameterNames != null && method.getName().contentEquals(name)
          && method.getParameters().stream().map(p -> p.getName().toString()).toList().equals(parameterNames);
    }
    return tree instanceof VariableTree field && parameterNames == null && field.getName().contentEquals(name);
  }

  /**
   * The tree path of a class: the longest prefix of {@code qualifiedName} that names a source file
   * is its top-level class, and the rest are nested classes inside it.
   */
  private Optional<Located> locate(String qualifiedName) {
    String[] parts = qualifiedName.split("\\.");
    for (int topLevel = parts.length; topLevel > 0; topLevel--) {
      String resource = ROOT + String.join("/", List.of(parts).subList(0, topLevel)) + ".java";
      Optional<Parsed> source = parsed.computeIfAbsent(resource, this::parse);
      if (source.isPresent()) {
        Parsed file = source.get();
        return find(file, List.of(parts).subList(topLevel - 1, parts.length)).map(path -> new Located(file, path));
      }
    }
    return Optional.empty();
  }

  /** The class {@code names[0]} of the file, then each next name nested in the one before. */
  private static Optional<TreePath> find(Parsed source, List<String> names) {
    TreePath path = new TreePath(source.unit());
    List<? extends Tree> candidates = source.unit().getTypeDecls();
    for (String name : names) {
      TreePath found = null;
      for (Tree tree : candidates) {
        if (tree instanceof ClassTree type && type.getSimpleName().contentEquals(name)) {
          found = new TreePath(path, tree);
          candidates = type.getMembers();
          break;
        }
      }
      if (found == null) {
        return Optional.empty();
      }
      path = found;
    }
    return Optional.of(path);
  }

  private Optional<Parsed> parse(String resource) {
    String text;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + resource), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostic -> { }, List.of("-proc:none"), null, List.of(file));
    try {
      CompilationUnitTree unit = task.parse().iterator().next();
      return Optional.of(new Parsed(unit, DocTrees.instance(task)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + resource, e);
    }
  }
}
