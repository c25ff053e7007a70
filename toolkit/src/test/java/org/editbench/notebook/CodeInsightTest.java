package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CodeInsightTest {
  @RegisterExtension static final EvaluatorSession session = new EvaluatorSession();

  private static List<String> completionsAtEnd(String code) {
    return session.evaluator().complete(code, code.length()).matches();
  }

  @Test
  void completionAndInspectionSeeTheMethodsTheCellDeclaresAboveTheCursorWithoutDeclaringThem() {
    String cell = "int twice(int x) { return 2 * x; }\nString s = \"a\";\ntw";
    CodeInsight.Completions completions = session.evaluator().complete(cell, cell.length());
    assertEquals(List.of("twice("), completions.matches());
    assertEquals(cell.length() - "tw".length(), completions.start());
    // The method alone above the cursor: offered once, as a call.
    assertEquals(List.of("twice("), completionsAtEnd("int twice(int x) { return 2 * x; }\ntwi"));
    assertEquals(
        List.of("isEmpty()"),
        completionsAtEnd(cell.replace("\ntw", "\ns.isEm")),
        "the variables beside the method are still seen");

    // A method whose signature names a record the cell declares, called on a variable it declares.
    String mirrored =
        "record Point(int x, int y) {}\n"
            + "Point mirrored(Point p) { return new Point(p.y(), p.x()); }\n"
            + "var origin = new Point(0, 0);\nmirrored(origin).y";
    assertTrue(completionsAtEnd(mirrored).contains("y()"), mirrored);

    String call = cell.replace("\ntw", "\ntwice(");
    for (int cursor : new int[] {call.lastIndexOf("twice(") + 3, call.length()}) {
      String shown = session.evaluator().inspect(call, cursor).orElse("");
      assertTrue(shown.contains("int twice(int x)"), "Shift-Tab at " + cursor + ": " + shown);
    }

    // Completion and inspection ran nothing: the session has no such method.
    assertThrows(CellException.class, () -> session.run("twice(2)"));
  }

  private static CodeInsight.Completeness completeness(String code) {
    return session.evaluator().isComplete(code);
  }

  @Test
  void aCellMagicsCellIsIncompleteUntilItEndsWithABlankLineAsInIPython() {
    // The body is not judged: a cell magic's body need not be Java.
    for (String waiting : new String[] {"%%time", "%%time\nint x = 1;", "%%time\nint x = 1;\n"}) {
      assertEquals(
          new CodeInsight.Completeness(CodeInsight.Completeness.Status.INCOMPLETE, ""),
          completeness(waiting),
          waiting);
    }
    assertEquals(
        new CodeInsight.Completeness(CodeInsight.Completeness.Status.INCOMPLETE, "  "),
        completeness("\n%%time\nfor (int i = 0; i < 3; i++) {\n  i++;"),
        "the indent of the last line");
    for (String done :
        new String[] {"%%time\nint x = 1;\n\n", "%%time\nint x = 1;\n  ", "%%time\n\n"}) {
      assertEquals(
          new CodeInsight.Completeness(CodeInsight.Completeness.Status.COMPLETE, ""),
          completeness(done),
          done);
    }
  }

  @Test
  void aLineMagicLineIsCompleteAndTheJavaAroundItIsJudgedByJShell() {
    assertEquals(
        CodeInsight.Completeness.Status.COMPLETE,
        completeness("%classpath x\nint a = 1;\n%time a + 1").status());
    assertEquals(
        new CodeInsight.Completeness(CodeInsight.Completeness.Status.INCOMPLETE, "    "),
        completeness("%classpath x\nfor (int i = 0; i < 3; i++) {"));
    // A magic line ends the Java before it: no line typed after it can close that loop.
    assertEquals(
        CodeInsight.Completeness.Status.INVALID,
        completeness("for (int i = 0; i < 3; i++) {\n%time 1\n}").status());
  }
}
