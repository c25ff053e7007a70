package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.editbench.SharedCorpus;
import org.editbench.core.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading a notebook checks what running it needs; writing it writes what Jupyter writes. */
class NotebookDocumentTest {
  @TempDir Path dir;

  @Test
  void aNotebookWrittenByJupyterIsWrittenBackByteForByte() throws IOException {
    // The project's notebooks are as nbformat writes them (sorted keys, indent 1, "key": value,
    // {} and [] when empty, non-ASCII as is): a run that changes nothing must change no byte.
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(SharedCorpus.repositoryRoot().resolve("notebooks"))) {
      notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertEquals(4, notebooks.size(), notebooks.toString());
    for (Path notebook : notebooks) {
      Path copy = dir.resolve(notebook.getFileName());
      NotebookDocument.read(notebook).write(copy);
      assertEquals(Files.readString(notebook), Files.readString(copy), notebook.toString());
    }
  }

  @Test
  void keysAreWrittenInOrderAsSortKeysDoes() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("n.ipynb"),
            "{\"nbformat\": 4, \"cells\": [{\"source\": \"1\", \"cell_type\": \"code\","
                + " \"metadata\": {}, \"outputs\": []}], \"metadata\": {\"z\": \"é\\u001b\", \"a\": 1},"
                + " \"nbformat_minor\": 5}");
    NotebookDocument.read(file).write(file);
    assertEquals(
        "{\n"
            + " \"cells\": [\n"
            + "  {\n"
            + "   \"cell_type\": \"code\",\n"
            + "   \"metadata\": {},\n"
            + "   \"outputs\": [],\n"
            + "   \"source\": \"1\"\n"
            + "  }\n"
            + " ],\n"
            + " \"metadata\": {\n"
            + "  \"a\": 1,\n"
            + "  \"z\": \"é\\u001b\"\n"
            + " },\n"
            + " \"nbformat\": 4,\n"
            + " \"nbformat_minor\": 5\n"
            + "}\n",
        Files.readString(file));
  }

  static Stream<Arguments> notNotebooks() {
    String cells = "\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ";
    return Stream.of(
        Arguments.of("", "not an nbformat 4 notebook: the file is empty"),
        Arguments.of("[1]", "not an nbformat 4 notebook: it holds a list, not an object"),
        Arguments.of(
            "{\"nbformat\": \"4\", \"cells\": []}",
            "not an nbformat 4 notebook: it has no \"nbformat\" number"),
        Arguments.of(
            "{\"nbformat\": 3, \"worksheets\": []}",
            "an nbformat 3 notebook; notebooks run here are nbformat 4: convert it with"
                + " 'jupyter nbconvert --to notebook --nbformat 4 "),
        Arguments.of(
            "{\"nbformat\": 4, \"metadata\": {}}",
            "not an nbformat 4 notebook: it has no \"cells\" list"),
        Arguments.of(
            "{" + cells + "[\"not a cell\"]}", "cell 1: a string where a cell object belongs"),
        Arguments.of(
            "{" + cells + "[{\"cell_type\": \"code\", \"source\": \"1\"}, null]}",
            "cell 2: null where a cell object belongs"),
        Arguments.of(
            "{" + cells + "[{\"source\": \"1\"}]}",
            "cell 1: no \"cell_type\" (code, markdown or raw)"),
        Arguments.of(
            "{" + cells + "[{\"cell_type\": \"code\", \"source\": {\"a\": 1}}]}",
            "cell 1: \"source\" must be a string or a list of strings, found an object"),
        Arguments.of(
            "{" + cells + "[{\"cell_type\": \"code\", \"source\": [\"a\", 2]}]}",
            "cell 1: \"source\" must be a string or a list of strings, found a list"),
        Arguments.of("{" + cells + "[]}\n{\"cells\": []}", "not valid JSON (extra data after"));
  }

  @ParameterizedTest
  @MethodSource("notNotebooks")
  void whatIsNotARunnableNotebookIsSaidWithTheFileAndTheCell(String content, String problem)
      throws IOException {
    Path file = Files.writeString(dir.resolve("bad.ipynb"), content);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> NotebookDocument.read(file));
    assertTrue(
        e.getMessage().startsWith(file + ": " + problem)
            || e.getMessage().startsWith(file + ":2: " + problem),
        e.getMessage());
  }
}
