package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Doc comments read from the sources the toolkit's jar carries, for JShell's signatures. */
class ToolkitSourcesTest {
  private final ToolkitSources sources = new ToolkitSources(getClass().getClassLoader());

  /** What the session would answer for names as a cell writes them. */
  private static final Map<String, String> IMPORTED =
      Map.of(
          "EditBench",
          "org.editbench.EditBench",
          "org.editbench.inference.ConsoleRunObserver",
          "org.editbench.inference.ConsoleRunObserver",
          "org.editbench.infbench.InfbenchBuilder.StrictModeException",
          "org.editbench.infbench.InfbenchBuilder.StrictModeException");

  private String doc(String signature) {
    return sources
        .forSignature(signature, name -> Optional.ofNullable(IMPORTED.get(name)))
        .orElse("");
  }

  @Test
  void classesOverloadsConstructorsAndNestedClassesGetTheirOwnComment() {
    String type = doc("org.editbench.EditBench");
    assertTrue(type.startsWith("The one entry point notebooks call"), type);
    // As Javadoc reads it: no space left from the "* " margin, Unicode escapes decoded.
    assertTrue(type.matches("(?s).*method\\sthat\\stakes\\svalues.*"), type);
    assertFalse(type.contains("\n ") || type.contains("\n*"), "a margin left: " + type);
    assertTrue(type.contains("bench \u2192 infbench"), type);
    assertEquals(
        "The instances of a bench or infbench JSONL file, in the reference's processing order.",
        doc("java.util.List<org.editbench.bench.BenchInstance> EditBench.loadBench(String path)"));
    assertTrue(
        doc("java.util.List<org.editbench.bench.BenchInstance> EditBench.loadBench("
                + "java.nio.file.Path path, Reporter reporter)")
            .startsWith("Like loadBench(String), with warnings"),
        "as text to read: a link is its target, {@code} its code");
    assertTrue(
        doc("org.editbench.inference.ConsoleRunObserver(java.io.PrintWriter out, java.io.PrintWriter err, "
                + "boolean terminal)")
            .equals(
                "Parameters:\n  terminal - draw a bar in place (the CLI passes whether standard"
                    + " error is a terminal)"));
    assertEquals(
        "Thrown in strict mode at the first invalid instance.",
        doc("org.editbench.infbench.InfbenchBuilder.StrictModeException"));
  }

  @Test
  void markupBecomesTextToRead() {
    String type = doc("org.editbench.inference.ConsoleRunObserver");
    assertTrue(
        type.startsWith("Prints a run for a person: statistics and summaries on out; progress"),
        type);
    assertFalse(type.contains("{@") || type.contains("<p>"), type);
  }

  @Test
  void fieldsAreFoundByNameAndGenericParametersDoNotSplitTheList() {
    assertEquals(
        "The folder of clones under the data root when none is given.",
        sources
            .memberDoc("org.editbench.retrieval.Bm25Settings", "DEFAULT_REPOS_FOLDER", null)
            .orElse(""));
    assertEquals(
        Optional.empty(),
        sources.memberDoc("org.editbench.EditBench", "loadBench", List.of("path", "extra")));
    assertEquals("", doc("void EditBench.nothing(java.util.Map<String, Integer> a, int b)"));
  }

  @Test
  void classesOutsideTheToolkitHaveNoDocHere() {
    assertEquals("", doc("java.lang.String"));
    assertEquals("", doc("int Math.abs(int a)"));
  }
}
