package org.editbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.editbench.infbench.Requirement;
import org.editbench.results.PredictionDetail;
import org.editbench.results.PredictionTable;
import org.editbench.results.ResultsSummary;
import org.editbench.results.TwoBaselines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionRenderingTest {
  @TempDir static Path root;
  private static PredictionTable predictions;
  private final DisplayRenderers renderers = DisplayRenderers.standard();

  @BeforeAll
  static void run() throws Exception {
    predictions = TwoBaselines.run(root);
  }

  private String html(Object value) {
    return (String) renderers.render(value).data().get(MimeBundle.HTML);
  }

  @Test
  void aPredictionShowsItsMetricsRequirementHistoryAndBothPatchesAsDiffs() {
    PredictionDetail worst = predictions.worstFirst(ResultsSummary.TOKEN_JACCARD).row(0);
    String html = html(worst);
    assertTrue(html.startsWith("<div class=\"editbench-prediction\">"), html);
    assertTrue(html.contains(worst.instanceId() + " — last-step · run_id 0.4"), html);
    assertEquals(
        2 + worst.record().preEdits().size(),
        count(html, "class=\"editbench-diff\""),
        "the model patch, the ground truth and each history step");
    assertTrue(
        html.contains("✗ exact")
            && html.contains("edit distance ")
            && html.contains("Jaccard ")
            && html.contains("file hit "),
        html);
    assertTrue(html.contains("<b>Model patch</b>") && html.contains("<b>Ground truth</b>"), html);
    assertTrue(html.contains("Requirement (the model saw no PR message and no issue)"), html);
    // What the model saw: at 0.4, no PR or issue text, though the record has some.
    assertTrue(
        html.contains("no issue)</b></summary><em>(no PR or issue text)</em>"),
        "the requirement the model saw: " + html);
    assertFalse(Requirement.of(worst.record(), true, true).isBlank(), "the record has PR text");
    // Sections show their disclosure triangle (Jupyter's page styles summaries as blocks).
    assertEquals(2, count(html, "<summary style=\"display: list-item; cursor: pointer\">"));
    assertTrue(
        html.contains("background: rgba(46, 160, 67, 0.22);\">+"), "added lines are tinted green");
    assertTrue(
        html.contains("background: rgba(248, 81, 73, 0.22);\">-"), "removed lines are tinted red");
    String text = renderers.render(worst).text();
    assertTrue(text.contains("exact no") && text.contains("Model patch:\ndiff --git"), text);

    String gold = html(predictions.model("gold").row(0));
    assertTrue(
        gold.contains("✓ applies") && gold.contains("✓ exact") && gold.contains("Jaccard 1.000"),
        gold);
    assertTrue(gold.contains("<span>$0.0000</span>"), "the cost, four decimals: " + gold);
  }

  @Test
  void anInfbenchRecordShowsItsHistoryAndGroundTruth() {
    var record = predictions.row(0).record();
    String html = html(record);
    assertTrue(html.startsWith("<div class=\"editbench-record\">"), html);
    assertTrue(
        html.contains(
            "history: " + record.splitIdx() + " of " + record.numChanges() + " steps shown"),
        html);
    assertEquals(1 + record.preEdits().size(), count(html, "class=\"editbench-diff\""));
  }

  @Test
  void aBenchRecordShowsItsWholeHistoryAndNoGroundTruth() {
    var record =
        org.editbench.EditBench.loadBench(
                root.resolve("crawled_data/bench/acme-inventory-task-instances.jsonl"),
                org.editbench.core.Reporter.SILENT)
            .get(0);
    String html = html(record);
    assertTrue(html.contains(record.stepCount() + " edit steps"), html);
    assertEquals(record.stepCount(), count(html, "class=\"editbench-diff\""), html);
    assertTrue(!html.contains("Ground truth"), html);
  }

  @Test
  void thePredictionsTableRendersAsAnHtmlTable() {
    String html = html(predictions.worstFirst(ResultsSummary.EDIT_DISTANCE));
    assertTrue(html.contains(">instance_id</th>") && html.contains(">last-step</td>"), html);
  }

  @Test
  void withoutItsStylesAsInAnUntrustedNotebookADiffKeepsItsLinesAndBadgesTheirSpaces() {
    String diff =
        "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a < b\n+a <= b\n";
    assertEquals(
        diff + " \n",
        unstyled(PredictionRendering.diffHtml(diff)),
        "each line ends with its break");
    String gold = unstyled(html(predictions.model("gold").row(0)));
    assertTrue(gold.contains("ok ✓ applies ✓ exact file hit 1.00 "), gold);
  }

  /** The text a page shows once the tags and their styles are gone. */
  private static String unstyled(String html) {
    return html.replaceAll("<[^>]*>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  @Test
  void anAnswerNotScoredSaysWhy() {
    PredictionDetail otherPrompt = unscored(predictions.row(0), true);
    String text = renderers.render(otherPrompt).text();
    assertTrue(
        text.contains(
            "other prompt: asked with a prompt that differs from its infbench record's outside the"
                + " code block"),
        text);
    String html = unstyled(html(otherPrompt));
    assertTrue(html.contains("other prompt asked with a prompt that differs"), html);
    assertTrue(html.contains("The model was asked another prompt"), html);
    PredictionDetail emptyPrompt = unscored(predictions.row(0), false);
    assertTrue(
        renderers.render(emptyPrompt).text().contains("empty prompt: its infbench record's prompt"),
        renderers.render(emptyPrompt).text());
  }

  /** {@code scored}'s answer as one not scored: made from another prompt, or with none. */
  private static PredictionDetail unscored(PredictionDetail scored, boolean otherPrompt) {
    return new PredictionDetail(
        scored.model(),
        scored.temperature(),
        scored.runId(),
        scored.record(),
        scored.prediction(),
        null,
        otherPrompt);
  }

  @Test
  void anEmptyPatchSaysSoAndDiffTextIsEscaped() {
    assertTrue(PredictionRendering.diffHtml("").contains("(no patch)"));
    assertTrue(PredictionRendering.diffHtml("+if a < b:").contains("+if a &lt; b:"));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
