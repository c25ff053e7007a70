package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCloneTest {
  @TempDir Path root;

  @Test
  void aFolderInsideAnotherRepositoryIsNotAClone() throws IOException {
    TestRepository outer = TestRepository.init(root.resolve("project"));
    outer.commit("one", Map.of("a.py", "a\n"));
    Path inside = Files.createDirectories(root.resolve("project/repos/acme__lib"));

    RetrievalException error = assertThrows(RetrievalException.class, () -> GitClone.open(inside));
    assertTrue(error.getMessage().contains("is not a git repository"), error.getMessage());
  }

  @Test
  void aBrokenRepositoryIsReportedWithGitsReasonNotAsAMissingCommit() throws IOException {
    Path broken = root.resolve("broken");
    Files.createDirectories(broken.resolve(".git/objects"));
    Files.writeString(broken.resolve(".git/HEAD"), "not a ref\n");

    try (GitClone clone = GitClone.open(broken)) {
      RetrievalException error =
          assertThrows(RetrievalException.class, () -> clone.resolveCommit("abc1234"));
      assertTrue(
          error.getMessage().startsWith("git cannot read " + broken + ": "), error.getMessage());
    }
  }

  @Test
  void bareClonesAndLinkedWorktreesOpenLikeClones() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("origin"));
    String commit = repository.commit("one", Map.of("a.py", "a\n"));
    repository.git("clone", "-q", "--bare", ".", root.resolve("bare.git").toString());
    repository.git(
        "worktree", "add", "-q", root.resolve("linked").toString()); // .git is a file there

    for (String clone : List.of("bare.git", "linked")) {
      try (GitClone opened = GitClone.open(root.resolve(clone))) {
        assertEquals(commit, opened.resolveCommit(commit.substring(0, 8)), clone);
      }
    }
  }

  @Test
  void readsBlobsInOrderAcrossPipelinedBatchesAndAfterAMissingOne() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < 150; i++) {
      files.put(String.format("pkg/m%03d.py", i), "value = " + i + "\n");
    }
    TestRepository repository = TestRepository.init(root.resolve("many"));
    String commit = repository.commit("many", files);

    try (GitClone clone = GitClone.open(repository.directory)) {
      List<String> paths = new ArrayList<>();
      List<String> blobs = new ArrayList<>();
      clone.forEachCandidate(
          commit,
          CandidateFiles.defaults(),
          (path, blob) -> {
            paths.add(path);
            blobs.add(blob);
          });
      assertEquals(new ArrayList<>(files.keySet()), paths);
      assertEquals(new ArrayList<>(files.values()), texts(clone, blobs));

      IOException missing =
          assertThrows(IOException.class, () -> texts(clone, List.of("0".repeat(40))).get(0));
      assertTrue(missing.getMessage().contains("git has no blob"), missing.getMessage());
      assertEquals("value = 7\n", texts(clone, List.of(blobs.get(7))).get(0));
      // A missing blob amid a batch: the answers after it must not be taken for the next read's.
      assertThrows(
          IOException.class,
          () -> texts(clone, List.of(blobs.get(1), "0".repeat(40), blobs.get(2))));
      assertEquals(
          List.of("value = 3\n", "value = 4\n"), texts(clone, List.of(blobs.get(3), blobs.get(4))));

      List<String> streamed = new ArrayList<>();
      clone.streamTexts(blobs, (index, text) -> streamed.add(text));
      assertEquals(new ArrayList<>(files.values()), streamed);
    }
  }

  @Test
  void textIsReadAsTheReferenceReadsFiles() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("text"));
    // Invalid UTF-8 (a lone 0xFF, a cut-off 3-byte sequence) is dropped; CRLF and CR become LF;
    // a real U+FFFD stays.
    Files.write(
        repository.directory.resolve("odd.py"),
        new byte[] {
          'a',
          (byte) 0xFF,
          'b',
          '\r',
          '\n',
          'c',
          '\r',
          'd',
          (byte) 0xE2,
          (byte) 0x82,
          ' ',
          (byte) 0xEF,
          (byte) 0xBF,
          (byte) 0xBD
        });
    String commit = repository.commit("odd", Map.of());

    try (GitClone clone = GitClone.open(repository.directory)) {
      List<String> blobs = new ArrayList<>();
      clone.forEachCandidate(commit, CandidateFiles.defaults(), (path, blob) -> blobs.add(blob));
      assertEquals("ab\nc\nd \uFFFD", texts(clone, List.of(blobs.get(0))).get(0));
    }
  }

  @Test
  void optionLikeRevisionsAreNotPassedToGit() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("plain"));
    repository.commit("one", Map.of("a.py", "a\n"));
    try (GitClone clone = GitClone.open(repository.directory)) {
      RetrievalException error =
          assertThrows(RetrievalException.class, () -> clone.resolveCommit("--all"));
      assertTrue(error.getMessage().contains("is not in"), error.getMessage());
    }
  }

  /** Blobs' texts as retrieval reads them from git. */
  private static List<String> texts(GitClone clone, List<String> blobs) throws IOException {
    return clone.readBlobs(blobs).stream().map(GitClone::text).toList();
  }
}
