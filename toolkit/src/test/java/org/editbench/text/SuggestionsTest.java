package org.editbench.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> MODELS =
      List.of("gpt-5-codex", "gpt-4.1", "gold", "last-step", "gemini-2.5-pro");

  @Test
  void aSlipOfOneOrTwoEditsSuggestsTheClosestNames() {
    assertEquals(List.of("gpt-4.1"), Suggestions.closest("gpt4.1", MODELS));
    assertEquals(List.of("gold"), Suggestions.closest("GOLD", MODELS), "case is no slip");
    assertEquals(List.of("last-step"), Suggestions.closest("last_stp", MODELS));
    assertEquals(" (did you mean gpt-4.1?)", Suggestions.didYouMean("gpt-41", MODELS));
  }

  @Test
  void aNameFarFromEveryKnownOneSuggestsNothing() {
    assertEquals(List.of(), Suggestions.closest("claude", MODELS));
    // Short names allow one edit only: "gpt" is not a slip of "gold".
    assertEquals(List.of(), Suggestions.closest("gpt", MODELS));
    assertEquals("", Suggestions.didYouMean("mistral-large", MODELS));
  }

  @Test
  void namesEquallyCloseAreAllSuggestedInTheirOrder() {
    assertEquals(List.of("ab", "ba"), Suggestions.closest("aa", List.of("ab", "ba", "bb")));
  }
}
