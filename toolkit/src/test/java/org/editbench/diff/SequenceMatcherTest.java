package org.editbench.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.editbench.diff.SequenceMatcher.Match;
import org.editbench.diff.SequenceMatcher.Opcode;
import org.editbench.diff.SequenceMatcher.Tag;
import org.junit.jupiter.api.Test;

/** The examples of CPython's difflib documentation, answered as CPython 3.11 answers them. */
class SequenceMatcherTest {

  private static List<String> chars(String s) {
    return s.chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.toList());
  }

  @Test
  void longestMatchPrefersTheEarliestStartInAThenInB() {
    SequenceMatcher m = new SequenceMatcher(chars(" abcd"), chars("abcd abcd"));
    assertEquals(new Match(0, 4, 5), m.findLongestMatch(0, 5, 0, 9));
  }

  @Test
  void noMatchIsAnEmptyBlockAtTheRangeStarts() {
    SequenceMatcher m = new SequenceMatcher(chars("ab"), chars("c"));
    assertEquals(new Match(0, 0, 0), m.findLongestMatch(0, 2, 0, 1));
  }

  @Test
  void matchingBlocksEndWithASentinel() {
    SequenceMatcher m = new SequenceMatcher(chars("abxcd"), chars("abcd"));
    assertEquals(
        List.of(new Match(0, 0, 2), new Match(3, 2, 2), new Match(5, 4, 0)), m.getMatchingBlocks());
  }

  @Test
  void opcodesCoverBothSequences() {
    SequenceMatcher m = new SequenceMatcher(chars("qabxcd"), chars("abycdf"));
    assertEquals(
        List.of(
            new Opcode(Tag.DELETE, 0, 1, 0, 0),
            new Opcode(Tag.EQUAL, 1, 3, 0, 2),
            new Opcode(Tag.REPLACE, 3, 4, 2, 3),
            new Opcode(Tag.EQUAL, 4, 6, 3, 5),
            new Opcode(Tag.INSERT, 6, 6, 5, 6)),
        m.getOpcodes());
  }

  @Test
  void groupedOpcodesKeepThreeLinesOfContext() {
    List<String> a =
        IntStream.rangeClosed(1, 39).mapToObj(String::valueOf).collect(Collectors.toList());
    List<String> b = new ArrayList<>(a);
    b.add(8, "i");
    b.set(20, b.get(20) + "x");
    b.subList(23, 28).clear();
    b.set(30, b.get(30) + "y");
    assertEquals(
        List.of(
            List.of(
                new Opcode(Tag.EQUAL, 5, 8, 5, 8),
                new Opcode(Tag.INSERT, 8, 8, 8, 9),
                new Opcode(Tag.EQUAL, 8, 11, 9, 12)),
            List.of(
                new Opcode(Tag.EQUAL, 16, 19, 17, 20),
                new Opcode(Tag.REPLACE, 19, 20, 20, 21),
                new Opcode(Tag.EQUAL, 20, 22, 21, 23),
                new Opcode(Tag.DELETE, 22, 27, 23, 23),
                new Opcode(Tag.EQUAL, 27, 30, 23, 26)),
            List.of(
                new Opcode(Tag.EQUAL, 31, 34, 27, 30),
                new Opcode(Tag.REPLACE, 34, 35, 30, 31),
                new Opcode(Tag.EQUAL, 35, 38, 31, 34))),
        new SequenceMatcher(a, b).getGroupedOpcodes(3));
  }

  @Test
  void equalSequencesHaveNoGroups() {
    assertEquals(List.of(), new SequenceMatcher(chars("abc"), chars("abc")).getGroupedOpcodes(3));
    assertEquals(List.of(), new SequenceMatcher(List.of(), List.of()).getGroupedOpcodes(3));
  }
}
