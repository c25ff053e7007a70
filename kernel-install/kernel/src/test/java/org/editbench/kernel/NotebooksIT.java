package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.editbench.kernel.ChildProcess.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's notebooks, run headless both ways on a fresh copy of the bundled sample: through
 * real Jupyter ({@code jupyter nbconvert --execute}) with our kernel installed by {@code
 * kernel-install/install} into a temporary Jupyter path, and Java-only with {@code editbench
 * notebook run}. Each executed notebook must pass Debian's nbformat validation and show its tables
 * (HTML) and charts (PNG), without errors.
 */
class NotebooksIT {
  private static final Path PROJECT =
      Path.of(System.getProperty("kernel.python.tests"), "../../../../..").normalize();
  private static final Path INSTALLER = PROJECT.resolve("kernel-install/install");
  private static final List<String> NOTEBOOKS =
      List.of(
          "01-build-infbench.ipynb",
          "02-run-inference.ipynb",
          "03-merge-and-summarize.ipynb",
          "04-explore-predictions.ipynb");
  private static final String PYTHON = DebianJupyter.PYTHON;
  private static final String JUPYTER = DebianJupyter.JUPYTER;
  private static final Duration NOTEBOOK_TIMEOUT = Duration.ofMinutes(5);

  @TempDir static Path jupyterHome;
  private static Map<String, String> env;

  @BeforeAll
  static void installKernelIntoATemporaryJupyterPath() throws Exception {
    DebianJupyter.requireInstalled();
    env = ChildProcess.temporaryJupyter(jupyterHome);
    // The notebooks find the data folder themselves: from notebooks/ (Jupyter) or the root
    // (notebook run).
    env.put("EDITBENCH_HOME", null);
    env.put("EDITBENCH_MODEL", null);
    Result install =
        ChildProcess.run(
            List.of(INSTALLER.toString(), "--prefix", jupyterHome.toString()),
            PROJECT,
            env,
            Duration.ofMinutes(5),
            jupyterHome);
    assertEquals(0, install.exitCode(), install.output());
  }

  @Test
  void notebooksRunThroughJupyterWithOurKernel(@TempDir Path project) throws Exception {
    copySample(project);
    Path notebooks = project.resolve("notebooks");
    for (String notebook : NOTEBOOKS) {
      Result result =
          ChildProcess.run(
              List.of(
                  JUPYTER,
                  "nbconvert",
                  "--to",
                  "notebook",
                  "--execute",
                  "--ExecutePreprocessor.kernel_name=java",
                  "--ExecutePreprocessor.timeout=300",
                  "--output-dir",
                  "executed",
                  notebook),
              notebooks,
              env,
              NOTEBOOK_TIMEOUT,
              jupyterHome);
      assertEquals(0, result.exitCode(), notebook + ":\n" + result.output());
    }
    checkExecuted(notebooks.resolve("executed"));
  }

  /**
   * What a person sees: Jupyter Notebook (Debian's 6.4) serves the notebooks on a free port,
   * headless Chromium opens each, runs all cells (Cell > Run All) and waits until the kernel is
   * idle after the last one; browser_notebooks.py then asserts in the page that there is no error
   * output, the HTML tables and PNG charts are shown, every progress bar is at its maximum in a
   * finished display, and notebook 04 shows its prediction views with their diffs. Screenshots go
   * to target/browser/.
   */
  @Test
  void notebooksRunInARealBrowser(@TempDir Path project) throws Exception {
    copySample(project);
    Path screenshots = Path.of("target", "browser").toAbsolutePath();
    List<String> command =
        new ArrayList<>(
            List.of(
                PYTHON,
                PROJECT
                    .resolve("kernel-install/kernel/src/test/python/browser_notebooks.py")
                    .toString(),
                project.resolve("notebooks").toString(),
                screenshots.toString()));
    command.addAll(NOTEBOOKS);
    Result result =
        ChildProcess.run(command, project, env, NOTEBOOK_TIMEOUT.multipliedBy(4), jupyterHome);
    assertEquals(0, result.exitCode(), result.output());
    for (String notebook : NOTEBOOKS) {
      assertTrue(result.output().contains("OK " + notebook), result.output());
      Path shot = screenshots.resolve(notebook.replace(".ipynb", ".png"));
      assertTrue(Files.size(shot) > 10_000, "a screenshot of " + notebook);
    }
    assertTrue(Files.size(screenshots.resolve("04-explore-predictions-prediction.png")) > 10_000);
  }

