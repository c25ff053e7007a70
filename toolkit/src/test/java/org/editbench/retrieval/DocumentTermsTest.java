package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DocumentTerms}: a file's terms kept beside its index, checked when read. */
class DocumentTermsTest {
  private static final String BLOB = "0123456789abcdef0123456789abcdef01234567";
  private static final String IDENTITY = "segments_1";

  @TempDir Path temp;

  /** A folder of its own inside the test's: a name that escaped it would land beside it. */
  private Path directory;

  @BeforeEach
  void folder() throws IOException {
    directory = Files.createDirectories(temp.resolve("terms"));
  }

  private static DocumentTerms sample() {
    return new DocumentTerms(
        7,
        new BytesRef[] {new BytesRef("def"), new BytesRef("héllo"), new BytesRef("x".repeat(300))},
        new long[] {12, 1, 3_000_000_000L});
  }

  private static void assertSame(DocumentTerms expected, DocumentTerms actual) {
    assertNotNull(actual);
    assertEquals(expected.length(), actual.length());
    assertArrayEquals(expected.terms(), actual.terms(), "terms, in their order");
    assertArrayEquals(expected.documentFrequencies(), actual.documentFrequencies());
  }

  @Test
  void keptTermsAreReadBackInTheirOrder() {
    DocumentTerms terms = sample();
    terms.keep(directory, BLOB, IDENTITY);
    assertSame(terms, DocumentTerms.read(directory, BLOB, IDENTITY));

    DocumentTerms empty = new DocumentTerms(0, new BytesRef[0], new long[0]);
    String emptyFile = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
    empty.keep(directory, emptyFile, IDENTITY);
    assertSame(empty, DocumentTerms.read(directory, emptyFile, IDENTITY));
  }

  @Test
  void termsOfAnotherIndexCommitOrAMissingFileAreNotUsed() {
    sample().keep(directory, BLOB, IDENTITY);
    assertNull(DocumentTerms.read(directory, BLOB, "segments_2"));
    assertNull(DocumentTerms.read(directory, "1111111111111111111111111111111111111111", IDENTITY));
  }

  @Test
  void aDamagedOrCutShortFileIsNotUsed() throws IOException {
    sample().keep(directory, BLOB, IDENTITY);
    Path file = directory.resolve(BLOB);
    byte[] good = Files.readAllBytes(file);
    for (int at = 0; at < good.length; at += 7) {
      byte[] flipped = good.clone();
      flipped[at] ^= 0x20;
      Files.write(file, flipped);
      assertNull(DocumentTerms.read(directory, BLOB, IDENTITY), "byte " + at + " flipped");
    }
    for (int length : new int[] {0, 5, good.length / 2, good.length - 1}) {
      Files.write(file, Arrays.copyOf(good, length));
      assertNull(DocumentTerms.read(directory, BLOB, IDENTITY), length + " bytes");
    }
    Files.write(file, good);
    assertSame(sample(), DocumentTerms.read(directory, BLOB, IDENTITY));
  }

  @Test
  void aNameThatIsNotABlobIdIsNeitherWrittenNorRead() throws IOException {
    sample().keep(directory, "../escape", IDENTITY);
    assertNull(DocumentTerms.read(directory, "../escape", IDENTITY));
    try (var files = Files.list(directory)) {
      assertFalse(files.findAny().isPresent(), "nothing written");
    }
    assertFalse(Files.exists(directory.resolveSibling("escape")));
  }
}
