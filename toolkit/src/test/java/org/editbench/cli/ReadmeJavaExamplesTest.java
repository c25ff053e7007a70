package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    Path notebook =
        NotebookCommandTest.notebook(work.resolve("readme.ipynb"), blocks.toArray(String[]::new));
    Path log = work.resolve("run.log");
    ProcessBuilder run = NotebookCommandTest.notebookRun(notebook, log).directory(work.toFile());
    run.environment().remove("EDITBENCH_HOME");
    run.environment().remove("EDITBENCH_MODEL");
    Process process = run.start();
    assertTrue(process.waitFor(3, TimeUnit.MINUTES), "notebook run timed out");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains(blocks.size() + " code cells ran"), output);
    JsonNode cells = JSON.readTree(notebook.toFile()).path("cells");
    for (int i = 0; i < blocks.size(); i++) {
      for (JsonNode out : cells.get(i + 1).path("outputs")) { // after the notebook's title cell
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
}
