package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.editbench.core.JsonlAppender;
import org.junit.jupiter.api.Test;

/** The one line a stopped command prints (the signals themselves: RunApiProcessTest). */
class StopNoticeTest {
  @Test
  void namesWhatWasWrittenWhatIsLeftAndTheCommandThatResumes() {
    String[] args = {
      "prompt-builder", "--variants", "0.2,0.4", "--override", "--out-dir", "my data/out"
    };
    assertEquals(
        "stopped by a signal: wrote 12 new record(s), whole lines only, to a.jsonl (5), b.jsonl (7); left: 3"
            + " of 10 in prompt-builder; resume with: editbench prompt-builder --variants 0.2,0.4 --out-dir 'my data/out'",
        StopNotice.message(
            List.of(
                new JsonlAppender.Written(Path.of("a.jsonl"), 5),
                new JsonlAppender.Written(Path.of("b.jsonl"), 7)),
            "prompt-builder",
            7,
            10,
            args));
  }

  @Test
  void saysSoWhenNothingWasWrittenYet() {
    assertEquals(
        "stopped by a signal: no new records written; resume with: editbench run-api --model 'it'\\''s'",
        StopNotice.message(List.of(), null, 0, 0, new String[] {"run-api", "--model", "it's"}));
  }
}
