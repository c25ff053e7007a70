package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptTrimmerTest {
  @Test
  void dropsTheLastOfSeveralFilesAndTheWhiteSpaceBeforeIt() {
    String prompt =
        "sys\n<code>[start of a.py]\n1 a\n[end of a.py]\n \n[start of b.py]\n1 b\n[end of b.py]\n</code>\nend";
    assertEquals(
        "sys\n<code>\n[start of a.py]\n1 a\n[end of a.py]\n</code>\nend",
        PromptTrimmer.dropLastFile(prompt));
  }

  @Test
  void likeTheReferenceTheBlockGetsANewLineAtBothEndsEachTime() {
    String prompt =
        "<code>\n[start of a.py]\na\n[end of a.py]\n[start of b.py]\nb\n[end of b.py]\n</code>";
    assertEquals(
        "<code>\n\n[start of a.py]\na\n[end of a.py]\n</code>", PromptTrimmer.dropLastFile(prompt));
  }

  @Test
  void aFileEndsOnlyAtItsOwnEndMarker() {
    String prompt =
        "<code>[start of a.py]\n[end of b.py]\n[end of a.py]\n[start of c.py]\nc\n[end of c.py]</code>";
    assertEquals(
        "<code>\n[start of a.py]\n[end of b.py]\n[end of a.py]\n</code>",
        PromptTrimmer.dropLastFile(prompt));
  }

  @Test
  void aSingleShortFileStays() {
    String prompt = Fixtures.prompt("x", "a.py");
    assertSame(prompt, PromptTrimmer.dropLastFile(prompt));
  }

  @Test
  void aSingleFileOfAtLeast2000LinesIsHalved() {
    String content =
        IntStream.rangeClosed(1, 2001).mapToObj(i -> i + " l").collect(Collectors.joining("\n"));
    String prompt = "s\n<code>[start of a.py]\n" + content + "\n[end of a.py]</code>t";
    String kept =
        IntStream.rangeClosed(1, 1000).mapToObj(i -> i + " l").collect(Collectors.joining("\n"));
    assertEquals(
        "s\n<code>\n[start of a.py]\n" + kept + "\n[end of a.py]\n</code>t",
        PromptTrimmer.dropLastFile(prompt));
  }

  @Test
  void withoutCodeBlockOrFilesNothingChanges() {
    assertSame("no code", PromptTrimmer.dropLastFile("no code"));
    String empty = "<code>\n\n</code>";
    assertSame(empty, PromptTrimmer.dropLastFile(empty));
  }

  @Test
  void promptsUnderTheLimitAreLeftAlone() {
    String prompt = Fixtures.prompt("x", "a.py", "b.py");
    PromptFit fit = PromptFit.fit(prompt, prompt.length(), String::length);
    assertSame(prompt, fit.prompt());
    assertTrue(fit.fits());
    assertFalse(fit.wasOverLimit());
    assertEquals(0, fit.filesRemoved());
  }

  @Test
  void overTheLimitFilesAreDroppedUntilItFits() {
    String prompt = Fixtures.prompt("x", "a.py", "b.py", "c.py");
    String twoFiles = PromptTrimmer.dropLastFile(prompt);
    PromptFit fit = PromptFit.fit(prompt, twoFiles.length(), String::length);
    assertEquals(twoFiles, fit.prompt());
    assertTrue(twoFiles.contains("[end of b.py]") && !twoFiles.contains("c.py"));
    assertEquals(1, fit.filesRemoved());
    assertTrue(fit.wasOverLimit());
    assertTrue(fit.fits());
    assertEquals(prompt.length(), fit.originalTokens());
  }

  @Test
  void stillOverWhenNothingIsLeftToDrop() {
    String prompt = Fixtures.prompt("x", "a.py", "b.py");
    PromptFit fit = PromptFit.fit(prompt, 10, String::length);
    assertEquals(PromptTrimmer.dropLastFile(prompt), fit.prompt());
    assertEquals(1, fit.filesRemoved());
    assertFalse(fit.fits());
  }

  @Test
  void atMostTwentyFilesAreDropped() {
    String[] files =
        IntStream.rangeClosed(1, 30).mapToObj(i -> "f" + i + ".py").toArray(String[]::new);
    PromptFit fit = PromptFit.fit(Fixtures.prompt("x", files), 10, String::length);
    assertEquals(PromptFit.MAX_REMOVALS, fit.filesRemoved());
    assertFalse(fit.fits());
  }
}
