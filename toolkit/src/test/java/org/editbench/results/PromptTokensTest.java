package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.editbench.SharedCorpus;
import org.editbench.core.Jsonl;
import org.editbench.core.Reporter;
import org.editbench.inference.TokenCounter;
import org.junit.jupiter.api.Test;

/** Counting a prompt by parts gives exactly the count of the whole text. */
class PromptTokensTest {
  @Test
  void partsAddUpToTheWholeCountOnRealPromptsAndEdgeCases() throws IOException {
    List<String> prompts =
        new ArrayList<>(
            List.of(
                "",
                "7",
                "\n12",
                "a\n123 x\n4567  \n89\n",
                "x  \n 1\n1 \n2\t\n",
                "line\n10 def f():\n11     return 1\n\n12 \n",
                "\r\n3 ünïcode ½ ²\n4 '1's\n",
                "tail \n",
                "a)\n\nb\n  \nc\n\t\n)d\n 'x\n's\n+\n-  y\n\u00a0z\n",
                "if x:\n    pass\n\n\ndef\n"));
    // real prompts: the reference infbench for run_id 0.2 (the fixture's), four instances spread
    // over it
    Path golden = SharedCorpus.fixture().resolve("golden/all-task-instances_0.2.jsonl.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(golden))) {
      String[] lines =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i += 12) {
        prompts.add(Jsonl.MAPPER.readTree(lines[i]).path("prompt").asText());
      }
    }
    for (String encoding :
        List.of("cl100k_base", "o200k_base", "p50k_base") /* p50k: counted whole */) {
      TokenCounter whole = TokenCounter.forEncoding(encoding);
      PromptTokens byParts = new PromptTokens(encoding);
      for (String prompt : encoding.equals("p50k_base") ? prompts.subList(0, 8) : prompts) {
        int expected = whole.count(prompt);
        Supplier<String> what =
            () -> encoding + ": " + prompt.substring(0, Math.min(80, prompt.length()));
        assertEquals(expected, byParts.count(prompt), what);
        assertEquals(expected, byParts.count(prompt), what); // now from the parts counted before
      }
    }
  }

  /**
   * Variants of a prompt share runs of lines (chunks) with it, shifted by an edit elsewhere: the
   * runs looked up from an earlier prompt still add up to each variant's whole count.
   */
  @Test
  void variantsThatShareRunsOfLinesWithAnEarlierPromptAddUpToTheirWholeCounts() throws IOException {
    Path golden = SharedCorpus.fixture().resolve("golden/all-task-instances_0.2.jsonl.gz");
    String prompt;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(golden))) {
      String first = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      prompt =
          Jsonl.MAPPER.readTree(first.substring(0, first.indexOf('\n'))).path("prompt").asText();
    }
    String[] lines = prompt.split("\n", -1);
    int middle = lines.length / 2;
    List<String> variants =
        List.of(
            prompt,
            // a line inserted, one removed, one changed, a third of the lines dropped, a prefix
            prompt.replace(lines[middle] + "\n", lines[middle] + "\n999 inserted = 1\n"),
            prompt.replace("\n" + lines[middle] + "\n", "\n"),
            prompt.replace(lines[middle], lines[middle] + " changed"),
            String.join("\n", List.of(lines).subList(lines.length / 3, lines.length)),
            prompt.substring(0, prompt.length() / 2),
            "x\n" + prompt);
    for (String encoding : List.of("cl100k_base", "o200k_base")) {
      TokenCounter whole = TokenCounter.forEncoding(encoding);
      PromptTokens byParts = new PromptTokens(encoding);
      for (String variant : variants) {
        assertEquals(whole.count(variant), byParts.count(variant), encoding);
      }
    }
  }

  /**
   * Prompts are counted as prediction files are read, from the characters decoded out of the line's
   * bytes or, for lines the byte scanner leaves to the tree (not ASCII), from the tree's text: the
   * counts are those of the whole texts either way, and a prompt that is not a string counts as its
   * text.
   */
  @Test
  void promptsAreCountedWhileReadingPredictions() throws IOException {
    String numbered = "1 def f(x):\n2     return x  # \u00bd \u4e2d\n10 \n\"q\" \\ \t\n";
    String wide = "caf\u00e9 \u4e2d\u6587\n12 x\n";
    Path file = Files.createTempFile("predictions", ".jsonl");
    try {
      Files.writeString(
          file,
          String.join(
              "\n",
              "{\"instance_id\": \"a\", \"prompt\": "
                  + Jsonl.MAPPER.writeValueAsString(numbered) // escaped: \\u00bd, \\n
                  + ", \"model_patch\": \"p\"}",
              "{\"instance_id\": \"b\", \"prompt\": \"" + wide.replace("\n", "\\n") + "\"}",
              "{\"instance_id\": \"c\", \"prompt\": null}",
              "{\"instance_id\": \"d\", \"prompt\": 123}",
              "{\"instance_id\": \"e\"}",
              ""));
      TokenCounter whole = TokenCounter.forEncoding("cl100k_base");
      List<Prediction> read =
          Prediction.read(file, new PromptTokens("cl100k_base"), Reporter.SILENT);
      assertEquals(
          List.of(whole.count(numbered), whole.count(wide), 0, whole.count("123"), 0),
          read.stream().map(Prediction::promptTokens).toList());
      assertEquals(
          List.of(-1, -1, -1, -1, -1),
          Prediction.read(file, Reporter.SILENT).stream().map(Prediction::promptTokens).toList());
    } finally {
      Files.delete(file);
    }
  }

  /** What counting a line number without the counter relies on. */
  @Test
  void everyRunOfOneToThreeDigitsIsOneTokenAndLongerRunsSplitIntoThrees() {
    for (String encoding : List.of("cl100k_base", "o200k_base")) {
      TokenCounter counter = TokenCounter.forEncoding(encoding);
      for (int digits = 1; digits <= 3; digits++) {
        for (int value = 0; value < Math.pow(10, digits); value++) {
          String run = String.format("%0" + digits + "d", value);
          assertEquals(1, counter.count(run), encoding + ": " + run);
        }
      }
      for (String run : List.of("1234", "00000", "999999", "1000000", "12345678901234567")) {
        assertEquals((run.length() + 2) / 3, counter.count(run), encoding + ": " + run);
      }
    }
  }
}
