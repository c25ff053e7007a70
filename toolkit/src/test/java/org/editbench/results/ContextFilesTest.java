package org.editbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.infbench.Prompts;
import org.junit.jupiter.api.Test;

class ContextFilesTest {
  @Test
  void readsBackExactlyWhatPromptBuilderFramed() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pkg/a.py", "x = 1\n12 looks like a number\n\n");
    files.put("pkg/b.py", "no final line end\rwith a CR inside");
    files.put("pkg/empty.py", "");
    String prompt = Prompts.build("Quote <code>\n</code> in the text.", files, List.of("diff --git a/pkg/a.py b/pkg/a.py\n"));
    assertEquals(files, ContextFiles.fromPrompt(prompt));
  }

  @Test
  void aPromptWithoutCodeHasNoFiles() {
    assertEquals(Map.of(), ContextFiles.fromPrompt(""));
    assertEquals(Map.of(), ContextFiles.fromPrompt(null));
  }
}
