package org.editbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetFileTest {
  @Test
  void namesAndParsesBenchAndInfbenchFilesAlike() {
    assertEquals(
        "django-django-task-instances_0.2_bm25_5.jsonl",
        DatasetFile.of("django-django", "0.2_bm25_5").fileName());
    assertEquals("all-task-instances.jsonl", DatasetFile.bench("all").fileName());
    for (DatasetFile file :
        List.of(
            DatasetFile.of("django-django", "0.2_bm25_5"),
            DatasetFile.of("o-firewall", "None_body_issue"),
            DatasetFile.bench("acme-inventory"),
            DatasetFile.of("all", "0.2"))) {
      assertEquals(Optional.of(file), DatasetFile.parse(file.fileName()));
    }
    assertTrue(DatasetFile.parse("all-task-instances_0.2.jsonl").orElseThrow().isMerged());
    assertTrue(!DatasetFile.parse("o-firewall-task-instances_0.2.jsonl").orElseThrow().isMerged());
  }

  @Test
  void namesOutsideTheRuleAreNotDatasetFiles() {
    for (String name :
        List.of(
            "x-task-instances_.jsonl",
            "-task-instances_0.2.jsonl",
            "x-task-instances_0.2-task-instances_0.4.jsonl",
            "x-task-instancesfoo.jsonl",
            "my-subset.jsonl",
            "x-task-instances_0.2.jsonl.gz")) {
      assertEquals(Optional.empty(), DatasetFile.parse(name), name);
    }
  }
}
