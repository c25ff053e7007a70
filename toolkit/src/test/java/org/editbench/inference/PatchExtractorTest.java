package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PatchExtractorTest {
  @Test
  void patchElementIsTaken() {
    assertEquals("\ndiff a\n", PatchExtractor.extract("Here:\n<patch>\ndiff a\n</patch>\nbye"));
  }

  @Test
  void diffElementCountsAsPatch() {
    assertEquals("d", PatchExtractor.extract("<note>n</note><diff>d</diff>"));
  }

  @Test
  void firstOfSeveralPatchElementsWins() {
    assertEquals("one", PatchExtractor.extract("<patch>one</patch> and <patch>two</patch>"));
  }

  @Test
  void elementsAreSearchedBeforeFencesEvenWhenTheFenceComesFirst() {
    assertEquals("tag", PatchExtractor.extract("```diff\nfenced\n```\n<patch>tag</patch>"));
  }

  @Test
  void diffAndPatchFencesAreTaken() {
    assertEquals("--- a\n+++ b\n", PatchExtractor.extract("text\n```diff\n--- a\n+++ b\n```"));
    assertEquals("p\n", PatchExtractor.extract("```patch\np\n```"));
  }

  @Test
  void aPatchFenceBeatsAnEarlierOtherElement() {
    assertEquals("d\n", PatchExtractor.extract("<thinking>t</thinking>\n```diff\nd\n```"));
  }

  @Test
  void otherwiseTheFirstOtherElementThenTheFirstOtherFence() {
    assertEquals("t", PatchExtractor.extract("```python\nx\n```<thinking>t</thinking>"));
    assertEquals("x = 1\n", PatchExtractor.extract("```python\nx = 1\n```"));
    assertEquals("plain\n", PatchExtractor.extract("```\nplain\n```"));
  }

  @Test
  void elementsNeedMatchingTagsAndHyphensAreTagCharacters() {
    assertEquals("v", PatchExtractor.extract("<a>x</b><my-tag>v</my-tag>"));
  }

  @Test
  void elseTheTextBeforeTheEndOfSequenceMarker() {
    assertEquals("answer ", PatchExtractor.extract("answer </s> junk </s>"));
    assertEquals("just text", PatchExtractor.extract("just text"));
  }

  @Test
  void noTextNoPatch() {
    assertNull(PatchExtractor.extract(null));
  }
}
