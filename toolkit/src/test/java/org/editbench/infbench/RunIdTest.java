package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunIdTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.2",
        "0.4",
        "0.2_bm25_5",
        "0.2_body_issue",
        "None_body_issue",
        "None",
        "0.2_body",
        "0.2_issue",
        "1.0_body_issue_bm25_10"
      })
  void roundTrips(String text) {
    assertEquals(text, RunId.parse(text).text());
  }

  @Test
  void partsAreParsed() {
    RunId r = RunId.parse("0.2_body_issue_bm25_3");
    assertEquals(0.2, r.infoPct());
    assertTrue(r.prMessage() && r.issueMessage());
    assertEquals(3, r.bm25TopN());
    assertEquals(null, RunId.parse("None_body_issue").infoPct());
  }

  @Test
  void ratioIsPrintedAsPythonPrintsAFloat() {
    assertEquals("1.0", new RunId(1.0, false, false, null).text());
    assertEquals("0.25_body_issue", new RunId(0.25, true, true, null).text());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "0.2_issue_body",
        "1.5",
        "0.2_bm25_0",
        "0.2_bm25",
        "0.2_bm25_99999999999"
      })
  void rejectsWhatTheGrammarDoesNot(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> RunId.parse(text));
    assertTrue(e.getMessage().startsWith("not a run_id: '" + text + "'"), e.getMessage());
    assertEquals(IllegalArgumentException.class, e.getClass(), "not a bare NumberFormatException");
  }

  @Test
  void datasetNameComesFromTheBenchFileName() {
    assertEquals("all", InfbenchRequest.datasetName(Path.of("x/all-task-instances.jsonl")));
    assertEquals(
        "django-django",
        InfbenchRequest.datasetName(Path.of("django-django-task-instances.jsonl")));
    assertEquals("mine", InfbenchRequest.datasetName(Path.of("mine.jsonl")));
  }
}
