package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.editbench.infbench.InfbenchReport;
import org.editbench.inference.Combination;
import org.editbench.inference.FilterStats;
import org.editbench.inference.MergeResults;
import org.editbench.inference.ModelSpec;
import org.editbench.inference.RunStats;
import org.junit.jupiter.api.Test;

/** A cell ending with a stage's call shows a table of what it did, without absolute paths. */
class StageResultRenderingTest {
  private static final Path DATA = Path.of("/home/someone/study");

  private static String html(Object value) {
    return (String) DisplayRenderers.standard().render(value).data().get(MimeBundle.HTML);
  }

  @Test
  void aBuildsReportsAreARowPerRepositoryAndVariant() {
    Path infbench = DATA.resolve("crawled_data/infbench");
    List<InfbenchReport> reports =
        List.of(
            new InfbenchReport(
                List.of(
                    new InfbenchReport.VariantCounts(
                        "0.2",
                        infbench.resolve("acme-inventory-task-instances_0.2.jsonl"),
                        4,
                        1,
                        3,
                        0,
                        5),
                    new InfbenchReport.VariantCounts(
                        "0.4",
                        infbench.resolve("acme-inventory-task-instances_0.4.jsonl"),
                        4,
                        0,
                        3,
                        1,
                        5)),
                List.of()),
            new InfbenchReport(
                List.of(
                    new InfbenchReport.VariantCounts(
                        "0.2",
                        infbench.resolve("acme-textkit-task-instances_0.2.jsonl"),
                        3,
                        0,
                        3,
                        0,
                        5)),
                List.of()));
    String html = html(reports);
    assertTrue(html.contains(">already present</th>"), html);
    assertTrue(html.contains(">acme-textkit-task-instances_0.2.jsonl</td>"), html);
    assertEquals(3, html.split("<tr", -1).length - 2, "a header row and three rows: " + html);
    assertFalse(html.contains(DATA.toString()), "no absolute path: " + html);
  }

  @Test
  void runsAndMergedResultsNameTheirFilesByModelTAndN() {
    Path output =
        DATA.resolve("experiment_results/gold/T=0/n=1/acme-inventory-task-instances_0.2.jsonl");
    RunStats run =
        new RunStats(
            new Combination(
                "acme/inventory",
                "0.2",
                Path.of("in.jsonl"),
                ModelSpec.builder("gold").build(),
                output),
            new FilterStats(7, 2, List.of(), 0, 4, 1, 0, 0, List.of(), 10, 10.0, 10, 100),
            4,
            0,
            1,
            0.25,
            2,
            Duration.ofSeconds(3));
    String ran = html(List.of(run));
    assertTrue(ran.contains(">gold/T=0/n=1/acme-inventory-task-instances_0.2.jsonl</td>"), ran);
    assertTrue(ran.contains(">succeeded</th>") && ran.contains(">retries</th>"), ran);
    assertFalse(ran.contains(DATA.toString()), ran);
    assertEquals(html(List.of(run)), html(run), "one is a one-row table");

    String merged =
        html(
            List.of(
                new MergeResults.Merged(
                    "0.2",
                    DATA.resolve("experiment_results/gold/T=0/n=1/all-task-instances_0.2.jsonl"),
                    7,
                    2)));
    assertTrue(merged.contains(">gold/T=0/n=1/all-task-instances_0.2.jsonl</td>"), merged);
  }

  @Test
  void otherListsAreStillTheirText() {
    MimeBundle bundle = DisplayRenderers.standard().render(List.of("a", "b"));
    assertEquals("[a, b]", bundle.text());
    assertEquals("[]", DisplayRenderers.standard().render(List.of()).text());
    // A list the stage tables decline goes on to a renderer of a broader type, when there is one.
    DisplayRenderers withCollections =
        DisplayRenderers.standard()
            .register(java.util.Collection.class, c -> MimeBundle.text(c.size() + " values"));
    assertEquals("2 values", withCollections.render(List.of("a", "b")).text());
    MimeBundle merged =
        withCollections.render(
            List.of(
                new MergeResults.Merged(
                    "0.2", DATA.resolve("r/gold/T=0/n=1/all-task-instances_0.2.jsonl"), 7, 2)));
    assertTrue(
        ((String) merged.data().get(MimeBundle.HTML)).contains(">merge-results<"),
        "the stage table still wins for its lists");
  }
}
