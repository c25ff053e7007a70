package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRunnerTest {
  @TempDir Path root;

  @Test
  void runReturnsTheOutputOfACommandThatSucceeds() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("repo"));
    String commit = repository.commit("one", Map.of("a.py", "a\n"));
    GitRunner git = new GitRunner(repository.directory, repository.directory.resolve(".git"));

    GitRunner.Result result = git.run("rev-parse", "HEAD");
    assertEquals(new GitRunner.Result(0, commit + "\n", ""), result);
  }

  @Test
  void runReturnsTheStatusAndTheFirstLineOfTheComplaintOfACommandThatFails() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("repo"));
    repository.commit("one", Map.of("a.py", "a\n"));
    // The runner names the git directory itself: run from elsewhere, git still finds it.
    GitRunner git = new GitRunner(root, repository.directory.resolve(".git"));

    GitRunner.Result result = git.run("ls-tree", "-r", "no-such-revision");
    assertNotEquals(0, result.status());
    assertEquals("", result.output());
    assertTrue(result.error().contains("no-such-revision"), result.error());
    assertTrue(result.error().lines().count() == 1, result.error());
  }
}
