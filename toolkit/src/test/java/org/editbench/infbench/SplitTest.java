package org.editbench.infbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitTest {
  @ParameterizedTest(name = "{0} steps at {1} -> {2}")
  @CsvSource({
    // exact halves round to even, as Python's round() does on the binary double
    "5, 0.5, 2", // 2.5 -> 2
    "3, 0.5, 2", // 1.5 -> 2
    "7, 0.5, 4", // 3.5 -> 4
    "9, 0.5, 4", // 4.5 -> 4
    "10, 0.25, 2", // 2.5 -> 2
    "6, 0.25, 2", // 1.5 -> 2
    // the product is rounded to a double first: 10 * 0.35 == 3.5 -> 4, 5 * 0.3 == 1.5 -> 2
    "10, 0.35, 4",
    "5, 0.3, 2",
    "11, 0.15, 2",
    "5, 0.2, 1",
    "5, 0.4, 2",
    "5, 0.6, 3",
    "5, 0.8, 4",
    // at least one history step and one step left to predict
    "5, 0.01, 1",
    "5, 1.0, 4",
    "3, 0.99, 2",
    // two steps: always one history step for a non-zero ratio
    "2, 0.2, 1",
    "2, 0.9, 1",
    // no history: ratio 0 (None) or fewer than two steps
    "5, 0.0, 0",
    "1, 0.8, 0",
    "0, 0.5, 0",
  })
  void splitIndex(int steps, double infoPct, int expected) {
    assertEquals(expected, Split.splitIndex(steps, infoPct));
  }
}
