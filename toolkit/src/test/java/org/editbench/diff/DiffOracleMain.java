package org.editbench.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Java side of {@code src/test/resources/tools/diff-oracle.py}, a development check against GNU
 * patch and Python's difflib. For every case folder under the given directory it writes our answers
 * next to the inputs:
 *
 * <ul>
 *   <li>{@code original} + {@code diff} → {@code java.out} (the patched text) and {@code
 *       java.hunks} (one {@code line offset fuzz} row per hunk), or {@code java.fail} (the failure
 *       message);
 *   <li>{@code a} + {@code b} → {@code java.udiff}, {@link UnifiedDiff#gitDiff} with path P.
 * </ul>
 */
public final class DiffOracleMain {
  private DiffOracleMain() {}

  public static void main(String[] args) throws IOException {
    try (Stream<Path> cases = Files.list(Path.of(args[0]))) {
      for (Path dir : cases.sorted().collect(Collectors.toList())) {
        if (Files.exists(dir.resolve("diff"))) {
          runPatch(dir);
        } else if (Files.exists(dir.resolve("a"))) {
          write(
              dir.resolve("java.udiff"),
              UnifiedDiff.gitDiff(read(dir.resolve("a")), read(dir.resolve("b")), "P"));
        }
      }
    }
  }

  private static void runPatch(Path dir) throws IOException {
    try {
      PatchResult result =
          PatchApplier.applyDetailed(read(dir.resolve("original")), read(dir.resolve("diff")));
      write(dir.resolve("java.out"), result.text());
      write(
          dir.resolve("java.hunks"),
          result.hunks().stream()
              .map(h -> h.line() + " " + h.offset() + " " + h.fuzz() + "\n")
              .collect(Collectors.joining()));
    } catch (PatchFailedException e) {
      write(dir.resolve("java.fail"), e.getMessage());
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static void write(Path p, String text) throws IOException {
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }
}
