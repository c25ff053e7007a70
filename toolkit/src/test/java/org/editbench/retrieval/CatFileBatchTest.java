package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatFileBatchTest {
  @TempDir Path root;

  private GitRunner git(TestRepository repository) {
    return new GitRunner(repository.directory, repository.directory.resolve(".git"));
  }

  private static String blob(TestRepository repository, String path) throws IOException {
    return repository.git("rev-parse", "HEAD:" + path).strip();
  }

  @Test
  void answersComeBackInTheOrderOfTheNamesAndAnnouncedObjectsCanBeSkipped() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("repo"));
    String commit = repository.commit("one", Map.of("a.py", "alpha\n", "b.py", "beta\n"));
    CatFileBatch catFile = CatFileBatch.start(git(repository));
    try {
      catFile.request(commit);
      catFile.request(blob(repository, "b.py"));
      catFile.request(blob(repository, "a.py"));
      catFile.flush();

      String[] header = catFile.header();
      assertEquals(commit, header[0]);
      assertEquals("commit", header[1]);
      catFile.skip(Long.parseLong(header[2]));
      assertArrayEquals(
          "beta\n".getBytes(StandardCharsets.UTF_8), catFile.next(blob(repository, "b.py")));
      assertArrayEquals(
          "alpha\n".getBytes(StandardCharsets.UTF_8), catFile.next(blob(repository, "a.py")));
    } finally {
      catFile.close();
    }
  }

  @Test
  void aMissingObjectIsNoBlobAndTheNextAnswerIsStillInStep() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("repo"));
    repository.commit("one", Map.of("a.py", "alpha\n"));
    String missing = "0".repeat(40);
    CatFileBatch catFile = CatFileBatch.start(git(repository));
    try {
      catFile.request(missing);
      catFile.request(blob(repository, "a.py"));
      catFile.flush();

      IOException error = assertThrows(IOException.class, () -> catFile.next(missing));
      assertEquals("git has no blob " + missing + " (" + missing + " missing)", error.getMessage());
      assertArrayEquals(
          "alpha\n".getBytes(StandardCharsets.UTF_8), catFile.next(blob(repository, "a.py")));
    } finally {
      catFile.close();
    }
  }

  @Test
  void afterTheLastAnswerGitEndsAndAFurtherReadSaysSo() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("repo"));
    repository.commit("one", Map.of("a.py", "alpha\n"));
    CatFileBatch catFile = CatFileBatch.start(git(repository));
    try {
      catFile.request(blob(repository, "a.py"));
      catFile.endRequests();

      catFile.next(blob(repository, "a.py"));
      EOFException ended = assertThrows(EOFException.class, catFile::header);
      assertEquals("git cat-file ended early", ended.getMessage());
      assertTrue(catFile.ended());
    } finally {
      catFile.close();
    }
  }

  @Test
  void aGitThatFailsIsReportedWithItsComplaint() throws IOException {
    Path broken = root.resolve("broken");
    Files.createDirectories(broken.resolve(".git/objects"));
    Files.writeString(broken.resolve(".git/HEAD"), "not a ref\n");
    CatFileBatch catFile = CatFileBatch.start(new GitRunner(broken, broken.resolve(".git")));
    try {
      IOException error = assertThrows(IOException.class, catFile::header);
      assertTrue(error.getMessage().startsWith("git cat-file failed: "), error.getMessage());
      assertTrue(error.getMessage().length() > "git cat-file failed: ".length());
    } finally {
      catFile.close();
    }
  }
}
