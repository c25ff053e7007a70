package org.editbench.retrieval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.editbench.text.PyStrings;

/**
 * A user's clone, read through git's object plumbing only ({@code rev-parse}, {@code ls-tree},
 * {@code cat-file}): commits, trees and blobs. Its working tree, index and HEAD are never read or
 * written, so a dirty checkout or another branch does not matter and stays exactly as it was.
 *
 * <p>Why git itself rather than a Java implementation: the index build reads every file of a
 * commit, and git inflates them in its own process, beside the JVM's indexing threads, without
 * hundreds of milliseconds of class loading first. Blob ids are git's hex object names. Git runs
 * through a {@link GitRunner}; objects are read through {@link CatFileBatch} conversations.
 */
final class GitClone implements AutoCloseable {
  private static final Pattern OBJECT_NAME = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  /** Names sent to git before reading its answers: about 4 KB, far below a pipe's buffer. */
  private static final int PIPELINED_NAMES = 64;

  private final Path directory;
  private final GitRunner git;
  private final Map<String, String> resolvedCommits = new ConcurrentHashMap<>();

  /** One {@code cat-file --batch} for single reads and commit lookups, started on first use. */
  private CatFileBatch sharedCatFile;

  private GitClone(Path directory, Path gitDirectory) {
    this.directory = directory;
    this.git = new GitRunner(directory, gitDirectory);
  }

  /**
   * Opens a clone with a working tree ({@code DIR/.git}, a directory or a gitfile) or a bare one.
   * Only {@code directory} itself is considered: a folder inside some other repository is not a
   * clone. Checked on the file system, as git recognises a repository, without starting git.
   */
  static GitClone open(Path directory) {
    Path dotGit = directory.resolve(".git");
    Path gitDirectory = Files.exists(dotGit) ? dotGit : directory;
    if (!isRepository(gitDirectory)) {
      throw new RetrievalException(
          directory + " is not a git repository (no .git in it, and not a bare repository)");
    }
    return new GitClone(directory, gitDirectory);
  }

  /**
   * A git directory holds HEAD and objects; a gitfile (linked worktrees, submodules) points to one.
   */
  private static boolean isRepository(Path gitDirectory) {
    if (Files.isRegularFile(gitDirectory)) {
      try {
        return Files.readString(gitDirectory).startsWith("gitdir:");
      } catch (IOException e) {
        return false;
      }
    }
    return Files.isRegularFile(gitDirectory.resolve("HEAD"))
        && Files.isDirectory(gitDirectory.resolve("objects"));
  }

  Path directory() {
    return directory;
  }

  /**
   * The full object name of the commit {@code revision} names (usually a SHA, possibly
   * abbreviated). Asked of git once per revision, through the {@code cat-file} that reads this
   * clone's blobs: a git process of its own costs more than a retrieval, and a run of one commit
   * then starts one.
   */
  String resolveCommit(String revision) {
    return resolvedCommits.computeIfAbsent(revision, this::askCommit);
  }

  private String askCommit(String revision) {
    if (revision.startsWith("-") || revision.chars().anyMatch(c -> c < ' ')) {
      throw missing(revision);
    }
    String[] header;
    synchronized (this) {
      CatFileBatch catFile = catFile();
      try {
        catFile.request(revision + "^{commit}");
        catFile.flush();
        header = catFile.header();
        if (header.length == 3) {
          catFile.skip(Long.parseLong(header[2]));
        }
      } catch (IOException e) {
        // git says why when the repository is broken, once it has ended
        IOException reason = catFile.ended() ? catFile.processEnded() : e;
        closeCatFile();
        throw new RetrievalException(
            "git cannot read " + directory + ": " + reason.getMessage(), e);
      }
    }
    // "NAME commit SIZE", or "REVISION missing" / "REVISION ambiguous"
    if (header.length != 3
        || !header[1].equals("commit")
        || !OBJECT_NAME.matcher(header[0]).matches()) {
      throw missing(revision);
    }
    return header[0];
  }

  private RetrievalException missing(String revision) {
    return new RetrievalException(
        "commit " + revision + " is not in " + directory + " (fetch it into the clone)");
  }

  /** Receives the candidate files of a commit. */
  interface FileVisitor {
    void visit(String path, String blob) throws IOException;
  }

