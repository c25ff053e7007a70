package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.editbench.notebook.EvaluatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NotebookCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {}

  private static Run editbench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  /** A notebook with a markdown cell first, then the given code cells. */
  static Path notebook(Path file, String... sources) throws IOException {
    ObjectNode notebook = JSON.createObjectNode();
    ArrayNode cells = notebook.putArray("cells");
    ObjectNode markdown = cells.addObject();
    markdown.put("cell_type", "markdown");
    markdown.putObject("metadata");
    markdown.put("source", "# Title");
    for (String source : sources) {
      ObjectNode cell = cells.addObject();
      cell.put("cell_type", "code");
      cell.putNull("execution_count");
      cell.putObject("metadata");
      cell.putArray("outputs");
      cell.putArray("source").add(source);
    }
    notebook
        .putObject("metadata")
        .putObject("kernelspec")
        .put("name", "java")
        .put("display_name", "Java (editbench)");
    notebook.put("nbformat", 4);
    notebook.put("nbformat_minor", 4);
    Files.writeString(file, notebook.toPrettyString());
    return file;
  }

  /**
   * nbformat's own validation, from Debian's python3-nbformat (Debian's Python, not the PATH's).
   */
  private static void assertValidNbformat(Path notebook) throws Exception {
    Process python =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT))",
                notebook.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(python.waitFor(60, TimeUnit.SECONDS), "nbformat validation timed out");
    String output = new String(python.getInputStream().readAllBytes());
    assertEquals(0, python.exitValue(), "nbformat.validate rejected " + notebook + ":\n" + output);
  }

  private static String text(JsonNode multiline) {
    StringBuilder text = new StringBuilder();
    multiline.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  @Test
  void runsCodeCellsAndWritesValidNotebooksWithTheirOutputs(@TempDir Path dir) throws Exception {
    Path input =
        notebook(
            dir.resolve("demo.ipynb"),
            "System.out.println(\"line 1\");\nSystem.out.println(\"line 2\");",
            "display(Table.create(\"t\", IntColumn.create(\"n\", 1, 2)));\nclearOutput(true);\ndisplay(\"after clear\");",
            "%doc Math.max",
            "int answer = 41;\nanswer + 1");
    String original = Files.readString(input);

    Run run =
        editbench("notebook", "run", input.toString(), "--out", dir.resolve("out").toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("4 code cells ran"), run.out());
    assertEquals(original, Files.readString(input), "with --out the input stays as it was");
    Path output = dir.resolve("out/demo.ipynb");
    assertValidNbformat(output);
    JsonNode cells = JSON.readTree(output.toFile()).path("cells");
    assertEquals("# Title", cells.get(0).path("source").asText());

    JsonNode printed = cells.get(1).path("outputs");
    assertEquals(1, printed.size(), "consecutive writes to stdout make one output");
    assertEquals("line 1\nline 2\n", text(printed.get(0).path("text")));
    assertEquals(1, cells.get(1).path("execution_count").asInt());

    JsonNode displayed = cells.get(2).path("outputs");
    assertEquals(
        1, displayed.size(), "clearOutput(true) cleared the table when the next display came");
    assertEquals("after clear", text(displayed.get(0).path("data").path("text/plain")));

    assertTrue(
        text(cells.get(3).path("outputs").get(0).path("data").path("text/plain"))
            .contains("int Math.max(int a, int b)"));

    JsonNode result = cells.get(4).path("outputs").get(0);
    assertEquals("execute_result", result.path("output_type").asText());
    assertEquals("42", text(result.path("data").path("text/plain")));
    assertEquals(4, result.path("execution_count").asInt());
  }

  @Test
  void aTableDisplaysAsHtmlInTheSavedNotebook(@TempDir Path dir) throws Exception {
    Path input =
        notebook(
            dir.resolve("table.ipynb"),
            "Table.create(\"t\", StringColumn.create(\"id\", \"a\", \"b\"))");
    assertEquals(0, editbench("notebook", "run", input.toString()).exitCode());
    assertValidNbformat(input);
    JsonNode data =
        JSON.readTree(input.toFile()).path("cells").get(1).path("outputs").get(0).path("data");
    assertTrue(text(data.path("text/html")).contains(">b</td>"), data.toString());
  }

  @Test
  void aFailingCellStopsTheRunWithItsNumberAndError(@TempDir Path dir) throws Exception {
    Path input =
        notebook(
            dir.resolve("broken.ipynb"),
            "int fine = 1;",
            "throw new IllegalStateException(\"no bench here\");",
            "System.out.println(\"never\");");

    Path later = notebook(dir.resolve("later.ipynb"), "1 + 1");
    Run run = editbench("notebook", "run", input.toString(), later.toString());

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("cell 3 (In [2]): java.lang.IllegalStateException: no bench here"),
        run.err());
    assertTrue(
        run.err()
            .contains("not run: " + later + " (run them again once the failing cell is fixed)"),
        run.err());
    assertEquals(
        1,
        run.err().lines().filter(l -> l.contains("IllegalStateException: no bench here")).count(),
        "the error said once: " + run.err());
    assertTrue(run.err().contains("\tat (cell 3 line 1)"), run.err());
    assertValidNbformat(input);
    JsonNode cells = JSON.readTree(input.toFile()).path("cells");
    JsonNode error = cells.get(2).path("outputs").get(0);
    assertEquals("error", error.path("output_type").asText());
    assertEquals("java.lang.IllegalStateException", error.path("ename").asText());
    assertTrue(cells.get(3).path("outputs").isEmpty(), "cells after the failure do not run");
    assertTrue(cells.get(3).path("execution_count").isNull());
  }

  @Test
  void aFailingStartupScriptIsAnErrorLineNotAStackTrace(@TempDir Path dir) throws Exception {
    Path input = notebook(dir.resolve("any.ipynb"), "1 + 1");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "notebook",
                "run",
                input.toString())
            .redirectErrorStream(true);
    child
        .environment()
        .put(EvaluatorConfig.STARTUP_SCRIPT, "throw new IllegalStateException(\"no setup\");");
    Process process = child.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(1, process.exitValue(), output);
    assertTrue(
        output.contains(
            "error: "
                + input
                + ": no cell ran, a startup script failed (IJAVA_STARTUP_SCRIPTS_PATH or"
                + " IJAVA_STARTUP_SCRIPT): java.lang.IllegalStateException: no setup"),
        output);
    assertFalse(output.contains("at picocli."), "no stack trace of the command: " + output);
  }

  @Test
  void aNotebookThatIsNotJsonAndAnOutThatIsAFileAreBadInput(@TempDir Path dir) throws Exception {
    Path torn = Files.writeString(dir.resolve("torn.ipynb"), "{\"cells\": [\n");
    Run notJson = editbench("notebook", "run", torn.toString());
    assertEquals(Main.EXIT_BAD_INPUT, notJson.exitCode(), notJson.err());
    assertTrue(notJson.err().contains("error: " + torn + ":2: not valid JSON ("), notJson.err());
    assertFalse(notJson.err().contains("REDACTED"), "no parser internals: " + notJson.err());

    Path input = notebook(dir.resolve("ok.ipynb"), "1 + 1");
    Path file = Files.writeString(dir.resolve("a-file"), "kept");
    Run outIsAFile = editbench("notebook", "run", input.toString(), "--out", file.toString());
    assertEquals(Main.EXIT_BAD_INPUT, outIsAFile.exitCode(), outIsAFile.err());
    assertTrue(
        outIsAFile.err().contains("error: --out " + file + " is a file; --out names the folder"),
        outIsAFile.err());
    assertEquals("kept", Files.readString(file));
  }

  @Test
  void everyNotebookAndDestinationIsCheckedBeforeAnyCellRuns(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran");
    String touch =
        "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"x\");";
    Path first = notebook(Files.createDirectories(dir.resolve("a")).resolve("x.ipynb"), touch);
    Path sameName = notebook(Files.createDirectories(dir.resolve("b")).resolve("x.ipynb"), "1");
    Run clash =
        editbench(
            "notebook",
            "run",
            first.toString(),
            sameName.toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(Main.EXIT_BAD_INPUT, clash.exitCode(), clash.err());
    assertTrue(
        clash.err().contains(first + " and " + sameName + " would both be written to "),
        clash.err());

    Path broken =
        Files.writeString(dir.resolve("broken.ipynb"), "{\"nbformat\": 4, \"cells\": [1]}");
    Run malformed = editbench("notebook", "run", first.toString(), broken.toString());
    assertEquals(Main.EXIT_BAD_INPUT, malformed.exitCode(), malformed.err());
    assertTrue(
        malformed.err().contains(broken + ": cell 1: a number (1) where a cell"), malformed.err());
    assertFalse(Files.exists(marker), "no cell ran");
  }

  /** {@code editbench notebook run notebook} in a child JVM, its output in {@code log}. */
  private static Process notebookRunProcess(Path notebook, Path log) throws IOException {
    return notebookRun(notebook, log).start();
  }

  /** The child JVM of {@link #notebookRunProcess}, to start (in another folder, say). */
  static ProcessBuilder notebookRun(Path notebook, Path log) {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "org.editbench.cli.Main",
            "notebook",
            "run",
            notebook.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
  }

  @Test
  void aCellThatCallsSystemExitLeavesTheNotebookWrittenUpToItAndExitsOne(@TempDir Path dir)
      throws Exception {
    Path input =
        notebook(
            dir.resolve("exit.ipynb"),
            "System.out.println(\"before\");",
            "System.exit(0);",
            "System.out.println(\"never\");");
    Path log = dir.resolve("log");
    Process run = notebookRunProcess(input, log);
    assertTrue(run.waitFor(2, TimeUnit.MINUTES));
    String said = Files.readString(log);
    assertEquals(1, run.exitValue(), "never 0 when a cell ended the run: " + said);
    assertTrue(
        said.contains(
            "a cell called System.exit in "
                + input
                + " cell 3 (In [2]): the notebook is written up to that cell; the cells after it"
                + " did not run"),
        said);
    assertValidNbformat(input);
    JsonNode cells = JSON.readTree(input.toFile()).path("cells");
    assertEquals("before\n", text(cells.get(1).path("outputs").get(0).path("text")));
    assertEquals(
        "this cell ended the Java process (System.exit)",
        cells.get(2).path("outputs").get(0).path("evalue").asText());
    assertTrue(cells.get(3).path("outputs").isEmpty(), "the cell after it did not run");
  }

  @Test
  void aSignalDuringACellLeavesTheNotebookWrittenUpToIt(@TempDir Path dir) throws Exception {
    Path started = dir.resolve("started");
    Path input =
        notebook(
            dir.resolve("slow.ipynb"),
            "System.out.println(\"before\");",
            "java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + started
                + "\"), \"\"); Thread.sleep(120_000);");
    Path log = dir.resolve("log");
    Process run = notebookRunProcess(input, log);
    for (int i = 0; i < 600 && !Files.exists(started); i++) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(started), "the slow cell started: " + Files.readString(log));
    run.destroy(); // SIGTERM
    assertTrue(run.waitFor(1, TimeUnit.MINUTES));
    String said = Files.readString(log);
    assertEquals(143, run.exitValue(), said);
    assertTrue(
        said.contains(
            "stopped by SIGTERM in " + input + " cell 3 (In [2]): the notebook is written"),
        said);
    JsonNode cells = JSON.readTree(input.toFile()).path("cells");
    assertEquals("before\n", text(cells.get(1).path("outputs").get(0).path("text")));
    assertEquals(
        "stopped by SIGTERM while this cell ran",
        cells.get(2).path("outputs").get(0).path("evalue").asText());
  }

  @Test
  void aMissingNotebookIsBadInput(@TempDir Path dir) {
    Run run = editbench("notebook", "run", dir.resolve("absent.ipynb").toString());
    assertEquals(Main.EXIT_BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("no such notebook"), run.err());
  }
}
