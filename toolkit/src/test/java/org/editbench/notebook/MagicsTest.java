package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** %time, %%time, cell magics, and magics registered from a cell or by an extension jar. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MagicsTest {
  private static JShellEvaluator evaluator;

  @BeforeAll
  static void start() throws CellException {
    evaluator = JShellEvaluator.start(EvaluatorConfig.defaults(), new RecordingOutput());
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  private static RecordingOutput run(String code) throws CellException {
    RecordingOutput output = new RecordingOutput();
    evaluator.execute("In [1]", code, output).ifPresent(value -> output.events.add("value:" + value.text()));
    return output;
  }

  @Test
  void timeRunsAStatementShowsItsValueAndPrintsTheWallTime() throws CellException {
    RecordingOutput output = run("%time Thread.sleep(20)\n%time 6 * 7");
    assertEquals(3, output.events.size(), output.events.toString());
    assertTrue(output.events.get(0).matches("stdout:Wall time: (2\\d|[3-9]\\d|\\d{3,})\\.\\d ms\n"), output.events.get(0));
    assertTrue(output.events.get(1).startsWith("stdout:Wall time: "));
    assertEquals("display:42", output.events.get(2), "the statement's value is shown");
    CellException usage = assertThrows(CellException.class, () -> run("%time"));
    assertTrue(usage.evalue().startsWith("usage: %time STATEMENT"), usage.evalue());
  }

  @Test
  void cellTimeRunsTheWholeCellAndItsValueIsTheCellsValue() throws CellException {
    RecordingOutput output = run("\n%%time\nint x = 20;\nx + 22");
    assertEquals(2, output.events.size(), output.events.toString());
    assertTrue(output.events.get(0).startsWith("stdout:Wall time: "), output.events.toString());
    assertEquals("value:42", output.events.get(1));
  }

  @Test
  void errorsInAMagicsCodeNameTheCellLine() {
    CellException e = assertThrows(CellException.class, () -> run("%%time\nint y = 1;\ny.foo()"));
    assertTrue(String.join("\n", e.traceback()).contains("In [1] line 3: error:"), e.traceback().toString());
    CellException unknown = assertThrows(CellException.class, () -> run("%%nosuch\n1"));
    assertTrue(unknown.traceback().get(0).startsWith("%%nosuch is not a magic here; known: [")
        && unknown.traceback().get(0).contains("time"),
        unknown.traceback().toString());
  }

  @Test
  void aCellRegistersLineAndCellMagicsOfItsOwn() throws CellException {
    run("registerMagic(\"shout\", (args, context) -> System.out.println(String.join(\" \", args).toUpperCase()));\n"
        + "registerCellMagic(\"reverse\", (args, body, context) -> "
        + "Optional.of(org.editbench.notebook.MimeBundle.text(new StringBuilder(body).reverse().toString())));");
    assertEquals(List.of("stdout:HELLO \"MAGIC\" WORLD\n"), run("%shout hello '\"magic\"' world").events);
    assertEquals(List.of("value:cba"), run("%%reverse\nabc").events);
  }

  @Test
  void anExtensionJarsMagicsAreFoundOnceItIsOnTheClassPath(@TempDir Path dir) throws Exception {
    Path jar = TestJars.jarWithSources(dir.resolve("ext"), "ext", "Greetings",
        "public class Greetings implements org.editbench.notebook.Magics.Provider {\n"
            + "  public void registerTo(org.editbench.notebook.Magics magics) {\n"
            + "    magics.register(\"greet\", (args, context) -> context.output().stdout(\"greetings, \" + args.get(0)));\n"
            + "  }\n}\n",
        Map.of("META-INF/services/org.editbench.notebook.Magics$Provider", "ext.Greetings\n"));
    assertThrows(CellException.class, () -> run("%greet you"), "not before the jar is added");
    assertEquals(List.of("stdout:greetings, you"), run("%jars " + jar + "\n%greet you").events);
  }
}
