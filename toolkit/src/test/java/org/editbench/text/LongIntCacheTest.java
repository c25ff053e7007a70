package org.editbench.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LongIntCacheTest {
  @Test
  void holdsWhatAHashMapHoldsThroughGrowthWithCollidingKeysAndZero() {
    LongIntCache cache = new LongIntCache();
    Map<Long, Integer> expected = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      // random keys, keys that share a stripe and a slot (same top and low bits), and 0
      long key =
          switch (i % 3) {
            case 0 -> random.nextLong();
            case 1 -> (long) random.nextInt(5000) << 32;
            default -> random.nextInt(100) == 0 ? 0 : random.nextLong(1000);
          };
      int value = random.nextInt(1 << 20);
      cache.put(key, value);
      expected.put(key, value);
    }
    expected.forEach((key, value) -> assertEquals(value, cache.get(key, -1), "key " + key));
    assertEquals(expected.size(), cache.size());
    assertEquals(-1, cache.get(1L << 40 | 12345, -1));
  }

  @Test
  void threadsPuttingAtOnceLoseNothing() {
    LongIntCache cache = new LongIntCache();
    IntStream.range(0, 4)
        .parallel()
        .forEach(
            t -> {
              for (long k = 1; k <= 100_000; k++) {
                cache.put(k * 0x9e3779b97f4a7c15L + t, (int) k);
              }
            });
    for (int t = 0; t < 4; t++) {
      for (long k = 1; k <= 100_000; k++) {
        assertEquals((int) k, cache.get(k * 0x9e3779b97f4a7c15L + t, -1));
      }
    }
    assertEquals(400_000, cache.size());
  }

  /**
   * Lookups take no lock: while two threads put (the stripes growing under them), two others look
   * up the same keys and see either nothing yet or the right value, never another; a value of 0 is
   * a value.
   */
  @Test
  void lookupsDuringPutsSeeTheValueOrNothing() {
    LongIntCache cache = new LongIntCache();
    int keys = 200_000;
    int[] seen = new int[4];
    IntStream.range(0, 4)
        .parallel()
        .forEach(
            t -> {
              for (int pass = 0; pass < (t < 2 ? 1 : 3); pass++) {
                for (long k = t % 2 + 1; k <= keys; k += 2) {
                  long key = k * 0x9e3779b97f4a7c15L;
                  int value = (int) (k % 1000);
                  if (t < 2) {
                    cache.put(key, value);
                  } else {
                    int got = cache.get(key, -1);
                    assertTrue(got == -1 || got == value, "key " + k + ": " + got);
                    seen[t] += got == -1 ? 0 : 1;
                  }
                }
              }
            });
    for (long k = 1; k <= keys; k++) {
      assertEquals((int) (k % 1000), cache.get(k * 0x9e3779b97f4a7c15L, -1));
    }
    assertEquals(keys, cache.size());
    assertThrows(IllegalArgumentException.class, () -> cache.put(5, -1));
  }
}
