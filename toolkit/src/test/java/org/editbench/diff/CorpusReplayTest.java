package org.editbench.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.editbench.CorpusFixture;
import org.editbench.Digests;
import org.editbench.FullCorpus;
import org.editbench.SharedCorpus;
import org.junit.jupiter.api.Test;

/**
 * Every edit history of the shared corpus, replayed and diffed.
 *
 * <p>The expected replay counts are what GNU patch 2.7.6 itself gives on this corpus (checked with
 * {@code tools/diff-oracle.py --corpus}, which also matches every patched text and hunk placement).
 * They differ from the corpus README, which speaks of 2,228 step applications, 436 with fuzz 1 and
 * 11 with an offset: the corpus holds 1,938 step diffs ({@code {k}.diff}, the same strings as the
 * bench's {@code work_patch_list}), and GNU patch needs fuzz 1 for 375 and an offset for 14 of
 * them. The two failures are as the README says.
 *
 * <p>The same checks on the fixture run in every build.
 */
class CorpusReplayTest {
  private static final String FAILS_ON_GNU_PATCH_TOO =
      "sympy__sympy-pull-28295/sympy__integrals__manualintegrate__py step 12 (last):"
          + " hunk #2 (@@ -2231,4 +2232,12 @@ def manualintegrate(f, var)";
  // Step 1 of this history is cut inside a hunk whose last added lines are lost; GNU fills the
  // cut with a blank context line and applies it with fuzz 1, so no replay can produce the
  // two lines final.py has there. GNU patch gives the same text as we do.
  private static final String NEVER_REACHES_FINAL =
      "sympy__sympy-pull-28371/sympy__printing__pycode__py";

  /** What replaying every history of a corpus gave. */
  private record Replays(
      int applications,
      int withFuzz,
      int withOffset,
      int reproduced,
      List<String> failures,
      List<String> differFromFinal,
      List<String> linesMisrecorded) {}

  @Test
  @FullCorpus
  void stepDiffsReplayAsGnuPatchReplaysThem() {
    Replays replays = replay(SharedCorpus.histories());
    assertEquals(1938, replays.applications());
    assertEquals(375, replays.withFuzz());
    assertEquals(14, replays.withOffset());
    assertEquals(
        List.of(
            "astropy__astropy-pull-18105/astropy__io__votable__converters__py step 6 (last):"
                + " hunk #2 (@@ -1500,4 +1521,9 @@)",
            FAILS_ON_GNU_PATCH_TOO),
        replays.failures());
    assertEquals(List.of(NEVER_REACHES_FINAL), replays.differFromFinal());
    assertEquals(633, replays.reproduced());
    assertEquals(List.of(), replays.linesMisrecorded());
  }

  @Test
  void theFixturesHistoriesReplayAsGnuPatchReplaysThem() {
    Replays replays = replay(SharedCorpus.histories(SharedCorpus.fixture()));
    assertEquals(178, replays.applications());
    assertEquals(48, replays.withFuzz());
    assertEquals(1, replays.withOffset());
    assertEquals(List.of(FAILS_ON_GNU_PATCH_TOO), replays.failures());
    assertEquals(List.of(NEVER_REACHES_FINAL), replays.differFromFinal());
    assertEquals(57, replays.reproduced());
    assertEquals(List.of(), replays.linesMisrecorded());
  }

  private static Replays replay(Path histories) {
    int applications = 0;
    int withFuzz = 0;
    int withOffset = 0;
    List<String> failures = new ArrayList<>();
    List<String> differFromFinal = new ArrayList<>();
    List<String> linesMisrecorded = new ArrayList<>();
    int reproduced = 0;
    for (EditedFileHistory file : EditedFileHistory.under(histories)) {
      EditedFileHistory.Replay replay = file.replay();
      applications += replay.applications();
      withFuzz += replay.withFuzz();
      withOffset += replay.withOffset();
      replay
          .misrecordedSteps()
          .forEach(step -> linesMisrecorded.add(file.name() + " step " + step));
      if (replay.failure() != null) {
        failures.add(file.name() + " " + replay.failure());
      } else if (replay.reachesFinal()) {
        reproduced++;
      } else {
        differFromFinal.add(file.name());
      }
    }
    return new Replays(
        applications,
        withFuzz,
        withOffset,
        reproduced,
        failures,
        differFromFinal,
        linesMisrecorded);
  }

  @Test
  @FullCorpus
  void groundTruthDiffsEqualPythonDifflib() throws IOException {
    Map<String, String> expected = expectedDigests();
    Map<String, String> actual = gitDiffDigests(SharedCorpus.histories());
    assertEquals(636, expected.size());
    List<String> mismatches =
        expected.keySet().stream()
            .filter(name -> !expected.get(name).equals(actual.get(name)))
            .collect(Collectors.toList());
    assertEquals(List.of(), mismatches, "gitDiff(original.py, final.py) differs from difflib's");
    assertEquals(expected.keySet(), actual.keySet());
  }

  @Test
  void theFixturesGroundTruthDiffsEqualPythonDifflib() throws IOException {
    Map<String, String> expected = expectedDigests();
    Map<String, String> actual = gitDiffDigests(SharedCorpus.histories(SharedCorpus.fixture()));
    assertTrue(actual.size() >= CorpusFixture.INSTANCES, "edited files: " + actual.size());
    actual.forEach((name, digest) -> assertEquals(expected.get(name), digest, name));
  }

  /** instance/encoded → sha256 of the ground truth diff from original.py to final.py. */
  private static Map<String, String> gitDiffDigests(Path histories) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (EditedFileHistory file : EditedFileHistory.under(histories)) {
      String diff =
          UnifiedDiff.gitDiff(file.read("original.py"), file.read("final.py"), file.path());
      digests.put(file.name(), Digests.sha256(diff));
    }
    return digests;
  }

  /** Written by tools/corpus-gitdiff-digests.py: "instance/encoded sha256" per line. */
  private static Map<String, String> expectedDigests() throws IOException {
    try (InputStream in = CorpusReplayTest.class.getResourceAsStream("corpus-gitdiff.sha256")) {
      Map<String, String> digests = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int space = line.indexOf(' ');
        digests.put(line.substring(0, space), line.substring(space + 1));
      }
      return digests;
    }
  }
}
