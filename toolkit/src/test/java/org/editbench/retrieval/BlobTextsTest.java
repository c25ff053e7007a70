package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BlobTexts}: blobs kept beside the indexes, checked, and read from git when they fail. */
class BlobTextsTest {
  @TempDir Path root;

  @Test
  void keptBlobsGiveGitsTextsAndOnlyMissingOnesAreAskedOfGit() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.py", "a = 1\r\n");
    files.put("b.py", "b = 'é'\n");
    files.put("c.py", "");
    TestRepository repository = TestRepository.init(root.resolve("repo"));
    String commit = repository.commit("three", files);
    Path kept = root.resolve("cache").resolve(BlobTexts.DIRECTORY);
    try (GitClone clone = GitClone.open(repository.directory)) {
      List<String> blobs = new ArrayList<>();
      clone.forEachCandidate(commit, CandidateFiles.defaults(), (path, blob) -> blobs.add(blob));
      List<String> fromGit = clone.readBlobs(blobs).stream().map(GitClone::text).toList();
      assertEquals(List.of("a = 1\n", "b = 'é'\n", ""), fromGit);

      BlobTexts texts = new BlobTexts(clone, kept);
      assertEquals(fromGit.get(1), texts.text(blobs.get(1)));
      assertArrayEquals(
          files.get("b.py").getBytes(StandardCharsets.UTF_8), texts.read(blobs.get(1)));
      assertNull(texts.read(blobs.get(0)));
      assertEquals(fromGit, texts.texts(blobs));
      for (int i = 0; i < blobs.size(); i++) {
        assertArrayEquals(clone.readBlobs(List.of(blobs.get(i))).get(0), texts.read(blobs.get(i)));
      }
    }
    // Kept blobs need no clone at all: a clone whose git has none of them gives the same texts.
    TestRepository empty = TestRepository.init(root.resolve("empty"));
    empty.commit("other", Map.of("z.py", "z\n"));
    try (GitClone clone = GitClone.open(empty.directory);
        GitClone original = GitClone.open(repository.directory)) {
      List<String> blobs = new ArrayList<>();
      original.forEachCandidate(commit, CandidateFiles.defaults(), (path, blob) -> blobs.add(blob));
      assertEquals(List.of("a = 1\n", "b = 'é'\n", ""), new BlobTexts(clone, kept).texts(blobs));
    }
  }

  @Test
  void aDamagedCutShortOrForeignFileIsNotUsedAndIsRewrittenFromGit() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("repo"));
    String commit = repository.commit("one", Map.of("a.py", "x = 1\n".repeat(100)));
    Path kept = root.resolve("cache").resolve(BlobTexts.DIRECTORY);
    try (GitClone clone = GitClone.open(repository.directory)) {
      List<String> blobs = new ArrayList<>();
      clone.forEachCandidate(commit, CandidateFiles.defaults(), (path, blob) -> blobs.add(blob));
      String blob = blobs.get(0);
      BlobTexts texts = new BlobTexts(clone, kept);
      String expected = texts.text(blob);
      Path file = kept.resolve(blob);
      byte[] good = Files.readAllBytes(file);

      List<byte[]> damaged = new ArrayList<>();
      byte[] flipped = good.clone();
      flipped[good.length / 2] ^= 0x20; // a byte of the content
      damaged.add(flipped);
      damaged.add(Arrays.copyOf(good, good.length - 1)); // cut short
      damaged.add(Arrays.copyOf(good, 5)); // within the header
      byte[] longer = Arrays.copyOf(good, good.length + 1); // a byte too many
      damaged.add(longer);
      byte[] otherMagic = good.clone();
      otherMagic[0] ^= 1;
      damaged.add(otherMagic);
      damaged.add(new byte[0]);
      for (byte[] bytes : damaged) {
        Files.write(file, bytes);
        assertNull(texts.read(blob));
        assertEquals(expected, texts.text(blob)); // from git
        assertArrayEquals(good, Files.readAllBytes(file)); // and kept again
      }
      // Names that are not git object names are never file names.
      assertNull(texts.read("../" + blob));
    }
  }

  @Test
  void aCacheThatCannotBeWrittenOnlyLosesTheSaving() throws IOException {
    TestRepository repository = TestRepository.init(root.resolve("repo"));
    String commit = repository.commit("one", Map.of("a.py", "y = 2\n"));
    Path notADirectory = root.resolve("file");
    Files.writeString(notADirectory, "in the way");
    try (GitClone clone = GitClone.open(repository.directory)) {
      List<String> blobs = new ArrayList<>();
      clone.forEachCandidate(commit, CandidateFiles.defaults(), (path, blob) -> blobs.add(blob));
      BlobTexts texts = new BlobTexts(clone, notADirectory.resolve(BlobTexts.DIRECTORY));
      assertEquals("y = 2\n", texts.text(blobs.get(0)));
      assertNull(texts.read(blobs.get(0)));
      assertEquals("y = 2\n", texts.text(blobs.get(0)));
    }
  }
}
