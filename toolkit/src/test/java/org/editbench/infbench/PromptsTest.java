package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptsTest {
  @Test
  void templateChoiceFollowsRequirementAndHistory() {
    assertEquals(PromptTemplate.HISTORY_AND_REQUIREMENT, PromptTemplate.choose(true, true));
    assertEquals(PromptTemplate.REQUIREMENT_ONLY, PromptTemplate.choose(true, false));
    assertEquals(PromptTemplate.HISTORY_ONLY, PromptTemplate.choose(false, true));
    assertNull(PromptTemplate.choose(false, false));
  }

  @Test
  void noRequirementAndNoHistoryGivesEmptyPrompt() {
    assertEquals("", Prompts.build("  \n", Map.of("a.py", "x\n"), List.of()));
  }

  @Test
  void whiteSpaceOnlyRequirementCountsAsNone() {
    String prompt = Prompts.build(" \u00a0\n", Map.of("a.py", "x\n"), List.of("d\n"));
    assertTrue(
        prompt.startsWith(
            "You will be provided with 1) a partial code base and 2) an ordered history"));
  }

  @Test
  void codeBlockNumbersEveryLineIncludingTheEmptyLastOne() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.py", "x = 1\ny = 2\n");
    files.put("b.py", "z");
    assertEquals(
        "[start of a.py]\n1 x = 1\n2 y = 2\n3 \n[end of a.py]\n[start of b.py]\n1 z\n[end of b.py]",
        Prompts.codeBlock(files));
    assertEquals("", Prompts.codeBlock(Map.of()));
    assertEquals("[start of e.py]\n1 \n[end of e.py]", Prompts.codeBlock(Map.of("e.py", "")));
  }

  @Test
  void historyBlockFramesEachStep() {
    assertEquals(
        "[start of step 1]\nd1\n\n[end of step 1]\n[start of step 2]\nd2\n[end of step 2]",
        Prompts.historyBlock(List.of("d1\n", "d2")));
  }

  @Test
  void placeholdersAreFilledLiterally() {
    String prompt =
        Prompts.build("use $1 and ${code_context}$ \\ literally", Map.of("a.py", "x"), List.of());
    assertTrue(
        prompt.contains(
            "<requirement>\nuse $1 and ${code_context}$ \\ literally\n</requirement>\n<code>\n[start of a.py]\n1 x\n[end of a.py]\n</code>\n"));
    assertTrue(prompt.endsWith("</patch>"));
  }
}
