package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JShellEvaluatorTest {
  @RegisterExtension static final EvaluatorSession session = new EvaluatorSession();

  private static Optional<MimeBundle> run(String code, RecordingOutput output)
      throws CellException {
    return session.run(code, output);
  }

  @Test
  void aTrailingExpressionIsTheCellsValueAndDeclarationsAreNot() throws CellException {
    assertEquals("2", run("1 + 1", new RecordingOutput()).orElseThrow().text());
    assertEquals(Optional.empty(), run("int declared = 41;", new RecordingOutput()));
    assertEquals(
        "42", run("declared += 0;\ndeclared + 1", new RecordingOutput()).orElseThrow().text());
    assertEquals(
        Optional.empty(), run("declared = 5", new RecordingOutput()), "assignments are not shown");
    assertEquals(
        "null", run("String nothing = null;\nnothing", new RecordingOutput()).orElseThrow().text());
    assertEquals("[1, 2]", run("new int[] {1, 2}", new RecordingOutput()).orElseThrow().text());
  }

  @Test
  void warmingUpLeavesNoValuesOrNamesInTheSession() throws CellException {
    session.evaluator().warmUp();
    run("int $kept = 1;", new RecordingOutput());
    // Completion lists $-names (the declared one shows it does); the warm-up's values, $1, $2 …,
    // would be among them had they been kept.
    assertEquals(List.of("$kept"), session.evaluator().complete("$", 1).matches());
    assertEquals("2", run("1 + 1", new RecordingOutput()).orElseThrow().text());
  }

  @Test
  void aWarmUpCellThatFailsEndsTheWarmUpAndNotTheSession() throws CellException {
    EvaluatorConfig config =
        new EvaluatorConfig(List.of(), List.of(), Duration.ZERO, List.of(), "class Objects { }");
    try (JShellEvaluator evaluator = JShellEvaluator.start(config, new RecordingOutput())) {
      evaluator.warmUp(); // its cell calling Objects.hash no longer compiles
      assertEquals(
          "2", evaluator.execute("In [1]", "1 + 1", new RecordingOutput()).orElseThrow().text());
    }
  }

  @Test
  void theCompilerKeepsItsClassPathIndexAcrossCompilations() throws CellException {
    run("1 + 1", new RecordingOutput());
    run("2 + 2", new RecordingOutput());
    // JShell compiles each snippet several times and repeats --multi-release each time; without the
    // absorbing file manager each repeat makes javac index the class path again.
    assertTrue(
        session.evaluator().compilerOptionRepeatsAbsorbed() > 0,
        "StableOptionsFileManager is installed");
  }

  @Test
  void rawTypesCompileWithoutCompilerOptions() throws CellException {
    assertEquals(
        Optional.empty(),
        run("List raw = new ArrayList();", new RecordingOutput()),
        "the -Werror check in EvaluatorConfigTest depends on this");
  }

  @Test
  void printedOutputStreamsInOrderWithDisplays() throws CellException {
    RecordingOutput output = new RecordingOutput();
    run(
        "System.out.println(\"first\");\nSystem.err.println(\"oops\");\ndisplay(\"shown\");\nSystem.out.print(\"last\");",
        output);
    assertEquals(
        List.of("stdout:first\n", "stderr:oops\n", "display:shown", "stdout:last"), output.events);
  }

  @Test
  void aFloodOfPrintedLinesArrivesWholeInAFewMessagesBeforeTheResult() throws CellException {
    RecordingOutput output = new RecordingOutput();
    Optional<MimeBundle> result =
        run("for (int i = 0; i < 20000; i++) System.out.println(\"line \" + i);\n\"done\"", output);
    assertEquals("done", result.orElseThrow().text());
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 20000; i++) {
      expected.append("line ").append(i).append('\n');
    }
    assertEquals(expected.toString(), output.stdoutText());
    assertTrue(output.events.size() < 100, output.events.size() + " messages for 20,000 lines");
  }

  @Test
  void aSemicolonAfterTheLastExpressionHidesItsValueAsInIPython() throws CellException {
    assertEquals(
        Optional.empty(),
        run("var sb = new StringBuilder();\nsb.append(\"x\");", new RecordingOutput()));
    assertEquals(
        Optional.empty(), run("new ArrayList<Integer>().add(1);  ", new RecordingOutput()));
    assertEquals(Optional.empty(), run("sb.append(\"y\"); // kept quiet", new RecordingOutput()));
    assertEquals("xyz", run("sb.append(\"z\")", new RecordingOutput()).orElseThrow().text());
    assertEquals(
        "4", run("sb.append(1);\nsb.length()", new RecordingOutput()).orElseThrow().text());
    assertEquals(
        "xyz1;",
        run("sb.append(\";\") /* not the end; */", new RecordingOutput()).orElseThrow().text());
  }

  @Test
  void redefinitionsAndMissingNamesAreNotedAsJshellNotesThem() throws CellException {
    run(
        "class Redef { int v = 1; }\nvar r1 = new Redef();\nRedef r2 = new Redef();",
        new RecordingOutput());
    RecordingOutput redefined = new RecordingOutput();
    run("class Redef { int v = 2; int w = 3; }", redefined);
    // in the order JShell reports its dependents, which its state decides
    assertEquals(
        java.util.Set.of(
            "note: variable r1 cannot be used until this is corrected: incompatible types:"
                + " Redef cannot be converted to Redef",
            "note: variable r2 was reset to null, as a declaration it depends on changed"),
        java.util.Set.copyOf(
            redefined.events.get(0).substring("stderr:".length()).lines().toList()));
    assertEquals(1, redefined.events.size(), redefined.events.toString());
    RecordingOutput early = new RecordingOutput();
    run("int usesLater() { return notYet; }", early);
    assertEquals(
        List.of(
            "stderr:note: method usesLater is declared, but cannot be used until variable notYet"
                + " is declared\n"),
        early.events);
    RecordingOutput fine = new RecordingOutput();
    run("int notYet = 4;\nusesLater()", fine);
    assertEquals(List.of(), fine.events, "nothing to note once it resolves");
  }

  /** The error of {@code code} run as the cell {@code cellName}, which must fail. */
  private static CellException failing(String cellName, String code) {
    return assertThrows(
        CellException.class,
        () -> session.evaluator().execute(cellName, code, new RecordingOutput()));
  }

  @Test
  void aRecursionsFramesAreShownOnceWithHowOftenTheyRepeat() throws CellException {
    session
        .evaluator()
        .execute("In [1]", "int depth(int n) { return depth(n + 1) + 1; }", new RecordingOutput());
    CellException error = failing("In [2]", "depth(0)");
    assertEquals("java.lang.StackOverflowError", error.ename());
    List<String> traceback = error.traceback();
    assertTrue(traceback.size() < 10, String.join("\n", traceback));
    assertEquals("\tat depth (In [1] line 1)", traceback.get(1));
    assertTrue(
        traceback.get(2).matches("\t… the frame above \\d{3,} more times"), traceback.get(2));
  }

  @Test
  void aToolkitRefusalShowsItsMessageAndTheCellsFramesOnly() throws CellException {
    session
        .evaluator()
        .execute(
            "In [1]",
            "void variant(String id) { org.editbench.infbench.RunId.parse(id); }",
            new RecordingOutput());
    CellException refused = failing("In [2]", "variant(\"0.2_oops\")");
    List<String> traceback = refused.traceback();
    assertTrue(
        traceback.get(0).startsWith("java.lang.IllegalArgumentException: "), traceback.get(0));
    assertTrue(
        traceback.get(1).equals("\t... 1 frame in the editbench toolkit and the JDK"),
        traceback.get(1));
    assertEquals(
        List.of("\tat variant (In [1] line 1)", "\tat (In [2] line 1)"),
        traceback.subList(2, traceback.size()));

    // Through a stream: the stream's frames between the cell's lambda and the cell are counted.
    CellException inStream =
        failing(
            "In [3]",
            "List.of(\"bad\").stream().map(s -> org.editbench.infbench.RunId.parse(s)).toList()");
    List<String> streamed = inStream.traceback();
    Matcher count =
        Pattern.compile("\t\\.\\.\\. (\\d+) frames in the editbench toolkit and the JDK")
            .matcher(streamed.get(1));
    assertTrue(count.matches() && Integer.parseInt(count.group(1)) > 5, streamed.toString());
    assertEquals(
        List.of("\tat lambda (In [3] line 1)", "\tat (In [3] line 1)"),
        streamed.subList(2, streamed.size()));

    // A var declaration's two top-level frames show as one, as for the cell's own exceptions.
    CellException declared =
        failing("In [4]", "var parsed = org.editbench.infbench.RunId.parse(\"bad\");");
    List<String> declaredLines = declared.traceback();
    assertEquals(
        List.of("\tat (In [4] line 1)"),
        declaredLines.subList(2, declaredLines.size()),
        declaredLines.toString());

    // The cell's own IllegalArgumentException keeps its frames.
    CellException own =
        assertThrows(
            CellException.class,
            () -> run("java.util.Objects.checkIndex(5, 2);", new RecordingOutput()));
    assertTrue(
        String.join("\n", own.traceback()).contains("at java.base/"), own.traceback().toString());
  }

  @Test
  void jshellsWrapperClassesStayOutOfValuesAndErrors() throws CellException {
    run(
        "class Plain { }\nclass Oops extends RuntimeException { Oops(String m) { super(m); } }",
        new RecordingOutput());
    String shown = run("new Plain()", new RecordingOutput()).orElseThrow().text();
    assertTrue(shown.matches("Plain@[0-9a-f]+"), shown);
    CellException npe =
        assertThrows(
            CellException.class,
            () -> run("String nothing = null;\nnothing.length()", new RecordingOutput()));
    assertFalse(
        String.join("\n", npe.traceback()).contains("$JShell$"), npe.traceback().toString());
    assertTrue(npe.evalue().contains("\"nothing\" is null"), npe.evalue());
    CellException own =
        assertThrows(
            CellException.class, () -> run("throw new Oops(\"mine\");", new RecordingOutput()));
    assertEquals("Oops", own.ename());
    assertEquals("Oops: mine", own.traceback().get(0));
  }

  @Test
  void anAcceptedSnippetsWarningsAreShownWithTheirLine() throws CellException {
    RecordingOutput output = new RecordingOutput();
    run("List raw = new ArrayList();\nraw.add(1);", output);
    assertEquals(1, output.events.size(), output.events.toString());
    assertTrue(
        output.events.get(0).startsWith("stderr:In [1] line 2: warning: unchecked call to add(E)"),
        output.events.get(0));
    // The caret where javac puts it: at the call's parenthesis.
    assertTrue(
        output.events.get(0).contains("\n    raw.add(1);\n           ^"), output.events.get(0));
  }

  @Test
  void repeatedFramesCollapseByTheirCycle() {
    List<String> cycle = List.of("a", "b");
    List<String> lines = new ArrayList<>(List.of("top"));
    for (int i = 0; i < 5; i++) {
      lines.addAll(cycle);
    }
    lines.add("bottom");
    assertEquals(
        List.of("top", "a", "b", "\t… the 2 frames above 4 more times", "bottom"),
        CellErrors.collapseRepeats(lines));
    assertEquals(List.of("x", "x", "y"), CellErrors.collapseRepeats(List.of("x", "x", "y")));
  }

  @Test
  void callingADeclarationThatWaitsOnANameSaysWhichName() throws CellException {
    run("int waitsFor() { return stillMissing; }", new RecordingOutput());
    CellException error =
        assertThrows(CellException.class, () -> run("waitsFor()", new RecordingOutput()));
    assertEquals("UnresolvedReferenceException", error.ename());
    assertEquals("waitsFor cannot be used until variable stillMissing is declared", error.evalue());
  }

  @Test
  void theLastCodeCharacterSkipsCommentsAndLiterals() {
    assertEquals(';', SnippetRunner.lastCodeChar("f(); // note"));
    assertEquals(')', SnippetRunner.lastCodeChar("f() // a; b"));
    assertEquals(')', SnippetRunner.lastCodeChar("f(\"//;\") /* ; */ \n "));
    assertEquals('"', SnippetRunner.lastCodeChar("\"\"\"\n a;\n \\\"\"\"\"\"\""));
    assertEquals(';', SnippetRunner.lastCodeChar("c = ';';"));
    assertEquals(0, SnippetRunner.lastCodeChar("  // only a comment"));
    assertTrue(SnippetRunner.endsInLiteral("String t = \"abc."));
    assertTrue(SnippetRunner.endsInLiteral("char c = 'a"));
    assertTrue(SnippetRunner.endsInLiteral("var t = \"\"\"\n  text \" more"));
    assertFalse(SnippetRunner.endsInLiteral("f(\"a\\\"b\").")); // an escaped quote inside
    assertFalse(SnippetRunner.endsInLiteral("f(\"a\") // \"b"));
  }

  @Test
  void aDisplayCanBeUpdatedInPlaceByItsId() throws CellException {
    RecordingOutput output = new RecordingOutput();
    run("var id = displayUpdatable(\"0 %\");\nupdateDisplay(id, \"100 %\");", output);
    assertEquals(List.of("display:0 %", "update:100 %"), output.events);
    assertEquals(output.displayIds.get(0), output.updates.get(0).getKey());
  }

  @Test
  void theToolkitFacadeAndTablesawAreImportedByDefault(@TempDir Path dir) throws Exception {
    Path bench = dir.resolve("bench.jsonl");
    Files.writeString(
        bench,
        "{\"instance_id\": \"demo__1\", \"repo\": \"demo/repo\"}\n"
            + "{\"instance_id\": \"demo__2\", \"repo\": \"demo/repo\"}\n");
    String cell =
        "var bench = EditBench.loadBench(\""
            + bench.toString().replace("\\", "\\\\")
            + "\");\n"
            + "Table.create(\"bench\", StringColumn.create(\"instance_id\", bench.stream().map(b -> b.instanceId()).toList()))";
    MimeBundle value = run(cell, new RecordingOutput()).orElseThrow();
    assertTrue(
        ((String) value.data().get(MimeBundle.HTML)).contains(">demo__2</td>"),
        value.data().toString());
    assertTrue(value.text().contains("demo__1"));
  }

  @Test
  void theReadmesFirstCellLoadsTheBundledBench() throws CellException {
    // Surefire runs in toolkit/; a notebook at the repository's root says "crawled_data/…".
    Path bench =
        Path.of("")
            .toAbsolutePath()
            .getParent()
            .resolve("crawled_data/bench/all-task-instances.jsonl");
    String cell =
        "var bench = EditBench.loadBench(\""
            + bench.toString().replace("\\", "\\\\")
            + "\");\nbench.size()";
    assertTrue(Integer.parseInt(run(cell, new RecordingOutput()).orElseThrow().text()) > 0);
  }

  @Test
  void displayRendersByTypeAndClearOutputIsSent() throws CellException {
    RecordingOutput output = new RecordingOutput();
    run(
        "display(Table.create(\"t\", IntColumn.create(\"n\", 1, 2)));\n"
            + "clearOutput();\n"
            + "display(new java.awt.image.BufferedImage(2, 3, java.awt.image.BufferedImage.TYPE_INT_RGB));",
        output);
    assertEquals("clear:false", output.events.get(1));
    assertTrue(output.displayed.get(0).data().containsKey(MimeBundle.HTML));
    assertTrue(output.displayed.get(1).data().containsKey(MimeBundle.PNG));
    assertEquals("<image 2x3>", output.displayed.get(1).text());
  }

  @Test
  void aCompilerErrorNamesTheCellLineAndShowsTheOffendingLine() {
    CellException error =
        assertThrows(
            CellException.class,
            () -> run("int fine = 1;\nint broken = \"text\";", new RecordingOutput()));
    assertEquals("CompilationException", error.ename());
    assertTrue(error.evalue().contains("incompatible types"), error.evalue());
    assertEquals(
        "In [1] line 2: error: incompatible types: java.lang.String cannot be converted to int",
        error.traceback().get(0));
    assertEquals("    int broken = \"text\";", error.traceback().get(1));
    assertEquals("                 ^", error.traceback().get(2));
  }

  @Test
  void cellsWithWindowsOrOldMacLineEndsNameTheSameLinesAndShowThemWithoutTheirEnds() {
    for (String end : List.of("\r\n", "\r")) {
      CellException compile =
          assertThrows(
              CellException.class,
              () ->
                  run(
                      "int a = 1;" + end + "int b = 2;" + end + "int c = \"x\";",
                      new RecordingOutput()));
      assertTrue(
          compile.traceback().get(0).contains("] line 3: error:"), compile.traceback().get(0));
      assertEquals("    int c = \"x\";", compile.traceback().get(1));
      CellException runtime =
          assertThrows(
              CellException.class,
              () ->
                  run(
                      "int a = 1;" + end + "String s = null;" + end + "s.length()",
                      new RecordingOutput()));
      assertTrue(
          runtime.traceback().stream().anyMatch(line -> line.endsWith("] line 3)")),
          runtime.traceback().toString());
    }
  }

  @Test
  void aLambdaInACellShowsAsALambdaOnItsCellLineWithoutJShellsWrapperMethod() {
    CellException error =
        assertThrows(
            CellException.class,
            () ->
                run(
                    "int zero = 0;\nList.of(1).stream().map(x -> x / zero).toList()",
                    new RecordingOutput()));
    assertEquals("java.lang.ArithmeticException", error.ename());
    assertTrue(
        error.traceback().stream().noneMatch(line -> line.contains("do_it$")),
        error.traceback().toString());
    assertTrue(
        error.traceback().stream()
            .anyMatch(line -> line.matches("\tat lambda \\(In \\[\\d+\\] line 2\\)")),
        error.traceback().toString());
  }

  @Test
  void anUnknownTypeSaysWhichWithoutAnEmptyLocationLine() {
    CellException error =
        assertThrows(CellException.class, () -> run("Strin s = \"x\";", new RecordingOutput()));
    assertEquals(
        "In [1] line 1: error: cannot find symbol\n  symbol:   class Strin",
        error.traceback().get(0));

    CellException member =
        assertThrows(
            CellException.class,
            () -> run("String text = \"x\";\ntext.lenght()", new RecordingOutput()));
    assertEquals("    text.lenght()", member.traceback().get(1));
    assertEquals("        ^", member.traceback().get(2), "under the member, not the receiver");
  }

  @Test
  void aRuntimeExceptionShowsItsTraceTrimmedToCellCode() throws CellException {
    run(
        "void explode() {\n  throw new IllegalStateException(\"boom\", new RuntimeException(\"root\"));\n}",
        new RecordingOutput());
    CellException error =
        assertThrows(
            CellException.class,
            () ->
                session
                    .evaluator()
                    .execute("In [7]", "int before = 1;\nexplode();", new RecordingOutput()));
    assertEquals("java.lang.IllegalStateException", error.ename());
    assertEquals("boom", error.evalue());
    List<String> traceback = error.traceback();
    assertEquals("java.lang.IllegalStateException: boom", traceback.get(0));
    assertEquals("\tat explode (In [1] line 2)", traceback.get(1));
    assertEquals("\tat (In [7] line 2)", traceback.get(2));
    assertEquals("Caused by: java.lang.RuntimeException: root", traceback.get(3));
    assertFalse(String.join("\n", traceback).contains("jdk.jshell"), String.join("\n", traceback));
    assertFalse(String.join("\n", traceback).contains("reflect"), String.join("\n", traceback));
  }

  @Test
  void libraryFramesBetweenCellFramesAreCountedNotListed() {
    CellException error =
        assertThrows(
            CellException.class,
            () ->
                session
                    .evaluator()
                    .execute(
                        "In [5]",
                        "List.of(1, 2, 0).stream().map(v -> 10 / v).toList()",
                        new RecordingOutput()));
    List<String> traceback = error.traceback();
    assertEquals("java.lang.ArithmeticException: / by zero", traceback.get(0));
    assertEquals("\tat lambda (In [5] line 1)", traceback.get(1));
    assertTrue(
        traceback.get(2).matches("\t\\.\\.\\. \\d+ frames of the JDK and libraries"),
        traceback.get(2));
    assertEquals("\tat (In [5] line 1)", traceback.get(3));
    assertEquals(4, traceback.size(), traceback.toString());
  }

  @Test
  void aVarDeclarationsExceptionNamesItsLineOnce() {
    CellException error =
        assertThrows(
            CellException.class,
            () ->
                session
                    .evaluator()
                    .execute("In [4]", "var item = List.of(1).get(5);", new RecordingOutput()));
    assertEquals(
        List.of("java.lang.IndexOutOfBoundsException: Index: 5 Size: 1", "\tat (In [4] line 1)"),
        error.traceback().stream().filter(l -> !l.startsWith("\tat java.base")).toList());
  }

  @Test
  void aCallOfADeclarationWhoseDependencyChangedSaysWhatToDo() throws CellException {
    run("int[] cells = new int[2];\nvoid poke(int i) { cells[i] = 1; }", new RecordingOutput());
    RecordingOutput redeclared = new RecordingOutput();
    assertThrows(
        CellException.class,
        () -> session.evaluator().execute("In [2]", "int cells = \"x\";", redeclared));
    CellException error =
        assertThrows(
            CellException.class,
            () -> session.evaluator().execute("In [3]", "poke(0);", new RecordingOutput()));
    assertFalse(error.evalue().contains("  "), error.evalue());
    assertTrue(error.evalue().startsWith("poke cannot be used until"), error.evalue());
  }

  @Test
  void anExceptionOnAThreadACellStartedIsSaidInTheCellsTerms() throws CellException {
    run("void fail() {\n  throw new IllegalStateException(\"boom\");\n}", new RecordingOutput());
    RecordingOutput output = new RecordingOutput();
    session
        .evaluator()
        .execute(
            "In [8]",
            "Thread worker = new Thread(() -> fail(), \"worker\");\nworker.start();\nworker.join();",
            output);
    String stderr = output.stderrText();
    assertEquals(
        "Exception in thread \"worker\" java.lang.IllegalStateException: boom\n"
            + "\tat fail (In [1] line 2)\n"
            + "\tat lambda (In [8] line 1)\n",
        stderr);
  }

  @Test
  void aThreadsExceptionNamesCellLinesAfterADependencyWasDeclaredAgain() throws CellException {
    run("int depth = 1;", new RecordingOutput());
    run(
        "void dive() {\n  int d = depth;\n  throw new IllegalStateException(\"deep\");\n}",
        new RecordingOutput());
    run("int depth = 7;", new RecordingOutput()); // dive is recompiled into another wrapper
    RecordingOutput output = new RecordingOutput();
    session
        .evaluator()
        .execute(
            "In [9]",
            "Thread diver = new Thread(() -> dive(), \"diver\");\ndiver.start();\ndiver.join();",
            output);
    String stderr = output.stderrText();
    assertTrue(stderr.contains("\tat dive (In [1] line 3)\n"), stderr);
    assertFalse(stderr.contains("$JShell$"), stderr);
  }

  /** Runs a cell on another thread; completes with its error (null when it succeeds). */
  private static CompletableFuture<CellException> runInBackground(
      String code, RecordingOutput output) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            run(code, output);
            return null;
          } catch (CellException e) {
            return e;
          }
        });
  }

  /** Whether {@code output} holds {@code event}, read under the lock its writers hold. */
  private static boolean printed(RecordingOutput output, String event) {
    synchronized (output) {
      return output.events.contains(event);
    }
  }

  /**
   * Waits until a running cell has printed {@code line}: it has started, whatever the machine's
   * speed (a fixed sleep before interrupting could come before the cell did).
   */
  private static void awaitPrinted(RecordingOutput output, String line)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!printed(output, "stdout:" + line)) {
      assertTrue(System.nanoTime() < deadline, "the cell never printed " + line);
      Thread.sleep(10);
    }
  }

  @Test
  void interruptStopsABusyLoopAndTheSessionLivesOn() throws Exception {
    RecordingOutput output = new RecordingOutput();
    CompletableFuture<CellException> outcome =
        runInBackground("System.out.println(\"spinning\");\nwhile (true) {}", output);
    awaitPrinted(output, "spinning\n");
    session.evaluator().interrupt();
    CellException error = outcome.get(10, TimeUnit.SECONDS);
    assertEquals("InterruptedException", error.ename());
    assertEquals("2", run("1 + 1", new RecordingOutput()).orElseThrow().text());
  }

  @Test
  void interruptStopsAMagicAndTheRenderingOfAValueAsItStopsASnippet() throws Exception {
    // Both run cell code outside any snippet: a magic the cell registered, a value's toString.
    run(
        "registerMagic(\"spin\", (args, context) -> {\n"
            + "  System.out.println(\"magic spinning\");\n"
            + "  while (true) {}\n"
            + "});\n"
            + "class Spinning {\n"
            + "  public String toString() { System.out.println(\"rendering\"); while (true) {} }\n"
            + "}",
        new RecordingOutput());
    for (String[] cell :
        new String[][] {{"%spin", "magic spinning"}, {"new Spinning()", "rendering"}}) {
      RecordingOutput output = new RecordingOutput();
      CompletableFuture<CellException> outcome = runInBackground(cell[0], output);
      awaitPrinted(output, cell[1] + "\n");
      session.evaluator().interrupt();
      CellException error = outcome.get(10, TimeUnit.SECONDS);
      assertEquals("InterruptedException", error.ename(), cell[0]);
      assertEquals("2", run("1 + 1", new RecordingOutput()).orElseThrow().text());
    }
  }

  @Test
  void aValueThatIsNotShownIsNeverMadeAString() throws CellException {
    run(
        "class Counted {\n"
            + "  static int strings;\n"
            + "  public String toString() { strings++; return \"counted\"; }\n"
            + "}\n"
            + "var kept = new Counted();\n"
            + "Counted again = kept;\n"
            + "kept;",
        new RecordingOutput());
    assertEquals("0", run("Counted.strings", new RecordingOutput()).orElseThrow().text());
    assertEquals("counted", run("kept", new RecordingOutput()).orElseThrow().text());
    assertEquals("1", run("Counted.strings", new RecordingOutput()).orElseThrow().text());
  }

  @Test
  void whatAThreadPrintsAfterItsCellEndedGoesToThatCellUntilTheNextStarts() throws Exception {
    String gate = "editbench.test.late-output";
    RecordingOutput first = new RecordingOutput();
    run(
        "Thread late = new Thread(() -> {\n"
            + "  while (System.getProperty(\""
            + gate
            + "\") == null) { try { Thread.sleep(5); } catch (InterruptedException e) { return; } }\n"
            + "  System.out.println(\"late\");\n"
            + "});\n"
            + "late.start();",
        first);
    List<String> whenTheCellEnded = List.copyOf(first.events);
    System.setProperty(gate, "open");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!printed(first, "stdout:late\n") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(List.of(), whenTheCellEnded);
      assertEquals(List.of("stdout:late\n"), first.events);
      RecordingOutput next = new RecordingOutput();
      run("late.join(); System.out.println(\"next\");", next);
      assertEquals(List.of("stdout:next\n"), next.events);
    } finally {
      System.clearProperty(gate);
    }
  }

  @Test
  void closingASessionEndsTheRoutingOfPrintingToItsLastCell() throws CellException {
    RecordingOutput last = new RecordingOutput();
    try (JShellEvaluator evaluator =
        JShellEvaluator.start(EvaluatorConfig.defaults(), new RecordingOutput())) {
      evaluator.execute("In [1]", "1", last);
      System.out.println("between cells");
      assertEquals(List.of("stdout:between cells\n"), last.events);
    }
    System.out.println("after the session");
    assertEquals(List.of("stdout:between cells\n"), last.events);
  }

  @Test
  void anOutputThatPrintsToTheConsoleItselfDoesNotFeedItself() throws CellException {
    List<String> logged = new ArrayList<>();
    CellOutput logging =
        new CellOutput() {
          @Override
          public void stdout(String text) {}

          @Override
          public void stderr(String text) {
            logged.add(text);
            System.err.print("log: " + text); // as a log that writes to System.err does
          }

          @Override
          public void display(MimeBundle bundle) {}

          @Override
          public void clearOutput(boolean wait) {}

          @Override
          public void page(MimeBundle bundle) {}
        };
    session.evaluator().execute("In [1]", "System.err.println(\"in the cell\");", logging);
    System.err.println("after the cell");
    // Without a guard, the output's own printing came back to it until the stack overflowed. Its
    // print of the cell's text comes back once or twice (as a line of the cell, if the batch was
    // handed over while the cell ran, and after it), never more.
    assertEquals("in the cell\n", logged.get(0));
    assertEquals("after the cell\n", logged.get(logged.size() - 1));
    assertTrue(logged.size() <= 4, logged.toString());
  }

  @Test
  void interruptEndsASleepingCellByInterruption() throws Exception {
    RecordingOutput output = new RecordingOutput();
    CompletableFuture<CellException> outcome =
        runInBackground("System.out.println(\"sleeping\");\nThread.sleep(60_000);", output);
    awaitPrinted(output, "sleeping\n");
    session.evaluator().interrupt();
    assertEquals("InterruptedException", outcome.get(10, TimeUnit.SECONDS).ename());
  }

  @Test
  void completionComesFromJShellAndMagicNames() {
    String code = "%classpath x\nint a = 1;\njava.util.concurrent.atomic.AtomicB";
    CodeInsight.Completions completions = session.evaluator().complete(code, code.length());
    assertEquals(List.of("AtomicBoolean"), completions.matches());
    assertEquals(code.length() - "AtomicB".length(), completions.start());
    assertEquals(code.length(), completions.end());

    CodeInsight.Completions magics = session.evaluator().complete("%mav", 4);
    assertEquals(List.of("maven", "mavenRepo"), magics.matches());
    assertEquals(1, magics.start());
  }

  @Test
  void completionOffersNothingInsideAString() {
    for (String code : List.of("String t = \"abc.", "String t = \"Str")) {
      assertEquals(List.of(), session.evaluator().complete(code, code.length()).matches(), code);
    }
  }

  @Test
  void completionSeesTheVariablesAndClassesTheCellDeclaresAboveTheCursorBeforeItRuns() {
    // Imports above are left out of what the analysis sees (neither a block nor a class body can
    // hold one), and do not spoil the rest.
    String code =
        "%classpath x\nint twice(int x) { return 2 * x; }\nimport java.time.*;\n"
            + "record Point(int x, int y) {}\nvar origin = new Point(0, 0);\n"
            + "Point mirrored(Point p) { return new Point(p.y(), p.x()); }\n"
            + "String greeting = \"hi\";\ngreeting.isEm";
    CodeInsight.Completions completions = session.evaluator().complete(code, code.length());
    assertEquals(List.of("isEmpty()"), completions.matches());
    assertEquals(code.length() - "isEm".length(), completions.start());

    String record = code.replace("greeting.isEm", "origin.x");
    assertTrue(
        session.evaluator().complete(record, record.length()).matches().contains("x()"),
        "a record declared in the cell");
    String call = code.replace("greeting.isEm", "greeting.isEmpty()");
    assertTrue(
        session
            .evaluator()
            .inspect(call, call.indexOf("isEmpty") + 3)
            .orElse("")
            .contains("boolean String.isEmpty()"),
        "Shift-Tab on a variable the cell declared");
  }

  @Test
  void isCompleteTellsCompleteIncompleteAndInvalid() {
    assertEquals(
        CodeInsight.Completeness.Status.COMPLETE,
        session.evaluator().isComplete("int x = 1;\nx + 1").status());
    CodeInsight.Completeness open = session.evaluator().isComplete("for (int i = 0; i < 3; i++) {");
    assertEquals(CodeInsight.Completeness.Status.INCOMPLETE, open.status());
    assertEquals("    ", open.indent());
    assertEquals(
        CodeInsight.Completeness.Status.INVALID,
        session.evaluator().isComplete("int x = ;").status());
  }

  @Test
  void inspectAndDocShowSignaturesAndTheToolkitsJavadoc() throws CellException {
    String inspected = session.evaluator().inspect("Math.abs", 6).orElseThrow();
    assertTrue(inspected.contains("int Math.abs(int a)"), inspected);

    RecordingOutput output = new RecordingOutput();
    run("%doc EditBench", output);
    String page = output.paged.get(0).text();
    assertTrue(
        page.startsWith("org.editbench.EditBench\nThe one entry point notebooks call"), page);
    assertTrue(
        page.contains(
            "List<org.editbench.bench.BenchInstance> EditBench.loadBench(String path)\n"
                + "The instances of a bench or infbench JSONL file"),
        page);
    assertFalse(page.contains("EditBench.class"), page);

    String method = session.evaluator().inspect("EditBench.loadBench", 19).orElseThrow();
    assertTrue(method.contains("Like loadBench(String), with warnings"), method);

    // A class notebooks hold instances of: its instance methods too, and one asked for by name.
    RecordingOutput workspace = new RecordingOutput();
    run("%doc org.editbench.Workspace", workspace);
    String members = workspace.paged.get(0).text();
    assertTrue(members.contains("Workspace.summarize("), members);
    assertFalse(members.contains(".hashCode()"), members);
    RecordingOutput oneMethod = new RecordingOutput();
    run("%doc org.editbench.Workspace.summarize", oneMethod);
    assertTrue(
        oneMethod.paged.get(0).text().contains("The summary of the merged"),
        oneMethod.paged.get(0).text());
  }

  @Test
  void unknownMagicsAndBadMagicArgumentsAreCellErrors() {
    CellException unknown =
        assertThrows(CellException.class, () -> run("%nosuch", new RecordingOutput()));
    assertEquals("UnknownMagic", unknown.ename());
    CellException noMatch =
        assertThrows(
            CellException.class, () -> run("%jars /nonexistent/*.jar", new RecordingOutput()));
    assertTrue(noMatch.evalue().contains("no jar matches"), noMatch.evalue());
    // Each says what is wrong once, after the magic's name.
    assertEquals(
        "In [1] line 1: %jars: no jar matches /nonexistent/*.jar", noMatch.traceback().get(0));
    assertEquals(
        "In [1] line 1: %classpath: nothing matches /nonexistent/*.jar",
        assertThrows(
                CellException.class,
                () -> run("%classpath /nonexistent/*.jar", new RecordingOutput()))
            .traceback()
            .get(0));
    assertEquals(
        "In [1] line 1: %load: /nonexistent/lib.jsh: file not found",
        assertThrows(
                CellException.class, () -> run("%load /nonexistent/lib.jsh", new RecordingOutput()))
            .traceback()
            .get(0));
  }

  @Test
  void magicErrorsSayTheFileAndWhatIsWrongInWords(@TempDir Path dir) throws Exception {
    Map<String, String> said =
        Map.of(
            "%load " + dir,
            "In [1] line 1: %load: " + dir + ": is a directory; expected a file",
            "%load " + Files.write(dir.resolve("latin.jsh"), new byte[] {'x', ' ', (byte) 0xe9}),
            "In [1] line 1: %load: " + dir.resolve("latin.jsh") + ":1: invalid UTF-8 at byte 2",
            "%classpath " + dir + "/[a",
            "In [1] line 1: %classpath: '" + dir + "/[a' is not a valid pattern: Missing ']",
            "%doc NoSuchClassXyz",
            "In [1] line 1: %doc: nothing known as NoSuchClassXyz");
    for (Map.Entry<String, String> magic : said.entrySet()) {
      CellException e =
          assertThrows(CellException.class, () -> run(magic.getKey(), new RecordingOutput()));
      assertEquals(magic.getValue(), e.traceback().get(0));
      assertFalse(e.ename().contains("."), "no Java class name: " + e.ename());
    }
    CellException misplaced =
        assertThrows(CellException.class, () -> run("1;\n%%time\n2", new RecordingOutput()));
    assertEquals(
        "%%time is written as a cell magic, which must be the cell's first line, its body the"
            + " rest of the cell",
        misplaced.traceback().get(0));
    CellException usage =
        assertThrows(CellException.class, () -> run("%jars", new RecordingOutput()));
    assertEquals("UsageError", usage.ename());
    assertEquals("usage: %jars JAR-OR-GLOB…", usage.evalue());
  }

  @Test
  void compilerOptionsTheCompilerRefusesAreNamedWithTheirVariable() {
    EvaluatorConfig config =
        new EvaluatorConfig(List.of(), List.of("-Xbogus"), Duration.ZERO, List.of(), "");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JShellEvaluator.start(config, new RecordingOutput()).close());
    assertEquals(
        "IJAVA_COMPILER_OPTS '-Xbogus': the Java compiler refuses it (invalid flag: -Xbogus)",
        e.getMessage());
  }

  @Test
  void aStartupScriptThatIsNotUtf8IsNamedWithItsLine(@TempDir Path dir) throws Exception {
    Path script = Files.write(dir.resolve("s.jsh"), new byte[] {'1', ';', '\n', (byte) 0xff});
    EvaluatorConfig config =
        new EvaluatorConfig(List.of(), List.of(), Duration.ZERO, List.of(script.toString()), "");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JShellEvaluator.start(config, new RecordingOutput()).close());
    assertEquals(
        "startup script (IJAVA_STARTUP_SCRIPTS_PATH): " + script + ":2: invalid UTF-8 at byte 3",
        e.getMessage());
  }

  @Test
  void loadRunsAJshFileInTheSession(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("helpers.jsh");
    Files.writeString(
        script, "int triple(int x) { return 3 * x; }\nSystem.out.println(\"loaded\");\n");
    RecordingOutput output = new RecordingOutput();
    Optional<MimeBundle> value = run("%load " + script + "\ntriple(14)", output);
    assertEquals("42", value.orElseThrow().text());
    assertEquals("loaded\n", output.stdoutText());
  }

  @Test
  void jarsAndClasspathAddClassesToTheSession(@TempDir Path dir) throws Exception {
    Path jar =
        TestJars.jarWithClass(
            dir.resolve("lib"),
            "greeting",
            "Hello",
            "public static String hi() { return \"hi\"; }");
    assertEquals(
        "hi",
        run("%jars " + jar.getParent() + "/*.jar\ngreeting.Hello.hi()", new RecordingOutput())
            .orElseThrow()
            .text());
    Path classes =
        TestJars.classesDir(
            dir.resolve("classes"),
            "farewell",
            "Bye",
            "public static String bye() { return \"bye\"; }");
    assertEquals(
        "bye",
        run("%classpath " + classes + "\nfarewell.Bye.bye()", new RecordingOutput())
            .orElseThrow()
            .text());
  }

  @Test
  void timeoutStopsALongStatement() throws CellException {
    EvaluatorConfig config =
        new EvaluatorConfig(List.of(), List.of(), Duration.ofMillis(300), List.of(), "");
    try (JShellEvaluator limited = JShellEvaluator.start(config, new RecordingOutput())) {
      CellException error =
          assertThrows(
              CellException.class,
              () -> limited.execute("In [1]", "while (true) {}", new RecordingOutput()));
      assertEquals("TimeoutException", error.ename());
      assertEquals(
          "3", limited.execute("In [2]", "1 + 2", new RecordingOutput()).orElseThrow().text());
    }
  }
}
