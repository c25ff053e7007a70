package org.editbench.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers and columns as {@code String.format(Locale.ROOT, …)} writes them, without {@link
 * java.util.Formatter}: its first {@code %d} or {@code %f} in a JVM sets up the default locale's
 * number symbols (the CLDR locale data, about 15 ms in a new JVM), which a command that has already
 * done its work would spend just to print its summary. Always a decimal point, whatever the default
 * locale: the scripts that read the CLI's summaries ({@code bench/infbench-benchmark.sh}) and the
 * notebooks' tables rely on it.
 */
public final class PlainNumbers {
  private PlainNumbers() {}

  /** {@code value} with {@code places} decimals, rounded half up as {@code %.Nf} rounds. */
  public static String fixed(double value, int places) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code text} followed by spaces up to {@code width} chars, as {@code %-Ns} pads. */
  public static String padRight(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
