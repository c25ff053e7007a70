package org.editbench.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LfLines} cuts after each LF; its builder must record the cuts a scan of its text finds.
 */
class LfLinesTest {

  private static List<Integer> starts(LfLines lines) {
    List<Integer> starts = new ArrayList<>();
    for (int k = 0; k <= lines.count(); k++) {
      starts.add(lines.start(k));
    }
    return starts;
  }

  @Test
  void cutsAfterEachLineFeed() {
    assertEquals(List.of(0), starts(LfLines.of("")));
    assertEquals(List.of(0, 1), starts(LfLines.of("a")));
    assertEquals(List.of(0, 2), starts(LfLines.of("a\n")));
    assertEquals(List.of(0, 2, 3), starts(LfLines.of("a\nb")));
    assertEquals(List.of(0, 1, 2, 4), starts(LfLines.of("\n\n\r\n")));
    assertEquals(List.of(0, 4), starts(LfLines.of("a\rb\u2028")));
  }

  @Test
  void builderRecordsTheLinesOfWhatItWrites() {
    Random random = new Random(20240613);
    List<String> pieces = List.of("", "a", "\n", "ab\n", "\nb", "x\ny\n", "\r", "\n\n");
    for (int round = 0; round < 3000; round++) {
      LfLines source =
          LfLines.of(
              String.join("", pieces.subList(0, random.nextInt(pieces.size())))
                  + pieces.get(random.nextInt(pieces.size()))
                  + "tail");
      LfLines.Builder out = new LfLines.Builder(4);
      StringBuilder expected = new StringBuilder();
      for (int appends = random.nextInt(8); appends > 0; appends--) {
        switch (random.nextInt(3)) {
          case 0 -> {
            String piece = pieces.get(random.nextInt(pieces.size()));
            out.append(piece);
            expected.append(piece);
          }
          case 1 -> {
            out.append('\n');
            expected.append('\n');
          }
          default -> {
            int from = random.nextInt(source.count() + 1);
            int to = from + random.nextInt(source.count() - from + 1);
            out.appendLines(source, from, to);
            expected.append(source.text(), source.start(from), source.start(to));
          }
        }
      }
      LfLines built = out.build();
      assertEquals(expected.toString(), built.text());
      assertEquals(starts(LfLines.of(built.text())), starts(built), built.text());
    }
  }
}
