package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * %time, %%time, cell magics, and the open registry: magics registered from a cell, by an extension
 * jar (added by a magic, on IJAVA_CLASSPATH or on the class path) or by whoever starts the session.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MagicsTest {
  @RegisterExtension static final EvaluatorSession session = new EvaluatorSession();

  private static RecordingOutput run(String code) throws CellException {
    return session.run(code);
  }

  @Test
  void timeRunsAStatementShowsItsValueAndPrintsTheWallTime() throws CellException {
    RecordingOutput output = run("%time Thread.sleep(20)\n%time 6 * 7");
    // Printed text is sent in batches (BatchedCellOutput): both lines may come in one message.
    List<String> lines = output.stdoutText().lines().toList();
    assertEquals(2, lines.size(), output.events.toString());
    assertTrue(lines.get(0).matches("Wall time: (2\\d|[3-9]\\d|\\d{3,})\\.\\d ms"), lines.get(0));
    assertTrue(lines.get(1).startsWith("Wall time: "));
    assertEquals(
        "display:42",
        output.events.get(output.events.size() - 1),
        "the statement's value is shown");
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
  void lsmagicListsTheLineAndCellMagics() throws CellException {
    String listed = run("%lsmagic").stdoutText();
    // The standard ones, and those of providers on the class path (this test's own among them).
    assertTrue(
        listed.startsWith("Line magics: %classpath  %doc  %")
            && listed.contains("  %jars  %load  %lsmagic  %maven  %mavenRepo  %time\n")
            && listed.contains("%fromClassPath")
            && listed.endsWith("\nCell magics: %%fromClassPath  %%time\n"),
        listed);
  }

  @Test
  void errorsInAMagicsCodeNameTheCellLine() {
    CellException e = assertThrows(CellException.class, () -> run("%%time\nint y = 1;\ny.foo()"));
    assertTrue(
        String.join("\n", e.traceback()).contains("In [1] line 3: error:"),
        e.traceback().toString());
    CellException unknown = assertThrows(CellException.class, () -> run("%%nosuch\n1"));
    assertTrue(
        unknown.traceback().get(0).startsWith("%%nosuch is not a magic here; line magics: %")
            && unknown.traceback().get(0).contains("; cell magics: %%")
            && unknown.traceback().get(0).contains("%%time"),
        unknown.traceback().toString());
  }

  @Test
  void aCellRegistersLineAndCellMagicsOfItsOwn() throws CellException {
    run(
        "registerMagic(\"shout\", (args, context) -> System.out.println(String.join(\" \", args).toUpperCase()));\n"
            + "registerCellMagic(\"reverse\", (args, body, context) -> "
            + "Optional.of(org.editbench.notebook.MimeBundle.text(new StringBuilder(body).reverse().toString())));");
    assertEquals(
        List.of("stdout:HELLO \"MAGIC\" WORLD\n"), run("%shout hello '\"magic\"' world").events);
    assertEquals(List.of("value:cba"), run("%%reverse\nabc").events);
  }

  /** A jar whose {@link Magics.Provider} registers {@code %greet}. */
  private static Path greetingsJar(Path dir) throws Exception {
    return TestJars.jarWithSources(
        dir.resolve("ext"),
        "ext",
        "Greetings",
        "public class Greetings implements org.editbench.notebook.Magics.Provider {\n"
            + "  public void registerTo(org.editbench.notebook.Magics magics) {\n"
            + "    magics.register(\"greet\", (args, context) -> context.output().stdout(\"greetings, \" + args.get(0)));\n"
            + "  }\n}\n",
        Map.of("META-INF/services/org.editbench.notebook.Magics$Provider", "ext.Greetings\n"));
  }

  @Test
  void anExtensionJarsMagicsAreFoundOnceItIsOnTheClassPath(@TempDir Path dir) throws Exception {
    Path jar = greetingsJar(dir);
    assertThrows(CellException.class, () -> run("%greet you"), "not before the jar is added");
    assertEquals(List.of("stdout:greetings, you"), run("%jars " + jar + "\n%greet you").events);
  }

  @Test
  void anExtensionJarOnIjavaClasspathBringsItsMagicsToTheFirstCell(@TempDir Path dir)
      throws Exception {
    EvaluatorConfig config =
        new EvaluatorConfig(
            List.of(greetingsJar(dir).toString()), List.of(), Duration.ZERO, List.of(), "");
    try (JShellEvaluator evaluator = JShellEvaluator.start(config, new RecordingOutput())) {
      RecordingOutput output = new RecordingOutput();
      evaluator.execute("In [1]", "%greet everyone", output);
      assertEquals(List.of("stdout:greetings, everyone"), output.events);
    }
  }

  @Test
  void providersOnTheClassPathAtStartAddLineAndCellMagics() throws CellException {
    // ClassPathMagics is listed in the tests' META-INF/services, as an extension jar's would be.
    assertEquals(List.of("stdout:line magic [a, b c]\n"), run("%fromClassPath a 'b c'").events);
    assertEquals(List.of("value:body"), run("%%fromClassPath\nbody\n").events);
  }

  @Test
  void aSessionRunsTheRegistryItIsStartedWithAndNoOther() throws CellException {
    Magics own =
        new Magics()
            .register("hello", (args, context) -> context.output().stdout("hello " + args.get(0)));
    try (JShellEvaluator evaluator =
        JShellEvaluator.start(EvaluatorConfig.defaults(), own, new RecordingOutput())) {
      RecordingOutput output = new RecordingOutput();
      evaluator.execute("In [1]", "%hello world", output);
      assertEquals(List.of("stdout:hello world"), output.events);
      CellException notStandard =
          assertThrows(
              CellException.class,
              () -> evaluator.execute("In [2]", "%time 1", new RecordingOutput()));
      assertEquals(
          "%time is not a magic here; line magics: %hello; cell magics: none",
          notStandard.traceback().get(0));
      evaluator.execute(
          "In [3]", "registerMagic(\"later\", (args, context) -> {});", new RecordingOutput());
      assertEquals(
          Set.of("hello", "later"), own.names(), "cells add to the registry the session was given");
    }
  }

  @Test
  void magicNamesCompleteAfterOneOrTwoPercentSigns() {
    CodeInsight.Completions line = session.evaluator().complete("%ti", 3);
    assertEquals(List.of("time"), line.matches());
    assertEquals(1, line.start());
    CodeInsight.Completions cell = session.evaluator().complete("%%ti", 4);
    assertEquals(List.of("time"), cell.matches());
    assertEquals(2, cell.start());
  }
}
