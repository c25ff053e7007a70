package org.editbench.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalColumnsTest {
  @Test
  void asciiAndLatinTakeOneColumnEach() {
    assertEquals(0, TerminalColumns.of(""));
    assertEquals(7, TerminalColumns.of("gpt-4.1"));
    assertEquals(5, TerminalColumns.of("naïve"));
  }

  @Test
  void eastAsianWideAndFullWidthCharactersTakeTwo() {
    assertEquals(8, TerminalColumns.of("通义千问"));
    assertEquals(6, TerminalColumns.of("モデル"));
    assertEquals(4, TerminalColumns.of("한국"));
    assertEquals(4, TerminalColumns.of("ＡＢ"), "full-width Latin");
    assertEquals(2, TerminalColumns.of("𠀀"), "an ideograph outside the BMP, two UTF-16 units");
  }

  @Test
  void emojiTakeTwoAndCombiningOrFormatCharactersNone() {
    assertEquals(2, TerminalColumns.of("🤖"));
    assertEquals(
        5, TerminalColumns.of("e\u0301cole"), "e and a combining acute accent: one column");
    assertEquals(2, TerminalColumns.of("a\u200bb"), "a zero-width space between two letters");
  }

  @Test
  void anEmojiSequenceTakesOneEmojisColumns() {
    assertEquals(2, TerminalColumns.of("\u2764\uFE0F"), "a heart in emoji presentation");
    assertEquals(1, TerminalColumns.of("\u2764"), "a heart in text presentation");
    assertEquals(2, TerminalColumns.of("👍🏽"), "a skin tone adds nothing");
    assertEquals(2, TerminalColumns.of("👨‍👩‍👧"), "pictographs joined by ZWJ");
    assertEquals(5, TerminalColumns.of("👨‍👩‍👧bot"));
    assertEquals(2, TerminalColumns.of("🏃\u200D\u2640\uFE0F"), "a runner joined to a female sign");
    assertEquals(4, TerminalColumns.of("好\u200D好"), "ideographs are not joined");
    assertEquals(
        2, TerminalColumns.of("\u1100\u1161\u11A8"), "a Hangul syllable of conjoining jamo");
  }

  @Test
  void paddingCountsColumnsNotChars() {
    assertEquals("通义  ", TerminalColumns.padRight("通义", 6));
    assertEquals("  通义", TerminalColumns.padLeft("通义", 6));
    assertEquals("too wide", TerminalColumns.padRight("too wide", 3));
  }
}
