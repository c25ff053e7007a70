package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

class JavadocTextTest {
  @Test
  void paragraphsAreOneLineEachForTheNotebookToWrapAndPreKeepsItsLines() throws IOException {
    String rendered =
        render(
            """
            /**
             * Reads the bench file at {@code path}: one
             *   instance a line, {@link java.util.List#size() counted}
             * as it goes.
             *
             * <p>Then a second
             * paragraph.
             * <ul>
             *   <li>first item
             *       goes on
             *   <li>second
             * </ul>
             * <pre>
             * var a = 1;
             *   var b = 2;
             * </pre>
             *
             * @param path where the file is, relative to the
             *     working directory
             * @return the instances, in
             *     file order
             */
            class Documented {}
            """);
    assertEquals(
        """
        Reads the bench file at path: one instance a line, counted as it goes.

        Then a second paragraph.

         - first item goes on
         - second

        var a = 1;
          var b = 2;

        Parameters:
          path - where the file is, relative to the working directory

        Returns:
          the instances, in file order""",
        rendered);
  }

  /** The rendered doc comment of the one class in {@code source}. */
  private static String render(String source) throws IOException {
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///Documented.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    JavacTask task =
        (JavacTask)
            ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, diagnostic -> {}, List.of("-proc:none"), null, List.of(file));
    CompilationUnitTree unit = task.parse().iterator().next();
    ClassTree type = (ClassTree) unit.getTypeDecls().get(0);
    DocCommentTree comment =
        DocTrees.instance(task).getDocCommentTree(TreePath.getPath(unit, type));
    return JavadocText.render(comment);
  }
}
