package org.editbench.text;

/**
 * How many columns of a terminal (a monospaced font) a text takes: East Asian wide and full-width
 * characters (CJK ideographs, Hangul, kana, full-width forms, most emoji) take two, combining marks
 * and invisible format characters none, every other code point one. Text tables pad by this instead
 * of {@link String#length()}, which counts UTF-16 units: a model named {@code 模型} would push its
 * row's later columns two places right of the header's, and an emoji one place.
 */
public final class TerminalColumns {
  /**
   * Code point ranges, inclusive, of Unicode's East Asian Width "W" and "F" classes, coarsened to
   * the blocks they fill (as terminals' own tables are).
   */
  private static final int[][] WIDE = {
    {0x1100, 0x115F}, // Hangul Jamo leading consonants
    {0x231A, 0x231B}, // watch, hourglass
    {0x2329, 0x232A}, // angle brackets
    {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},
    {0x2614, 0x2615},
    {0x2648, 0x2653},
    {0x267F, 0x267F},
    {0x2693, 0x2693},
    {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},
    {0x26BD, 0x26BE},
    {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},
    {0x26EA, 0x26EA},
    {0x26F2, 0x26F3},
    {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},
    {0x2705, 0x2705},
    {0x270A, 0x270B},
    {0x2728, 0x2728},
    {0x274C, 0x274C},
    {0x274E, 0x274E},
    {0x2753, 0x2755},
    {0x2757, 0x2757},
    {0x2795, 0x2797},
    {0x27B0, 0x27B0},
    {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},
    {0x2B55, 0x2B55},
    {0x2E80, 0x303E}, // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
    {0x3041, 0x33FF}, // kana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed
    {0x3400, 0x4DBF}, // CJK extension A
    {0x4E00, 0x9FFF}, // CJK unified ideographs
    {0xA000, 0xA4CF}, // Yi
    {0xA960, 0xA97F}, // Hangul Jamo extended A
    {0xAC00, 0xD7A3}, // Hangul syllables
    {0xF900, 0xFAFF}, // CJK compatibility ideographs
    {0xFE10, 0xFE19}, // vertical forms
    {0xFE30, 0xFE6F}, // CJK compatibility forms, small form variants
    {0xFF00, 0xFF60}, // full-width forms
    {0xFFE0, 0xFFE6},
    {0x16FE0, 0x18CFF}, // Tangut and others
    {0x1B000, 0x1B2FF}, // kana supplement and extensions, Nushu
    {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A},
    {0x1F200, 0x1F251}, // enclosed ideographic supplement
    {0x1F300, 0x1F64F}, // pictographs and emoticons (a few narrow ones among them count two)
    {0x1F680, 0x1F6FF}, // transport and map symbols
    {0x1F7E0, 0x1F7EB},
    {0x1F90C, 0x1F9FF}, // supplemental symbols and pictographs
    {0x1FA70, 0x1FAFF},
    {0x20000, 0x3FFFD}, // CJK extensions B and later
  };

  private TerminalColumns() {}

  private static final int ZERO_WIDTH_JOINER = 0x200D;
  private static final int EMOJI_PRESENTATION = 0xFE0F;

  /**
   * The columns {@code text} takes in a terminal. Emoji sequences take one emoji's two columns: a
   * pictograph joined to the one before it ({@code 👨‍👩‍👧}) or a skin tone after one adds none,
   * and the emoji presentation selector widens a narrow symbol before it ({@code ❤️}) to two.
   */
  public static int of(String text) {
    int columns = 0;
    int previous = 0; // the columns of the last character that took any
    boolean emoji = false; // that character began an emoji, which what joins it adds nothing to
    boolean joined = false;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == ZERO_WIDTH_JOINER) {
        joined = emoji;
        continue;
      }
      if (codePoint == EMOJI_PRESENTATION) {
        if (!emoji && previous == 1) {
          columns++;
          emoji = true;
        }
        continue;
      }
      if (emoji && (joined || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF))) {
        joined = false;
        continue; // drawn in the cells of the emoji it joins, or its skin tone
      }
      joined = false;
      int width = columns(codePoint);
      columns += width;
      if (width > 0) {
        previous = width;
        emoji = width == 2 && (codePoint >= 0x1F000 || (codePoint >= 0x2300 && codePoint < 0x2E80));
      }
    }
    return columns;
  }

  /** {@code text} followed by the spaces that make it {@code width} columns wide. */
  public static String padRight(String text, int width) {
    return text + " ".repeat(Math.max(0, width - of(text)));
  }

  /** The spaces that make {@code text} {@code width} columns wide, then {@code text}. */
  public static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - of(text))) + text;
  }

  private static int columns(int codePoint) {
    int type = Character.getType(codePoint);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || (codePoint >= 0x1160 && codePoint <= 0x11FF) // conjoining Hangul vowels and finals
        || (codePoint >= 0xD7B0 && codePoint <= 0xD7FF)) {
      return 0;
    }
    return isWide(codePoint) ? 2 : 1;
  }

  private static boolean isWide(int codePoint) {
    if (codePoint < WIDE[0][0]) {
      return false;
    }
    int low = 0;
    int high = WIDE.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (codePoint < WIDE[middle][0]) {
        high = middle - 1;
      } else if (codePoint > WIDE[middle][1]) {
        low = middle + 1;
      } else {
        return true;
      }
    }
    return false;
  }
}
