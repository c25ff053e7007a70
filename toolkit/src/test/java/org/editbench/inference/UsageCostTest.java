package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.editbench.core.JsonTrees;
import org.junit.jupiter.api.Test;

class UsageCostTest {
  private static final ModelSpec MODEL = ModelTable.builtIn().require("gpt-4.1");

  private static UsageCost of(String usage) throws Exception {
    return UsageCost.from(JsonTrees.tree(usage), MODEL);
  }

  @Test
  void eitherApisCountsArePriced() throws Exception {
    UsageCost chat = of("{\"prompt_tokens\": 1000, \"completion_tokens\": 10}");
    assertEquals(1000, chat.inputTokens());
    assertEquals(10, chat.outputTokens());
    assertEquals(MODEL.cost(1000, 10), chat.usd());
    assertEquals(chat, of("{\"input_tokens\": 1000, \"output_tokens\": 10.0}"));
  }

  @Test
  void countsThatAreNegativeOrNotNumbersCountAsNothingNotAsACredit() throws Exception {
    UsageCost broken = of("{\"prompt_tokens\": -1e9, \"completion_tokens\": \"abc\"}");
    assertEquals(UsageCost.FREE, broken);
    assertEquals(0, of("{\"prompt_tokens\": 5, \"completion_tokens\": -3}").outputTokens());
  }
}
