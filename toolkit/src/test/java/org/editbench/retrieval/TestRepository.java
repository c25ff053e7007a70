package org.editbench.retrieval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/** A git repository that a test builds commit by commit with JGit. */
final class TestRepository implements AutoCloseable {
  private static final PersonIdent AUTHOR =
      new PersonIdent("Test", "test@example.org", Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

  final Path directory;
  private final Git git;

  private TestRepository(Path directory, Git git) {
    this.directory = directory;
    this.git = git;
  }

  static TestRepository init(Path directory) throws GitAPIException, IOException {
    Files.createDirectories(directory);
    return new TestRepository(directory, Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call());
  }

  /** Writes {@code files} (path → content, null deletes) in the working tree and commits all changes. */
  ObjectId commit(String message, Map<String, String> files) throws IOException, GitAPIException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = directory.resolve(file.getKey());
      if (file.getValue() == null) {
        Files.delete(path);
      } else {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    }
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call().getId();
  }

  /** Every file under the repository directory, {@code .git} included → sha256 of its bytes and its mtime. */
  static Map<String, String> fingerprint(Path directory) throws IOException {
    Map<String, String> fingerprint = new TreeMap<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        fingerprint.put(directory.relativize(file).toString(),
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

  @Override
  public void close() {
    git.close();
  }
}
