package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Building one commit's index: what each document holds, whatever the files' sizes. */
class Bm25IndexBuilderTest {
  @Test
  @Timeout(60) // a file that could never fit the read-ahead would wait forever
  void aFileLargerThanTheReadAheadIsIndexedWholeAmongSmallOnes(@TempDir Path dir)
      throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      files.put("small" + i + ".py", "def f" + i + "(x):\n    return x + " + i + "\n");
    }
    String line = "huge_token = 1\n"; // three tokens
    int lines = Bm25IndexBuilder.READ_AHEAD_CHARS / line.length() + 1_000;
    files.put("large.py", line.repeat(lines));
    files.put("tail.py", "x = 2\n");
    TestRepository repository = TestRepository.init(dir.resolve("repo"));
    String commit = repository.commit("files of very different sizes", files);
    Path indexDirectory = dir.resolve("index");
    GitClone clone = GitClone.open(dir.resolve("repo"));
    try {
      Bm25IndexBuilder.build(clone, commit, CandidateFiles.defaults(), indexDirectory);
    } finally {
      clone.close();
    }

    try (Directory directory = FSDirectory.open(indexDirectory);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSummary summary = IndexSummary.of(indexDirectory, reader);
      assertEquals(files.size(), summary.paths().length, "every file is a document");
      int large = Arrays.asList(summary.paths()).indexOf("large.py");
      assertEquals(3L * lines, summary.lengths()[large], "the large file's exact length");
      int tail = Arrays.asList(summary.paths()).indexOf("tail.py");
      assertEquals(3L, summary.lengths()[tail], "the file read after it");
    }
    try (Bm25Index index = Bm25Index.open(indexDirectory, commit, CandidateFiles.defaults())) {
      List<ScoredPath> ranking = index.rank("huge_token", List.of(), blob -> "", 1);
      assertEquals("large.py", ranking.get(0).path());
    }
  }
}