  @Test
  void notebooksRunWithEditbenchNotebookRun(@TempDir Path project) throws Exception {
    copySample(project);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("kernel.jar"),
                "org.editbench.cli.Main",
                "notebook",
                "run"));
    NOTEBOOKS.forEach(n -> command.add("notebooks/" + n));
    command.addAll(List.of("--out", "executed"));
    Result result = ChildProcess.run(command, project, env, NOTEBOOK_TIMEOUT, jupyterHome);
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(
        result.output().contains("03-merge-and-summarize.ipynb: 6 code cells ran"),
        result.output());
    checkExecuted(project.resolve("executed"));
  }

  /** nbformat-valid, no error output, and the tables and charts each notebook is there to show. */
  private static void checkExecuted(Path dir) throws Exception {
    for (String notebook : NOTEBOOKS) {
      Path file = dir.resolve(notebook);
      Result valid =
          ChildProcess.run(
              List.of(
                  PYTHON,
                  "-c",
                  "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT))",
                  file.toString()),
              dir,
              new HashMap<>(),
              Duration.ofMinutes(1),
              jupyterHome);
      assertEquals(
          0, valid.exitCode(), "nbformat.validate rejected " + file + ":\n" + valid.output());
      List<JsonNode> outputs = outputs(file);
      assertTrue(
          outputs.stream().noneMatch(o -> o.path("output_type").asText().equals("error")),
          outputs.toString());
    }
    assertTrue(
        html(dir.resolve("01-build-infbench.ipynb")).contains(">acme__textkit-pull-11</td>"));
    // The progress displays were updated in place: one per run, saved in its final state only.
    assertFinishedProgress(dir.resolve("01-build-infbench.ipynb"), "prompt-builder", "7/7 (100%)");
    assertFinishedProgress(
        dir.resolve("01-build-infbench.ipynb"), "merge-all-infbench", "5/5 (100%)");
    assertFinishedProgress(dir.resolve("02-run-inference.ipynb"), "run-api gold", "35/35 (100%)");
    assertTrue(html(dir.resolve("02-run-inference.ipynb")).contains(">acme/inventory</td>"));
    String summary = html(dir.resolve("03-merge-and-summarize.ipynb"));
    assertTrue(summary.contains(">gold</td>") && summary.contains(">0.2_body_issue</td>"), summary);
    long charts =
        outputs(dir.resolve("03-merge-and-summarize.ipynb")).stream()
            .filter(o -> o.path("data").has("image/png"))
            .count();
    assertEquals(2, charts, "the bar and the line chart, inline");
    String explore = html(dir.resolve("04-explore-predictions.ipynb"));
    assertTrue(
        explore.contains(">last-step</td>") && explore.contains(">instance_id</th>"),
        "the predictions table");
    assertTrue(
        explore.contains("class=\"editbench-prediction\"")
            && explore.contains("class=\"editbench-diff\"")
            && explore.contains("<b>Model patch</b>")
            && explore.contains("<b>Ground truth</b>"),
        "the prediction view");
  }

  private static void assertFinishedProgress(Path notebook, String task, String counts)
      throws IOException {
    List<String> progress =
        outputs(notebook).stream()
            .map(o -> text(o.path("data").path("text/html")))
            .filter(html -> html.contains("class=\"editbench-progress\"") && html.contains(task))
            .toList();
    assertEquals(
        1, progress.size(), "one display of " + task + " in " + notebook + ": " + progress);
    String last = progress.get(0);
    assertTrue(
        last.contains("data-state=\"finished\"") && last.contains(task) && last.contains(counts),
        last);
  }

  private static List<JsonNode> outputs(Path notebook) throws IOException {
    List<JsonNode> outputs = new ArrayList<>();
    new ObjectMapper()
        .readTree(notebook.toFile())
        .path("cells")
        .forEach(c -> c.path("outputs").forEach(outputs::add));
    return outputs;
  }

  private static String html(Path notebook) throws IOException {
    StringBuilder html = new StringBuilder();
    for (JsonNode output : outputs(notebook)) {
      html.append(text(output.path("data").path("text/html")));
    }
    return html.toString();
  }

  /** nbformat's multiline text: a string, or a list of lines. */
  private static String text(JsonNode multiline) {
    if (!multiline.isArray()) {
      return multiline.asText("");
    }
    StringBuilder text = new StringBuilder();
    multiline.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  /** The notebooks and the bundled sample, without any infbench or results a local run left. */
  private static void copySample(Path project) throws IOException {
    for (String tree : List.of("notebooks", "crawled_data/bench", "patch_histories")) {
      Path from = PROJECT.resolve(tree);
      try (Stream<Path> paths = Files.walk(from)) {
        for (Path p : paths.toList()) {
          Path target = project.resolve(tree).resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else if (!p.getFileName().toString().startsWith(".")) {
            Files.copy(p, target);
          }
        }
      }
    }
  }
}
