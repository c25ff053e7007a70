package org.editbench.retrieval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A git repository that a test builds commit by commit with the git command, as users make clones.
 */
final class TestRepository {
  /** Fixed identities and dates: commit names are the same in every run. */
  private static final Map<String, String> IDENTITY =
      Map.of(
          "GIT_AUTHOR_NAME",
          "Test",
          "GIT_AUTHOR_EMAIL",
          "test@example.org",
          "GIT_AUTHOR_DATE",
          "2024-01-01T00:00:00Z",
          "GIT_COMMITTER_NAME",
          "Test",
          "GIT_COMMITTER_EMAIL",
          "test@example.org",
          "GIT_COMMITTER_DATE",
          "2024-01-01T00:00:00Z",
          "GIT_CONFIG_NOSYSTEM",
          "1");

  final Path directory;

  private TestRepository(Path directory) {
    this.directory = directory;
  }

  static TestRepository init(Path directory) throws IOException {
    Files.createDirectories(directory);
    TestRepository repository = new TestRepository(directory);
    repository.git("init", "-q", "-b", "main");
    return repository;
  }

  /**
   * Writes {@code files} (path → content, null deletes) in the working tree and commits all
   * changes.
   */
  String commit(String message, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = directory.resolve(file.getKey());
      if (file.getValue() == null) {
        Files.delete(path);
      } else {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    }
    git("add", "-A");
    git("-c", "commit.gpgSign=false", "commit", "-q", "--allow-empty", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  /** Runs git in the repository; its output, or an assertion failure with git's message. */
  String git(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(IDENTITY);
    builder.environment().put("HOME", directory.toString()); // no user configuration either
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new AssertionError("git " + String.join(" ", arguments) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return output;
  }

  /**
   * Every file under the repository directory, {@code .git} included → sha256 of its bytes and its
   * mtime.
   */
  static Map<String, String> fingerprint(Path directory) throws IOException {
    Map<String, String> fingerprint = new TreeMap<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        fingerprint.put(
            directory.relativize(file).toString(),
            sha256(Files.readAllBytes(file)) + " " + Files.getLastModifiedTime(file).toMillis());
      }
    }
    return fingerprint;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
