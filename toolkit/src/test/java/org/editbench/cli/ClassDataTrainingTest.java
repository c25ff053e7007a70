package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.editbench.SharedCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training run of the class-data archive: every command it runs must succeed. */
class ClassDataTrainingTest {
  @TempDir Path work;

  @Test
  void aGitCloneTrainsBm25Too() throws IOException {
    List<String> variants = ClassDataTraining.train(SharedCorpus.repositoryRoot(), work);

    assertEquals(List.of("0.2", "0.2_body_issue", "0.2_bm25_3"), variants);
    assertTrue(Files.isDirectory(work.resolve("bm25-cache/acme__inventory")), "an index was built");
    assertTrue(
        Files.exists(work.resolve("results/gold/T=0/n=1/training-task-instances_0.2.jsonl")));
  }

  @Test
  void aSourceTreeWithoutGitTrainsTheRest(@TempDir Path root) throws IOException {
    SampleData.copyTo(root);

    List<String> variants = ClassDataTraining.train(root, work);

    assertEquals(List.of("0.2", "0.2_body_issue"), variants);
    assertTrue(
        Files.exists(work.resolve("results/gold/T=0/n=1/training-task-instances_0.2.jsonl")));
  }
}
