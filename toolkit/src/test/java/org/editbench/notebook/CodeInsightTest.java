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
}
