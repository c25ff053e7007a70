package org.editbench.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers and columns in the CLI's summary lines, written without {@link java.util.Formatter}: its
 * first {@code %d} or {@code %f} in a JVM sets up the default locale's number symbols (the CLDR
 * locale data, about 15 ms in a new JVM), which a command that has already done its work would
 * spend just to print its summary; and a locale's decimal comma would break the scripts that read
 * these lines ({@code bench/infbench-benchmark.sh}). Always a decimal point, as {@code
 * String.format(Locale.ROOT, …)} writes it.
 */
final class ConsoleNumbers {
  private ConsoleNumbers() {}

  /** {@code value} with {@code places} decimals, rounded half up as {@code %.Nf} rounds. */
  static String fixed(double value, int places) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code text} followed by spaces up to {@code width} chars, as {@code %-Ns} pads. */
  static String padRight(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
