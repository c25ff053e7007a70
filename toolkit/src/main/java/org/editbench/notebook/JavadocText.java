package org.editbench.notebook;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EndElementTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.SeeTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.doctree.ThrowsTree;
import com.sun.source.doctree.ValueTree;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A doc comment as text to read, as JShell shows the JDK's: {@code {@code x}} is {@code x}, a link
 * its label or target, paragraphs and list items on lines of their own, HTML tags and entities
 * resolved, and the parameters, return value and exceptions under headings. The toolkit's comments
 * were shown as written, markup and all.
 *
 * <p>A paragraph is one line, whatever the source's line breaks, for the notebook to wrap at its
 * own width: kept, the source's lines (up to 100 columns, indented) wrapped again in a narrower
 * output and left ragged lines. Only {@code <pre>} keeps its lines.
 */
final class JavadocText {
  private static final Map<String, String> ENTITIES =
      Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'", "nbsp", " ");

  private final StringBuilder text = new StringBuilder();

  /** Inside {@code <pre>}: line breaks are the text's own. */
  private boolean preformatted;

  private JavadocText() {}

  static String render(DocCommentTree comment) {
    JavadocText rendering = new JavadocText();
    rendering.inline(comment.getFullBody());
    rendering.block("Parameters:", comment.getBlockTags(), DocTree.Kind.PARAM);
    rendering.block("Returns:", comment.getBlockTags(), DocTree.Kind.RETURN);
    rendering.block("Throws:", comment.getBlockTags(), DocTree.Kind.THROWS);
    rendering.block("See also:", comment.getBlockTags(), DocTree.Kind.SEE);
    return rendering
        .text
        .toString()
        .lines()
        .map(String::stripTrailing)
        .collect(Collectors.joining("\n"))
        .replaceAll("\n{3,}", "\n\n")
        .strip();
  }

  /** Every block tag of {@code kind}, one per line under {@code heading}. */
  private void block(String heading, List<? extends DocTree> tags, DocTree.Kind kind) {
    List<? extends DocTree> ofKind = tags.stream().filter(t -> t.getKind() == kind).toList();
    if (ofKind.isEmpty()) {
      return;
    }
    text.append("\n\n").append(heading);
    for (DocTree tag : ofKind) {
      text.append("\n  ");
      if (tag instanceof ParamTree param) {
        text.append(param.getName()).append(" - ");
        inline(param.getDescription());
      } else if (tag instanceof ReturnTree returns) {
        inline(returns.getDescription());
      } else if (tag instanceof ThrowsTree thrown) {
        text.append(thrown.getExceptionName()).append(" - ");
        inline(thrown.getDescription());
      } else if (tag instanceof SeeTree see) {
        inline(see.getReference());
      }
    }
  }

  private void inline(List<? extends DocTree> trees) {
    for (DocTree tree : trees) {
      if (tree instanceof TextTree plain) {
        prose(plain.getBody());
      } else if (tree instanceof LiteralTree literal) { // {@code …} and {@literal …}
        prose(literal.getBody().getBody());
      } else if (tree instanceof LinkTree link) {
        if (link.getLabel().isEmpty()) {
          text.append(target(link.getReference().getSignature()));
        } else {
          inline(link.getLabel());
        }
      } else if (tree instanceof ValueTree value && value.getReference() != null) {
        text.append(target(value.getReference().getSignature()));
      } else if (tree instanceof EntityTree entity) {
        text.append(entity(entity.getName().toString()));
      } else if (tree instanceof StartElementTree start) {
        String name = start.getName().toString().toLowerCase(Locale.ROOT);
        preformatted |= name.equals("pre");
        text.append(
            switch (name) {
              case "p" -> "\n\n";
              case "li" -> "\n - ";
              case "br", "pre", "ul", "ol" -> "\n";
              default -> "";
            });
      } else if (tree instanceof EndElementTree end) {
        String name = end.getName().toString().toLowerCase(Locale.ROOT);
        preformatted &= !name.equals("pre");
        text.append(name.equals("ul") || name.equals("ol") || name.equals("pre") ? "\n" : "");
      } else if (tree.getKind() == DocTree.Kind.REFERENCE) {
        text.append(target(tree.toString()));
      }
    }
  }

  /**
   * Text of the comment: each line keeps the space after its "*" margin, which Javadoc drops; in a
   * paragraph, a line break is a space, and a line that starts the output's line starts flush.
   */
  private void prose(String body) {
    if (preformatted) {
      text.append(body.replace("\n ", "\n"));
      return;
    }
    String joined = body.replaceAll("[ \t]*\n[ \t]*", " ");
    boolean lineStart = text.isEmpty() || text.charAt(text.length() - 1) == '\n';
    text.append(lineStart ? joined.stripLeading() : joined);
  }

  /**
   * {@code Type#member(args)} as code reads it: {@code Type.member(args)}, {@code #m} as {@code m}.
   */
  private static String target(String signature) {
    return signature.startsWith("#") ? signature.substring(1) : signature.replace('#', '.');
  }

  private static String entity(String name) {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      return Character.toString(Integer.parseInt(name.substring(2), 16));
    }
    if (name.startsWith("#")) {
      return Character.toString(Integer.parseInt(name.substring(1)));
    }
    return ENTITIES.getOrDefault(name, "&" + name + ";");
  }
}
