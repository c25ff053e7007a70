package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.editbench.SharedCorpus;
import org.junit.jupiter.api.Test;

/**
 * Against the benchmark's template files (the fixture keeps the corpus's copies, byte for byte).
 */
class PromptTemplateTest {
  @Test
  void bundledTemplatesAreTheBenchmarksByteForByte() throws IOException {
    for (PromptTemplate t : PromptTemplate.values()) {
      String name =
          switch (t) {
            case HISTORY_AND_REQUIREMENT -> "history_and_requirement.txt";
            case HISTORY_ONLY -> "history_only.txt";
            case REQUIREMENT_ONLY -> "requirement_only.txt";
          };
      assertEquals(
          Files.readString(SharedCorpus.fixture().resolve("prompt-templates/" + name)),
          t.text(),
          name);
    }
  }
}
