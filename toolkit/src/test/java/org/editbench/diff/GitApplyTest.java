package org.editbench.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fixed patch/file pairs with what git apply does with them; each case is also run through the real
 * {@code git apply} (git on PATH) so that the documented semantics are checked, not assumed.
 */
class GitApplyTest {
  private static final String FILE = "a\nb\nc\nd\ne\nf\ng\n";
  private static final String HEADER = "diff --git a/m.py b/m.py\n--- a/m.py\n+++ b/m.py\n";
  private static final String CHANGE_D = HEADER + "@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f\n";

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "at the stated line",
            Map.of("m.py", FILE),
            CHANGE_D,
            Map.of("m.py", "a\nb\nc\nD\ne\nf\ng\n")),
        Arguments.of(
            "with an offset (lines added above)",
            Map.of("m.py", "0\n1\n" + FILE),
            CHANGE_D,
            Map.of("m.py", "0\n1\na\nb\nc\nD\ne\nf\ng\n")),
        Arguments.of(
            "with an offset far below the stated line",
            Map.of("m.py", "0\n".repeat(40) + FILE),
            CHANGE_D,
            Map.of("m.py", "0\n".repeat(40) + "a\nb\nc\nD\ne\nf\ng\n")),
        Arguments.of(
            "no fuzz: one context line differs",
            Map.of("m.py", FILE.replace("f\n", "F\n")),
            CHANGE_D,
            null),
        Arguments.of(
            "white space counts", Map.of("m.py", FILE.replace("b\n", "b \n")), CHANGE_D, null),
        Arguments.of(
            "no trailing context: must match at the end",
            Map.of("m.py", FILE),
            HEADER + "@@ -2,3 +2,3 @@\n b\n c\n-d\n+D\n",
            null),
        Arguments.of(
            "no trailing context at the end",
            Map.of("m.py", FILE),
            HEADER + "@@ -5,3 +5,3 @@\n e\n f\n-g\n+G\n",
            Map.of("m.py", "a\nb\nc\nd\ne\nf\nG\n")),
        Arguments.of(
            "old side at line 1: must match at the start",
            Map.of("m.py", "0\n" + FILE),
            HEADER + "@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n",
            null),
        Arguments.of("missing file", Map.of("other.py", FILE), CHANGE_D, null),
        Arguments.of(
            "new file",
            Map.of("m.py", FILE),
            "diff --git a/n.py b/n.py\nnew file mode 100644\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1,2 @@\n+x\n+y\n",
            Map.of("m.py", FILE, "n.py", "x\ny\n")),
        Arguments.of(
            "counts larger than the hunk: corrupt",
            Map.of("m.py", FILE),
            HEADER + "@@ -2,6 +2,6 @@\n b\n c\n-d\n+D\n e\n f\n",
            null),
        Arguments.of(
            "hunk without a file header",
            Map.of("m.py", FILE),
            "@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f\n",
            null),
        Arguments.of(
            "all or nothing: the second file fails",
            Map.of("m.py", FILE),
            CHANGE_D
                + "diff --git a/m.py b/m.py\n--- a/m.py\n+++ b/m.py\n@@ -1,3 +1,3 @@\n x\n-y\n+z\n q\n",
            null),
        Arguments.of(
            "no newline at end of file",
            Map.of("m.py", "a\nb"),
            HEADER
                + "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
            Map.of("m.py", "a\nc")),
        // git compares a hunk's old side as bytes from its first line: a last line without its
        // newline only has to start the file's line (white space may follow), and the whole line
        // is replaced, so the line after it joins the new side's last line
        Arguments.of(
            "no newline marker after context in mid-file: the next line joins",
            Map.of("m.py", FILE),
            HEADER + "@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n\\ No newline at end of file\n",
            Map.of("m.py", "a\nb\nC\nde\nf\ng\n")),
        Arguments.of(
            "no newline marker: spaces, tabs and CR may follow in the file's line",
            Map.of("m.py", "a\nb\nc\nd \t\r\ne\n"),
            HEADER + "@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n\\ No newline at end of file\n",
            Map.of("m.py", "a\nb\nC\nde\n")),
        Arguments.of(
            "no newline marker: other text may not follow (nor a form feed)",
            Map.of("m.py", "a\nb\nc\nd\f\ne\n"),
            HEADER + "@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n\\ No newline at end of file\n",
            null),
        Arguments.of(
            "no newline marker on the last line: the file loses its last newline",
            Map.of("m.py", FILE),
            HEADER + "@@ -5,3 +5,3 @@\n e\n-f\n+F\n g\n\\ No newline at end of file\n",
            Map.of("m.py", "a\nb\nc\nd\ne\nF\ng")),
        Arguments.of(
            "no newline marker without trailing context: the file must end there, without newline",
            Map.of("m.py", FILE),
            HEADER
                + "@@ -5,3 +5,3 @@\n e\n f\n-g\n\\ No newline at end of file\n+G\n\\ No newline at end of file\n",
            null),
        Arguments.of(
            "a later hunk applies after the joined line",
            Map.of("m.py", FILE),
            HEADER
                + "@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n\\ No newline at end of file\n@@ -4,2 +4,2 @@\n-e\n+E\n f\n",
            Map.of("m.py", "a\nb\nC\ndE\nf\ng\n")),
        // file headers as git reads them
        Arguments.of(
            "a git header without 'new file mode' reads --- /dev/null as the file dev/null",
            Map.of(),
            "diff --git a/n.py b/n.py\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1 @@\n+x\n",
            null),
        Arguments.of(
            "a git header without 'deleted file mode' writes the file dev/null",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\n--- a/m.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n",
            Map.of("dev/null", "")),
        Arguments.of(
            "a git header's +++ name must be the one its 'new file mode' line gave",
            Map.of(),
            "diff --git a/n.py b/n.py\nnew file mode 100644\n--- /dev/null\n+++ b/g.py\n"
                + "@@ -0,0 +1 @@\n+x\n",
            null),
        Arguments.of(
            "a stray git header line makes the next header's names inconsistent",
            Map.of("m.py", FILE),
            "diff --git a/g.py b/g.py\n" + CHANGE_D,
            null),
        Arguments.of(
            "a git header's names without a/ and b/: the names of its diff --git line",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\n--- m.py\n+++ m.py\n@@ -1 +1 @@\n-a\n+b\n",
            Map.of("m.py", "b\n")),
        Arguments.of(
            "traditional names without a/ and b/: no directory stripped",
            Map.of("m.py", "a\n"),
            "--- m.py\n+++ m.py\n@@ -1 +1 @@\n-a\n+b\n",
            Map.of("m.py", "b\n")),
        Arguments.of(
            "and from then on for the whole patch",
            Map.of("m.py", "a\n", "n.py", "a\n"),
            "--- m.py\n+++ m.py\n@@ -1 +1 @@\n-a\n+b\n--- a/n.py\n+++ b/n.py\n@@ -1 +1 @@\n-a\n+b\n",
            null),
        Arguments.of(
            "traditional: the +++ file is patched, not renamed to",
            Map.of("m.py", "a\n", "n.py", "a\n"),
            "--- a/m.py\n+++ b/n.py\n@@ -1 +1 @@\n-a\n+b\n",
            Map.of("m.py", "a\n", "n.py", "b\n")),
        Arguments.of(
            "traditional: the --- name when it starts the +++ one",
            Map.of("m.py", "a\n"),
            "--- a/m.py\n+++ b/m.py.orig\n@@ -1 +1 @@\n-a\n+b\n",
            Map.of("m.py", "b\n")),
        Arguments.of(
            "a space after a name is part of it",
            Map.of("m.py", "a\n"),
            "--- a/m.py \n+++ b/m.py \n@@ -1 +1 @@\n-a\n+b\n",
            null),
        Arguments.of(
            "a traditional header with no old lines creates its missing file",
            Map.of(),
            "--- a/n.py\n+++ b/n.py\n@@ -0,0 +1 @@\n+x\n",
            Map.of("n.py", "x\n")),
        Arguments.of(
            "a ---/+++ pair without a hunk after it is text, not a header",
            Map.of("m.py", FILE),
            CHANGE_D + "--- a/g.py\n+++ b/g.py\n",
            Map.of("m.py", "a\nb\nc\nD\ne\nf\ng\n")),
        Arguments.of(
            "a line starting '@@ -' that is not a hunk header is text",
            Map.of("m.py", FILE),
            CHANGE_D + "\n@@ -1,2 @@ nope\n",
            Map.of("m.py", "a\nb\nc\nD\ne\nf\ng\n")),
        // markers in the places git reads them too
        Arguments.of(
            "a no newline marker right after the hunk header changes nothing",
            Map.of("m.py", "a\n"),
            HEADER + "@@ -1 +1 @@\n\\ No newline at end of file\n-a\n+b\n",
            Map.of("m.py", "b\n")),
        Arguments.of(
            "a backslash line after the hunk is text when 12 bytes or fewer of the patch are left",
            Map.of("m.py", "a\n"),
            HEADER + "@@ -1 +1 @@\n-a\n+b\n\\ x\n",
            Map.of("m.py", "b\n")),
        Arguments.of(
            "and a marker when more are left",
            Map.of("m.py", "a\n"),
            HEADER + "@@ -1 +1 @@\n-a\n+b\n\\ x\nthanks, hope it helps\n",
            Map.of("m.py", "b")),
        Arguments.of(
            "an empty context line before a marker leaves the hunk",
            Map.of("m.py", "a\nx\n"),
            HEADER + "@@ -1,2 +1,2 @@\n-a\n+b\n\n\\ No newline at end of file\n",
            Map.of("m.py", "b\nx\n")),
        Arguments.of(
            "a mid-hunk marker: the old side's bytes still start the file's",
            Map.of("m.py", "x\n\nz\n"),
            HEADER + "@@ -1,2 +1,2 @@\n-x\n\\ No newline at end of file\n+y\n \n",
            Map.of("m.py", "y\n\nz\n")),
        Arguments.of(
            "git removes files before it writes them: a file renamed away and then read is kept",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\n--- a/m.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n"
                + "diff --git a/n.py b/n.py\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1 @@\n+c\n",
            Map.of("dev/null", "", "n.py", "c\n")),
        Arguments.of(
            "an absolute path is refused",
            Map.of("m.py", "a\n"),
            "--- m.py\n+++ m.py\n@@ -1 +1 @@\n-a\n+b\n"
                + "diff --git a/m.py b/m.py\n--- m.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-b\n",
            null),
        Arguments.of(
            "an empty side left by a marker is still placed by its header's numbers",
            Map.of("m.py", "a\n\nc\n"),
            HEADER + "@@ -2,1 +2,2 @@\n\n\\ No newline at end of file\n+x\n",
            Map.of("m.py", "a\n\nc\nx\n")),
        Arguments.of(
            "a rename onto a file that exists is refused",
            Map.of("m.py", "a\n", "n.py", "b\n"),
            "diff --git a/m.py b/n.py\nsimilarity index 100%\nrename from m.py\nrename to n.py\n",
            null),
        Arguments.of(
            "a file deleted earlier in the patch cannot be patched again",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\ndeleted file mode 100644\n--- a/m.py\n+++ /dev/null\n"
                + "@@ -1 +0,0 @@\n-a\n--- a/m.py\n+++ b/m.py\n@@ -0,0 +1 @@\n+z\n",
            null),
        Arguments.of(
            "a copy reads the file as it was, not as an earlier file patch made it",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\n--- a/m.py\n+++ b/m.py\n@@ -1 +1 @@\n-a\n+b\n"
                + "diff --git a/m.py b/n.py\nsimilarity index 100%\ncopy from m.py\ncopy to n.py\n",
            Map.of("m.py", "b\n", "n.py", "a\n")),
        Arguments.of(
            "mode lines are numbers: spaces before one, and a mode change alone is a change",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\nold mode  100644\nnew mode 100755\n",
            Map.of("m.py", "a\n")),
        Arguments.of(
            "equal modes written differently change nothing: only garbage",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\nold mode 0100644\nnew mode 100644\n",
            null),
        Arguments.of(
            "an index line's mode is the old mode",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\nindex 1234567..89abcde 100644\nnew mode 100755\n",
            Map.of("m.py", "a\n")),
        Arguments.of(
            "an index line's mode that is not a number is refused",
            Map.of("m.py", "a\n"),
            "diff --git a/m.py b/m.py\nindex 1234567..89abcde 10064x\n--- a/m.py\n+++ b/m.py\n"
                + "@@ -1 +1 @@\n-a\n+b\n",
            null),
        Arguments.of(
            "an empty line is empty context; text after the hunks is ignored",
            Map.of("m.py", "a\n\nb\nc\n"),
            HEADER + "@@ -1,4 +1,4 @@\n a\n\n-b\n+B\n c\nSome words the model added.\n",
            Map.of("m.py", "a\n\nB\nc\n")),
        Arguments.of("no patch at all", Map.of("m.py", FILE), "I could not find the bug.\n", null),
        // what GNU patch forgives and git does not, now that both read hunks with one reader
        Arguments.of(
            "a comment line in a hunk: corrupt",
            Map.of("m.py", FILE),
            HEADER + "@@ -2,5 +2,5 @@\n b\n c\n# note\n-d\n+D\n e\n f\n",
            null),
        Arguments.of(
            "a line starting with a tab: corrupt",
            Map.of("m.py", FILE),
            HEADER + "@@ -2,5 +2,5 @@\n b\n\tc\n-d\n+D\n e\n f\n",
            null),
        Arguments.of(
            "no space before @@: corrupt",
            Map.of("m.py", FILE),
            HEADER + "@@ -2,5 +2,5@@\n b\n c\n-d\n+D\n e\n f\n",
            null),
        Arguments.of(
            "a short backslash line: corrupt",
            Map.of("m.py", FILE),
            HEADER + "@@ -2,5 +2,5 @@\n b\n c\n-d\n\\ x\n+D\n e\n f\n",
            null));
  }

  /** The reasons go to the score files: they stay word for word. */
  @Test
  void rejectionsSayWhereThePatchIsCorrupt() {
    Map<String, String> files = Map.of("m.py", FILE);
    Map<String, String> reasons = new LinkedHashMap<>();
    // the harness's added line end is an empty context line: seven lines announced, six there
    reasons.put(
        HEADER + "@@ -2,7 +2,7 @@\n b\n c\n-d\n+D\n e\n f\n",
        "corrupt patch: the hunk at line 4 is cut short");
    reasons.put(
        HEADER + "@@ -2,5 +2,5 @@\n b\n c\n# note\n-d\n+D\n e\n f\n", "corrupt patch at line 7");
    reasons.put(HEADER + "@@ -2,5 +2,5@@\n b\n", "corrupt hunk header at line 4");
    reasons.put(
        HEADER + "@@ -2,2 +2,2 @@\n b\n c\n", "corrupt patch: the hunk at line 4 changes nothing");
    reasons.put(
        HEADER + "@@ -2,2 +2,1 @@\n b\n+C\n-c\n",
        "corrupt patch at line 6: more lines than the hunk header counts");
    reasons.put(
        HEADER + "@@ -3,2 +3,2 @@\n c\n-d\n+D\n",
        "m.py: patch does not apply (the hunk at patch line 4)");
    reasons.put(
        HEADER + "@@ -2,5 +2,5 @@\n b\n c\n-d\n\\ x\n+D\n e\n f\n", "corrupt patch at line 8");
    reasons.forEach(
        (patch, reason) ->
            assertEquals(
                reason,
                assertInstanceOf(GitApply.Rejected.class, GitApply.apply(files, patch), patch)
                    .reason(),
                patch));
  }

  /**
   * Whether two patches make the same files, decided from the patched files' lengths first, is
   * whether their files are equal: over results that differ in one character (same length), in
   * length, in which files exist, and results reached by different patches.
   */
  @Test
  void sameFilesIsEqualityOfTheFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("m.py", FILE);
    files.put("n.py", "x\n");
    String otherHeader = "diff --git a/n.py b/n.py\n--- a/n.py\n+++ b/n.py\n";
    java.util.List<String> patches =
        java.util.List.of(
            CHANGE_D,
            CHANGE_D.replace("+D", "+E"), // the same length, another character
            CHANGE_D.replace("+D", "+DD"),
            HEADER + "@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n", // CHANGE_D's files, other context
            CHANGE_D + otherHeader + "@@ -1 +1 @@\n-x\n+y\n",
            CHANGE_D
                + otherHeader
                    .replace("\n---", "\ndeleted file mode 100644\n---")
                    .replace("+++ b/n.py", "+++ /dev/null")
                + "@@ -1 +0,0 @@\n-x\n",
            "diff --git a/new.py b/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/new.py\n"
                + "@@ -0,0 +1 @@\n+n\n",
            HEADER + "@@ -1,3 +1,3 @@\n a\n-b\n+b\n c\n"); // changes nothing in effect
    java.util.List<GitApply.Applied> results =
        patches.stream()
            .map(
                patch ->
                    assertInstanceOf(GitApply.Applied.class, GitApply.apply(files, patch), patch))
            .toList();
    for (GitApply.Applied a : results) {
      for (GitApply.Applied b : results) {
        assertEquals(a.files().equals(b.files()), a.sameFiles(b));
        assertEquals(
            a.files().equals(b.files()), freshlyApplied(a, patches, results, files).sameFiles(b));
      }
    }
    // line starts kept across patches of the same files, and a second patch of a patched file
    GitApply.LineStarts shared = new GitApply.LineStarts();
    for (String patch : patches) {
      String twice = patch + HEADER + "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n";
      for (String p : java.util.List.of(patch, twice)) {
        assertEquals(
            ((GitApply.Applied) GitApply.apply(files, p)).files(),
            ((GitApply.Applied) GitApply.apply(files, p, shared)).files(),
            p);
      }
    }
    assertEquals(true, results.get(0).sameFiles(results.get(3)));
    assertEquals(false, results.get(0).sameFiles(results.get(1)));
    assertEquals(files, results.get(7).files());
  }

  /** {@code result} applied again, its texts not yet put together. */
  private static GitApply.Applied freshlyApplied(
      GitApply.Applied result,
      java.util.List<String> patches,
      java.util.List<GitApply.Applied> results,
      Map<String, String> files) {
    return (GitApply.Applied) GitApply.apply(files, patches.get(results.indexOf(result)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesAsGitApplyDoes(
      String name, Map<String, String> files, String patch, Map<String, String> expected)
      throws Exception {
    GitApply.Result result = GitApply.apply(files, patch);
    if (expected == null) {
      assertInstanceOf(GitApply.Rejected.class, result, name);
    } else {
      assertEquals(expected, assertInstanceOf(GitApply.Applied.class, result, name).files());
    }
    assertEquals(expected, realGitApply(files, patch), "git apply disagrees: " + name);
  }

  /**
   * What the real git apply makes of {@code patch} (written with a line end added, as the harness
   * writes it) in a folder holding {@code files}: the files after it, or null when it refuses.
   */
  private Map<String, String> realGitApply(Map<String, String> files, String patch)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory(dir, "case");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.createDirectories(work.resolve(f.getKey()).getParent());
      Files.writeString(work.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    Path patchFile = work.resolve("../" + work.getFileName() + ".diff");
    Files.writeString(patchFile, patch + "\n", StandardCharsets.UTF_8);
    Process git =
        new ProcessBuilder("git", "apply", patchFile.toAbsolutePath().normalize().toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    git.getInputStream().readAllBytes();
    if (!git.waitFor(30, TimeUnit.SECONDS)) {
      git.destroyForcibly();
      throw new IllegalStateException("git apply hangs");
    }
    if (git.exitValue() != 0) {
      return null;
    }
    Map<String, String> after = new HashMap<>();
    try (Stream<Path> walk = Files.walk(work)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        after.put(
            work.relativize(file).toString().replace('\\', '/'),
            Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return after;
  }
}
