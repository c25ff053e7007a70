package org.editbench.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of a repository are retrieval candidates: names ending in one of the extensions
 * ({@code .py} by default), outside any directory named {@code .git}, {@code __pycache__}, {@code
 * .venv}, {@code venv} or {@code env}.
 *
 * <p>The reference tests those names as substrings of the file's absolute path, so it also drops
 * {@code sphinx/environment/…}, {@code .github/…}, any {@code *env*.py} and every file of a clone
 * kept under a folder such as {@code ~/envs/}; here only whole directory names inside the
 * repository count.
 */
public record CandidateFiles(List<String> extensions) {
  public static final List<String> DEFAULT_EXTENSIONS = List.of(".py");
  static final Set<String> EXCLUDED_DIRECTORIES =
      Set.of(".git", "__pycache__", ".venv", "venv", "env");
  private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  /** Extensions are given with or without the leading dot ({@code py} or {@code .py}). */
  public CandidateFiles {
    if (extensions.isEmpty()) {
      throw new IllegalArgumentException("at least one file extension is needed");
    }
    List<String> normalized = new ArrayList<>();
    for (String extension : extensions) {
      String dotted = extension.startsWith(".") ? extension : "." + extension;
      if (!EXTENSION.matcher(dotted).matches()) {
        throw new IllegalArgumentException("not a file extension: '" + extension + "'");
      }
      if (!normalized.contains(dotted)) {
        normalized.add(dotted);
      }
    }
    normalized.sort(null);
    extensions = List.copyOf(normalized);
  }

  public static CandidateFiles defaults() {
    return new CandidateFiles(DEFAULT_EXTENSIONS);
  }

  /**
   * Whether the file at {@code path} ('/'-separated, relative to the repository root) is a
   * candidate.
   */
  public boolean accepts(String path) {
    if (extensions.stream().noneMatch(path::endsWith)) {
      return false;
    }
    int start = 0;
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
      if (EXCLUDED_DIRECTORIES.contains(path.substring(start, slash))) {
        return false;
      }
      start = slash + 1;
    }
    return true;
  }

  /** A name for the extension set, safe in a directory name: {@code py}, {@code py+pyi}. */
  String tag() {
    return String.join("+", extensions.stream().map(e -> e.substring(1)).toList());
  }
}
