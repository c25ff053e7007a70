package org.editbench.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlainNumbersTest {
  @Test
  void fixedWritesWhatFormatWritesInTheRootLocale() {
    double[] values = {
      0,
      0.5,
      1.5,
      2.5,
      0.125,
      0.005,
      0.015,
      1.005,
      2.675,
      15.6655,
      999.9995,
      1e-9,
      123456.789,
      -0.5,
      -2.345,
      1e15 + 0.3
    };
    for (double value : values) {
      for (int places = 0; places <= 3; places++) {
        assertEquals(
            String.format(Locale.ROOT, "%." + places + "f", value),
            PlainNumbers.fixed(value, places),
            value + " to " + places + " places");
      }
    }
    SplittableRandom random = new SplittableRandom(16);
    for (int i = 0; i < 20_000; i++) {
      double value = random.nextDouble() * Math.pow(10, random.nextInt(-3, 7));
      int places = random.nextInt(4);
      assertEquals(
          String.format(Locale.ROOT, "%." + places + "f", value),
          PlainNumbers.fixed(value, places),
          value + " to " + places + " places");
    }
  }

  @Test
  void fixedKeepsADecimalPointWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals("15.667", PlainNumbers.fixed(15.6666, 3));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void padRightPadsAsFormatDoes() {
    for (String text :
        new String[] {"", "0.2", "0.2_bm25_5", "None_body_issue_bm25_10", "x".repeat(20)}) {
      assertEquals(String.format("%-20s", text), PlainNumbers.padRight(text, 20), text);
    }
  }
}
