package org.editbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.editbench.cli.SampleData;
import org.editbench.inference.RunStats;
import org.editbench.results.ResultsSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class WorkspaceTest {
  @TempDir Path dir;

  @Test
  void editbenchHomeWinsAndIsNamed() throws Exception {
    Path home = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("crawled_data"));
    Workspace workspace = Workspace.locate(Map.of("EDITBENCH_HOME", "data"), dir);
    assertEquals(home, workspace.root());
    assertTrue(
        workspace.toString().startsWith("EditBench data folder: " + home + " — $EDITBENCH_HOME"),
        workspace.toString());
  }

  @Test
  void aMissingEditbenchHomeIsAnErrorThatSaysWhatToDo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Workspace.locate(Map.of("EDITBENCH_HOME", "/no/such/folder"), dir));
    assertTrue(
        e.getMessage().contains("EDITBENCH_HOME=/no/such/folder is not a folder"), e.getMessage());
  }

  @Test
  void theWorkingDirectoryWhenItHoldsTheData() throws Exception {
    Files.createDirectories(dir.resolve("patch_histories"));
    Workspace workspace = Workspace.locate(Map.of("EDITBENCH_HOME", " "), dir);
    assertEquals(dir, workspace.root());
    assertEquals("EditBench data folder: . — the working directory", workspace.toString());
  }

  @Test
  void theRepositoryRootWhenTheKernelRunsInNotebooks() throws Exception {
    Files.createDirectories(dir.resolve("crawled_data/bench"));
    Path notebooks = Files.createDirectories(dir.resolve("notebooks"));
    Workspace workspace = Workspace.locate(Map.of(), notebooks);
    assertEquals(dir, workspace.root());
    // Relative, so that a saved notebook names no folder of the machine that ran it.
    assertTrue(
        workspace.toString().startsWith("EditBench data folder: .. — the folder above"),
        workspace.toString());
    assertTrue(
        workspace.toString().contains("the repository root when the kernel runs in notebooks/"),
        workspace.toString());
  }

  @Test
  void elseTheWorkingDirectoryWithAHint() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("a/b"));
    Workspace workspace = Workspace.locate(Map.of(), empty);
    assertEquals(empty, workspace.root());
    assertTrue(workspace.toString().contains("set EDITBENCH_HOME"), workspace.toString());
  }

  @Test
  void runsThePipelineWithPlainValues() throws Exception {
    SampleData.copyTo(dir);
    Workspace eb = Workspace.locate(Map.of(), Files.createDirectories(dir.resolve("notebooks")));
    assertEquals(List.of("acme/inventory", "acme/textkit"), eb.repositories());
    assertEquals(7, eb.bench().size());

    assertEquals(2, eb.buildInfbench(List.of("0.2")).size());
    assertEquals(7, eb.mergeAllInfbench().get(0).records());
    assertEquals(7, eb.infbench("0.2").size());
    List<RunStats> runs = eb.runApi("gold", List.of("0.2"));
    assertEquals(7, runs.stream().mapToInt(RunStats::succeeded).sum());
    assertEquals(7, eb.mergeResults("gold").get(0).records());

    Table summary = eb.summarize(List.of("gold"), List.of());
    assertEquals(1, summary.rowCount());
    assertEquals("all", summary.getString(0, ResultsSummary.DATASET));
    assertEquals(1.0, summary.doubleColumn(ResultsSummary.APPLIES).get(0));
    assertEquals(
        2,
        eb.writeCharts(summary, ResultsSummary.APPLIES).stream()
            .filter(Files::isRegularFile)
            .count());
  }
}
