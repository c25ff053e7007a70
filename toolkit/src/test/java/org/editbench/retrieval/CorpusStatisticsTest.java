package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Statistics of the corpus {"a b", "a c", "a"} and of what is left when "a b" is set aside. */
class CorpusStatisticsTest {
  /** 3 documents, 5 tokens; two terms (b, c) in one document each, one (a) in all three. */
  private static final CorpusStatistics CORPUS = new CorpusStatistics(3, 5, Map.of(1L, 2L, 3L, 1L));

  @Test
  void removingAFileRecomputesNAverageLengthVocabularyAndTheFloorExactly() {
    CandidateStatistics rest =
        CORPUS.without(
            1,
            2,
            Map.of(
                new BytesRef("a"), new long[] {3, 1},
                new BytesRef("b"), new long[] {1, 1}));

    // Left: "a c" and "a". a is in both, c in one, b in none (out of the vocabulary).
    double idfA = Math.log(2 - 2 + 0.5) - Math.log(2 + 0.5);
    double idfC = Math.log(2 - 1 + 0.5) - Math.log(1 + 0.5);
    double floor = 0.25 * (idfA + idfC) / 2;
    assertEquals(2, rest.documentCount());
    assertEquals(1.5, rest.averageLength());
    assertEquals(floor, rest.floorIdf(), 1e-15);
    assertTrue(floor < 0);
    assertEquals(floor, rest.idf(new BytesRef("a"), 3), 1e-15, "negative idf → the floor");
    assertEquals(
        0.0, rest.idf(new BytesRef("b"), 1), "only in the removed file → not in the vocabulary");
    assertEquals(0.0, rest.idf(new BytesRef("c"), 1), "an idf of exactly 0 is not negative");
  }

  @Test
  void aTermInEveryFileLeavesNoBucketAboveTheNewDocumentCount() {
    // The bucket "in 3 files" empties; kept with count 0 it would add 0 × ln(2 − 3 + 0.5) = NaN.
    CandidateStatistics rest = CORPUS.without(1, 1, Map.of(new BytesRef("a"), new long[] {3, 1}));
    assertTrue(Double.isFinite(rest.floorIdf()), "floor " + rest.floorIdf());
  }
}
