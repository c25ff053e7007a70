package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.editbench.SharedCorpus;
import org.editbench.core.Jsonl;
import org.editbench.infbench.Prompts;
import org.junit.jupiter.api.Test;

/**
 * A prompt's fingerprint survives every shortening run-api makes to fit a model, and changes with
 * anything else a rebuilt infbench file would change.
 */
class PromptFingerprintTest {
  /** The fixture's reference prompts of two run_ids, one with PR and issue text before the code. */
  private static List<String> realPrompts() throws IOException {
    List<String> prompts = new ArrayList<>();
    for (String runId : List.of("0.2", "0.2_body_issue")) {
      var golden =
          SharedCorpus.fixture().resolve("golden/all-task-instances_" + runId + ".jsonl.gz");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(golden))) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String prompt = Jsonl.MAPPER.readTree(line).path("prompt").asText();
          if (!prompt.isEmpty()) {
            prompts.add(prompt);
          }
        }
      }
    }
    return prompts;
  }

  @Test
  void everyShorteningOfTheCodeBlockKeepsTheFingerprint() throws IOException {
    int shortened = 0;
    for (String prompt : realPrompts()) {
      long fingerprint = PromptFingerprint.of(prompt);
      for (String shorter = PromptTrimmer.dropLastFile(prompt);
          !shorter.equals(prompt);
          shorter = PromptTrimmer.dropLastFile(prompt)) {
        assertEquals(fingerprint, PromptFingerprint.of(shorter), shorter);
        prompt = shorter;
        shortened++;
      }
    }
    assertTrue(shortened >= 20, "shortenings checked: " + shortened);
  }

  /** The one file left is halved from 2,000 lines on: the other shortening run-api makes. */
  @Test
  void halvingTheOnlyFileKeepsTheFingerprint() {
    String content = "x = 1\n".repeat(4_100);
    String prompt = Prompts.build("Fix it.", Map.of("big.py", content), List.of());
    String halved = PromptTrimmer.dropLastFile(prompt);
    String quartered = PromptTrimmer.dropLastFile(halved);
    assertTrue(quartered.length() < halved.length() && halved.length() < prompt.length());
    assertEquals(PromptFingerprint.of(prompt), PromptFingerprint.of(halved));
    assertEquals(PromptFingerprint.of(prompt), PromptFingerprint.of(quartered));
  }

  @Test
  void aChangeOutsideTheCodeBlockChangesIt() throws IOException {
    String prompt = realPrompts().get(0);
    int open = prompt.indexOf("<code>");
    int close = prompt.indexOf("</code>", open);
    assertTrue(open > 0 && close > open && close + 7 < prompt.length(), "a block with text around");
    long fingerprint = PromptFingerprint.of(prompt);
    // the task before the block, the history steps after it, the tags themselves
    assertNotEquals(fingerprint, PromptFingerprint.of("x" + prompt));
    assertNotEquals(fingerprint, PromptFingerprint.of(prompt + "x"));
    assertNotEquals(
        fingerprint,
        PromptFingerprint.of(prompt.substring(0, close + 7) + "\n" + prompt.substring(close + 7)));
    assertNotEquals(fingerprint, PromptFingerprint.of(prompt.replaceFirst("<code>", "<code >")));
    // and nothing inside it
    assertEquals(
        fingerprint,
        PromptFingerprint.of(
            prompt.substring(0, open + 6) + "\nother\n" + prompt.substring(close)));
  }

  @Test
  void aPromptWithoutACodeBlockIsTakenWhole() {
    assertNotEquals(
        PromptFingerprint.of("Fix it.\n1 x = 1\n"), PromptFingerprint.of("Fix it.\n1 x = 2\n"));
    assertNotEquals(
        PromptFingerprint.of("<code> opened, never closed: a"),
        PromptFingerprint.of("<code> opened, never closed: b"));
  }

  /** An empty prompt is none: nothing to compare, on either side. */
  @Test
  void onlyTwoKnownPromptsCanDiffer() {
    assertEquals(PromptFingerprint.NONE, PromptFingerprint.of(""));
    assertNotEquals(PromptFingerprint.NONE, PromptFingerprint.of(" "));
    long a = PromptFingerprint.of("a");
    long b = PromptFingerprint.of("b");
    assertTrue(PromptFingerprint.differ(a, b));
    assertFalse(PromptFingerprint.differ(a, a));
    assertFalse(PromptFingerprint.differ(PromptFingerprint.NONE, b));
    assertFalse(PromptFingerprint.differ(a, PromptFingerprint.NONE));
  }
}
