package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.editbench.SharedCorpus;
import org.editbench.core.Jsonl;
import org.editbench.infbench.Prompts;
import org.junit.jupiter.api.Test;

class ContextFilesTest {
  /**
   * The reading as first written, with two regular expressions (UNIX_LINES: a CR inside a line does
   * not end it), kept as the reference the scanner must agree with.
   */
  private static final Pattern FILE =
      Pattern.compile(
          "(?md)^\\[start of ([^\\]\\n]+)\\]\\n(.*?)\\n\\[end of \\1\\]$", Pattern.DOTALL);

  private static final Pattern LINE_NUMBER = Pattern.compile("(?md)^\\d+ ");

  static Map<String, String> byRegex(String prompt) {
    Map<String, String> files = new LinkedHashMap<>();
    int start = prompt.indexOf("<code>\n[start of ");
    if (start < 0) {
      return files;
    }
    start += "<code>\n".length();
    int end = prompt.indexOf("\n</code>", start - 1);
    Matcher m = FILE.matcher(prompt).region(start, end < 0 ? prompt.length() : end + 1);
    while (m.find()) {
      files.putIfAbsent(m.group(1), LINE_NUMBER.matcher(m.group(2)).replaceAll(""));
    }
    return files;
  }

  @Test
  void agreesWithTheRegularExpressionsOnRealPrompts() throws IOException {
    int compared = 0;
    for (String runId : List.of("0.2", "0.2_body_issue", "None_body_issue")) {
      Path golden =
          SharedCorpus.fixture().resolve("golden/all-task-instances_" + runId + ".jsonl.gz");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(golden))) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String prompt = Jsonl.MAPPER.readTree(line).path("prompt").asText();
          Map<String, String> files = ContextFiles.fromPrompt(prompt);
          assertEquals(byRegex(prompt), files);
          assertEquals(List.copyOf(byRegex(prompt).keySet()), List.copyOf(files.keySet()));
          compared += files.isEmpty() ? 0 : 1;
        }
      }
    }
    assertEquals(true, compared > 20, compared + " prompts with files");
  }

  @Test
  void agreesWithTheRegularExpressionsOnMangledFrames() {
    // Pieces of frames, recombined at random: unclosed files, names with brackets or line ends,
    // closings not at a line end, repeated names, numbers without their space, CRs, no </code>.
    String[] pieces = {
      "<code>\n",
      "\n</code>",
      "[start of a.py]\n",
      "[start of b]\n",
      "[start of ]\n",
      "[start of a.py]",
      "\n[end of a.py]",
      "\n[end of b]",
      "\n[end of a.py]x",
      "[end of a.py]",
      "\n",
      "12 x",
      "3 ",
      "7",
      "45 y\r\n",
      "[start of c]d]\n",
      "\n[end of c]d]",
      "z",
      "\n[start of a.py]\n",
      "</code>",
      "\n</code>x\n",
      "\n</code>\n[start of b]\n1 after the section\n[end of b]"
    };
    SplittableRandom random = new SplittableRandom(15);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder prompt = new StringBuilder(random.nextInt(4) == 0 ? "" : "<code>\n[start of ");
      for (int n = random.nextInt(14); n > 0; n--) {
        prompt.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = prompt.toString();
      assertEquals(byRegex(text), ContextFiles.fromPrompt(text), text);
      assertEquals(
          List.copyOf(byRegex(text).keySet()),
          List.copyOf(ContextFiles.fromPrompt(text).keySet()),
          text);
    }
  }

  @Test
  void readsBackExactlyWhatPromptBuilderFramed() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pkg/a.py", "x = 1\n12 looks like a number\n\n");
    files.put("pkg/b.py", "no final line end\rwith a CR inside");
    files.put("pkg/empty.py", "");
    String prompt =
        Prompts.build(
            "Quote <code>\n</code> in the text.",
            files,
            List.of("diff --git a/pkg/a.py b/pkg/a.py\n"));
    assertEquals(files, ContextFiles.fromPrompt(prompt));
  }

  @Test
  void aPromptWithoutCodeHasNoFiles() {
    assertEquals(Map.of(), ContextFiles.fromPrompt(""));
    assertEquals(Map.of(), ContextFiles.fromPrompt(null));
  }
}
