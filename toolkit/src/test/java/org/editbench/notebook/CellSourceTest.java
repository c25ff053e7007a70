package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.editbench.notebook.CellSource.Java;
import org.editbench.notebook.CellSource.Magic;
import org.junit.jupiter.api.Test;

/** What of a cell is a magic line and what is Java. */
class CellSourceTest {
  @Test
  void aPercentLineInsideATextBlockOrACommentIsJava() {
    String textBlock = "String fmt = \"\"\"\n    %d items\n    %s done\n    \"\"\";";
    assertEquals(List.of(new Java(textBlock, 1)), CellSource.split(textBlock));
    String comment = "/*\n%time not a magic\n*/\nint x = 1;";
    assertEquals(List.of(new Java(comment, 1)), CellSource.split(comment));
    // A "/*" inside a string opens no comment: the magic after it is one.
    assertEquals(
        List.of(new Java("String s = \"/*\";\n", 1), new Magic("time", "", 2)),
        CellSource.split("String s = \"/*\";\n%time"));
  }

  @Test
  void aPercentFollowedByNoNameGoesOnAJavaExpression() {
    String modulo = "int a = 10\n    % 3;";
    assertEquals(List.of(new Java(modulo, 1)), CellSource.split(modulo));
  }

  @Test
  void magicLinesBetweenJavaRunInOrder() {
    assertEquals(
        List.of(
            new Java("int x = 1;\n", 1),
            new Magic("jars", "lib/*.jar", 2),
            new Java("x\n", 3),
            new Magic("%time", "", 4)),
        CellSource.split("int x = 1;\n%jars lib/*.jar\nx\n%%time"));
  }
}
