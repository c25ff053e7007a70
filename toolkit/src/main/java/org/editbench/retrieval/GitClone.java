package org.editbench.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.editbench.text.PyStrings;

/**
 * A user's clone, read through git objects only: commits, trees and blobs. Its working tree, index
 * and HEAD are never read or written, so a dirty checkout or another branch does not matter and
 * stays exactly as it was.
 */
final class GitClone implements AutoCloseable {
  private final Path directory;
  private final Repository repository;

  private GitClone(Path directory, Repository repository) {
    this.directory = directory;
    this.repository = repository;
  }

  /** Opens a clone with a working tree ({@code DIR/.git}, a directory or a gitfile) or a bare one. */
  static GitClone open(Path directory) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    if (Files.exists(directory.resolve(Constants.DOT_GIT))) {
      builder.setWorkTree(directory.toFile());
    } else {
      builder.setGitDir(directory.toFile());
    }
    try {
      return new GitClone(directory, builder.build());
    } catch (IOException | IllegalArgumentException e) {
      throw new RetrievalException(directory + " is not a git repository: " + e.getMessage(), e);
    }
  }

  Path directory() {
    return directory;
  }

  /** The full id of the commit {@code revision} names (usually a SHA, possibly abbreviated). */
  ObjectId resolveCommit(String revision) {
    try {
      ObjectId id = repository.resolve(revision + "^{commit}");
      if (id == null) {
        throw missing(revision);
      }
      return id;
    } catch (MissingObjectException e) {
      throw missing(revision);
    } catch (IOException | RevisionSyntaxException e) {
      throw new RetrievalException("cannot resolve commit " + revision + " in " + directory + ": " + e.getMessage(), e);
    }
  }

  private RetrievalException missing(String revision) {
    return new RetrievalException("commit " + revision + " is not in " + directory + " (fetch it into the clone)");
  }

  /** Receives the candidate files of a commit. */
  interface FileVisitor {
    void visit(String path, ObjectId blob) throws IOException;
  }

  /**
   * Visits every candidate file (regular or executable; symbolic links and submodules are not
   * files) of {@code commit}'s tree, in git's tree order, without descending into excluded
   * directories.
   */
  void forEachCandidate(ObjectId commit, CandidateFiles candidates, FileVisitor visitor) throws IOException {
    try (RevWalk revWalk = new RevWalk(repository);
        TreeWalk treeWalk = new TreeWalk(repository)) {
      treeWalk.addTree(revWalk.parseCommit(commit).getTree());
      treeWalk.setRecursive(false);
      while (treeWalk.next()) {
        if (treeWalk.isSubtree()) {
          if (!CandidateFiles.EXCLUDED_DIRECTORIES.contains(treeWalk.getNameString())) {
            treeWalk.enterSubtree();
          }
          continue;
        }
        FileMode mode = treeWalk.getFileMode(0);
        boolean file = mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
        String path = treeWalk.getPathString();
        if (file && candidates.accepts(path)) {
          visitor.visit(path, treeWalk.getObjectId(0));
        }
      }
    }
  }

  /**
   * A blob's text as the reference reads a file: {@code read_text(encoding='utf-8',
   * errors='ignore')}, so invalid UTF-8 bytes are dropped and line ends become LF.
   */
  String readText(ObjectId blob) throws IOException {
    ObjectLoader loader = repository.open(blob, Constants.OBJ_BLOB);
    if (!loader.isLarge()) {
      // In memory: a stream over a delta-compressed blob is many times slower.
      return PyStrings.universalNewlines(decodeUtf8IgnoringErrors(loader.getCachedBytes()));
    }
    try (InputStream in = loader.openStream()) {
      return PyStrings.universalNewlines(decodeUtf8IgnoringErrors(in.readAllBytes()));
    }
  }

  static String decodeUtf8IgnoringErrors(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.IGNORE)
          .onUnmappableCharacter(CodingErrorAction.IGNORE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a decoder that ignores errors cannot fail", e);
    }
  }

  @Override
  public void close() {
    repository.close();
  }
}
