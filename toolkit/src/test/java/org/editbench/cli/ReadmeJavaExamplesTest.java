package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.editbench.SharedCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples are what a newcomer pastes into a notebook cell: each {@code java}
 * block, in the README's order, runs as one cell of a notebook with {@code editbench notebook run},
 * in a copy of the sample data, as it would at the repository's root — and must run cleanly.
 */
class ReadmeJavaExamplesTest {
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("(?m)^```java\n(.*?)^```$", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyJavaBlockOfTheReadmeRunsAsANotebookCell(@TempDir Path work) throws Exception {
    String readme = Files.readString(SharedCorpus.repositoryRoot().resolve("README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(readme);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertTrue(blocks.size() >= 4, "the README's java blocks were not found: " + blocks);
    SampleData.copyTo(work);
    Path notebook = work.resolve("readme.ipynb");
    Files.writeString(notebook, notebookOf(blocks).toPrettyString());

    Path log = work.resolve("run.log");
    ProcessBuilder run =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.editbench.cli.Main",
                "notebook",
                "run",
                notebook.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    run.environment().remove("EDITBENCH_HOME");
    run.environment().remove("EDITBENCH_MODEL");
    Process process = run.start();
    assertTrue(process.waitFor(3, TimeUnit.MINUTES), "notebook run timed out");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains(blocks.size() + " code cells ran"), output);
    JsonNode cells = JSON.readTree(notebook.toFile()).path("cells");
    for (int i = 0; i < blocks.size(); i++) {
      for (JsonNode out : cells.get(i).path("outputs")) {
        // Progress lines go to stderr as in the CLI; errors and exceptions must not.
        String text = out.path("text").toString();
        assertTrue(
            !out.path("output_type").asText().equals("error")
                && !text.contains("error")
                && !text.contains("Exception"),
            "README java block " + (i + 1) + ":\n" + blocks.get(i) + "\nshows " + out);
      }
    }
    assertTrue(
        Files.exists(work.resolve("experiment_results/gold/T=0/n=1")),
        "the run-api example wrote its predictions");
  }

  private static ObjectNode notebookOf(List<String> sources) {
    ObjectNode notebook = JSON.createObjectNode();
    ArrayNode cells = notebook.putArray("cells");
    for (String source : sources) {
      ObjectNode cell = cells.addObject();
      cell.put("cell_type", "code");
      cell.putNull("execution_count");
      cell.putObject("metadata");
      cell.putArray("outputs");
      cell.put("source", source);
    }
    notebook.putObject("metadata").putObject("kernelspec").put("name", "java");
    notebook.put("nbformat", 4);
    notebook.put("nbformat_minor", 4);
    return notebook;
  }
}
