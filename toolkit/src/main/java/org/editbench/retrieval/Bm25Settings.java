package org.editbench.retrieval;

import java.nio.file.Path;
import java.util.List;
import org.editbench.core.DataPaths;
import org.editbench.core.SafePaths;

/**
 * Where BM25 retrieval finds repositories and keeps its indexes.
 *
 * @param reposRoot a folder with one clone per repository, named {@code {owner}__{name}}; ignored
 *     when {@code repoDir} is set
 * @param repoDir the one clone every instance uses (a single-repository bench), or null
 * @param cacheDirectory where the indexes live
 * @param candidates which files are retrieval candidates
 */
public record Bm25Settings(
    Path reposRoot, Path repoDir, Path cacheDirectory, CandidateFiles candidates) {
  /** The folder of clones under the data root when none is given. */
  private static final String DEFAULT_REPOS_FOLDER = "repos";

  /**
   * {@link #defaults(DataPaths)} of the data folder {@code $EDITBENCH_HOME}, else the working
   * directory.
   */
  public static Bm25Settings defaults() {
    return defaults(DataPaths.fromEnvironment());
  }

  /**
   * {@code repos/} under the data folder {@code paths}, the user's cache directory, {@code .py}
   * files.
   */
  public static Bm25Settings defaults(DataPaths paths) {
    return new Bm25Settings(
        paths.root().resolve(DEFAULT_REPOS_FOLDER),
        null,
        Bm25IndexStore.defaultCacheDirectory(),
        CandidateFiles.defaults());
  }

  public Bm25Settings withReposRoot(Path directory) {
    return new Bm25Settings(directory, repoDir, cacheDirectory, candidates);
  }

  public Bm25Settings withRepoDir(Path directory) {
    return new Bm25Settings(reposRoot, directory, cacheDirectory, candidates);
  }

  public Bm25Settings withCacheDirectory(Path directory) {
    return new Bm25Settings(reposRoot, repoDir, directory, candidates);
  }

  public Bm25Settings withExtensions(List<String> extensions) {
    return new Bm25Settings(reposRoot, repoDir, cacheDirectory, new CandidateFiles(extensions));
  }

  /**
   * Where the clone of {@code repository} ({@code owner/name}) is expected; it may not exist.
   *
   * @throws SafePaths.UnsafeNameException the repository's folder name would not be one folder in
   *     the repos root ({@code ../x}, {@code a/b/c})
   */
  public Path clonePath(String repository) {
    return repoDir != null
        ? repoDir
        : SafePaths.child(reposRoot, repository.replace("/", "__"), "repository");
  }
}