  /**
   * Visits every candidate file (regular or executable; symbolic links and submodules are not
   * files) of {@code commit}'s tree, in git's tree order.
   */
  void forEachCandidate(String commit, CandidateFiles candidates, FileVisitor visitor)
      throws IOException {
    // -z: paths verbatim, NUL-terminated ("MODE TYPE NAME\tPATH").
    GitRunner.Result listing = git.run("ls-tree", "-r", "-z", "--full-tree", commit);
    if (listing.status() != 0) {
      throw new RetrievalException(
          "git cannot list commit " + commit + " in " + directory + ": " + listing.error());
    }
    for (String entry : listing.output().split("\0")) {
      int tab = entry.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String[] fields = entry.substring(0, tab).split(" ");
      String path = entry.substring(tab + 1);
      boolean file =
          fields[1].equals("blob") && (fields[0].equals("100644") || fields[0].equals("100755"));
      if (file && candidates.accepts(path)) {
        visitor.visit(path, fields[2]);
      }
    }
  }

  /**
   * Several blobs' bytes, in order, through one {@code cat-file} kept for this clone: the names go
   * out together and the answers come back together, one pipe round trip for a context's files
   * rather than one each. {@link #text} makes them the text the reference reads.
   */
  List<byte[]> readBlobs(List<String> blobIds) throws IOException {
    List<byte[]> contents = new ArrayList<>(blobIds.size());
    synchronized (this) {
      CatFileBatch catFile = catFile();
      try {
        // git answers while it reads: a batch of names must fit in the pipe, or both sides would
        // wait.
        for (int from = 0; from < blobIds.size(); from += PIPELINED_NAMES) {
          List<String> batch =
              blobIds.subList(from, Math.min(blobIds.size(), from + PIPELINED_NAMES));
          for (String blob : batch) {
            catFile.request(blob);
          }
          catFile.flush();
          for (String blob : batch) {
            contents.add(catFile.next(blob));
          }
        }
      } catch (IOException e) {
        // The rest of the batch's answers are still on their way: a fresh cat-file for the next
        // read.
        closeCatFile();
        throw e;
      }
    }
    return contents;
  }

  /**
   * Whether {@code revision} is a full object name (a SHA-1 or SHA-256 in hex), which needs no
   * lookup to name a commit.
   */
  static boolean isObjectName(String revision) {
    return revision != null && OBJECT_NAME.matcher(revision).matches();
  }

  /**
   * Starts the {@code cat-file} that answers this clone's questions, if it is not running: git then
   * opens the repository on another core while the caller goes on.
   */
  synchronized void startReading() {
    catFile();
  }

  /**
   * The {@code cat-file --batch} kept for this clone, started on first use; call it holding this
   * lock.
   */
  private CatFileBatch catFile() {
    if (sharedCatFile == null) {
      sharedCatFile = CatFileBatch.start(git);
    }
    return sharedCatFile;
  }

  private void closeCatFile() {
    if (sharedCatFile != null) {
      sharedCatFile.close();
      sharedCatFile = null;
    }
  }

  /** Receives blobs in the order they were asked for. */
  interface BlobConsumer {
    void accept(int index, String text) throws IOException;
  }

  /**
   * Streams many blobs' texts (as {@link #readText}) through a {@code cat-file} of their own: the
   * names are sent from another thread while the caller consumes the answers, so that git inflates
   * the next blobs in its own process while the caller works on the last ones.
   */
  void streamTexts(List<String> blobIds, BlobConsumer consumer) throws IOException {
    CatFileBatch catFile = CatFileBatch.start(git);
    Thread requests =
        new Thread(
            () -> {
              try {
                for (String blob : blobIds) {
                  catFile.request(blob);
                }
                catFile.endRequests();
              } catch (IOException e) {
                catFile.close(); // the reading side then fails with the reason
              }
            },
            "git-cat-file-requests");
    requests.setDaemon(true);
    requests.start();
    try {
      for (int i = 0; i < blobIds.size(); i++) {
        consumer.accept(i, text(catFile.next(blobIds.get(i))));
      }
    } finally {
      catFile.close();
    }
  }

  /**
   * A blob's text as the reference reads a file: {@code read_text(encoding='utf-8',
   * errors='ignore')}, so invalid UTF-8 bytes are dropped and line ends become LF.
   */
  static String text(byte[] content) {
    return PyStrings.universalNewlines(decodeUtf8IgnoringErrors(content));
  }

  static String decodeUtf8IgnoringErrors(byte[] bytes) {
    // The common case, valid UTF-8, decodes on String's fast path: a decoder that replaces invalid
    // bytes with U+FFFD leaves none in the text when there were none to replace.
    String replaced = new String(bytes, StandardCharsets.UTF_8);
    if (replaced.indexOf('\uFFFD') < 0) {
      return replaced;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.IGNORE)
          .onUnmappableCharacter(CodingErrorAction.IGNORE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a decoder that ignores errors cannot fail", e);
    }
  }

  @Override
  public synchronized void close() {
    closeCatFile();
  }
}
