package org.editbench.retrieval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.InstanceJson;

/**
 * A repository built with git for retrieval tests: three commits, the instances' base commit in the
 * middle, and a working tree that is dirty, has staged and untracked files, and sits on another
 * commit.
 */
final class CacheLibFixture {
  static final String REPO = "acme/cachelib";

  /** The candidate files at the base commit (what the reference would index). */
  static final Map<String, String> BASE_CANDIDATES =
      new TreeMap<>(
          Map.of(
              "cachelib/__init__.py", "",
              "cachelib/memcached.py",
                  """
          import pickle
          import memcache

          class MemcachedCache:
              def __init__(self, server, params):
                  self._client = memcache.Client(server)

              def get(self, key, default=None):
                  value = self._client.get(key)
                  return default if value is None else pickle.loads(value)
          """,
              "cachelib/backends/base.py",
                  """
          class BaseCache:
              def get(self, key, default=None):
                  raise NotImplementedError('subclasses of BaseCache must provide a get() method')

              def close(self, **kwargs):
                  pass
          """,
              "cachelib/utils.py",
                  """
          def make_key(key, key_prefix, version):
              return '%s:%s:%s' % (key_prefix, version, key)
          """,
              "cachelib/deprecation.py",
                  """
          import warnings

          class RemovedInNextVersionWarning(DeprecationWarning):
              pass

          def warn_deprecated(message):
              warnings.warn(message, RemovedInNextVersionWarning, stacklevel=2)
          """,
              "envs/tools/kept.py",
                  "def kept(): return 'a folder named envs is no excluded directory'\n",
              "docs/conf.py", "project = 'cachelib'\nextensions = []\n"));

  /** The file every instance's history edits, at the base commit. */
  static final String EDITED = "cachelib/pymemcache.py";

  static final String EDITED_AT_BASE =
      """
      import pymemcache

      class PyMemcacheCache:
          def __init__(self, server, params):
              self._client = pymemcache.HashClient(server)
      """;

  static final String HISTORY_STEP =
      """
      diff --git a/cachelib/pymemcache.py b/cachelib/pymemcache.py
      --- a/cachelib/pymemcache.py
      +++ b/cachelib/pymemcache.py
      @@ -1,5 +1,12 @@
       import pymemcache
      +import warnings
      +
      +from cachelib.deprecation import RemovedInNextVersionWarning
      \s
       class PyMemcacheCache:
           def __init__(self, server, params):
      +        warnings.warn('MemcachedCache is deprecated in favor of PyMemcacheCache',
      +                      RemovedInNextVersionWarning, stacklevel=2)
               self._client = pymemcache.HashClient(server)
      """;

  final Path reposRoot;
  final Path clone;
  final String baseCommit;

  private CacheLibFixture(Path reposRoot, Path clone, String baseCommit) {
    this.reposRoot = reposRoot;
    this.clone = clone;
    this.baseCommit = baseCommit;
  }

  /** Builds the repository under {@code root}/repos and leaves its working tree dirty. */
  static CacheLibFixture create(Path root) throws Exception {
    Path reposRoot = root.resolve("repos");
    Path clone = reposRoot.resolve("acme__cachelib");
    TestRepository repository = TestRepository.init(clone);
    Map<String, String> first = new LinkedHashMap<>();
    BASE_CANDIDATES.forEach((path, content) -> first.put(path, "# an older version\n"));
    first.put(EDITED, "# an older version\n");
    repository.commit("first", first);

    Map<String, String> base = new LinkedHashMap<>(BASE_CANDIDATES);
    base.put(EDITED, EDITED_AT_BASE);
    base.put("cachelib/stubs.pyi", "def get(key: str) -> object: ...\n");
    base.put("README.md", "memcached warnings deprecated\n");
    for (String excluded : List.of("env", "venv", ".venv", "cachelib/__pycache__")) {
      base.put(
          excluded + "/shadow.py", "warnings memcached deprecated RemovedInNextVersionWarning\n");
    }
    String baseCommit = repository.commit("base", base);

    Map<String, String> later = new LinkedHashMap<>();
    later.put(
        "cachelib/only_at_head.py",
        "warnings.warn RemovedInNextVersionWarning pymemcache deprecated\n");
    later.put(
        "cachelib/utils.py",
        "import warnings\nwarnings.warn('deprecated', RemovedInNextVersionWarning)\n");
    repository.commit("after the base", later);
    // A user's clone as it may be: edited, with a new file, and some of it staged.
    Files.writeString(
        clone.resolve("cachelib/memcached.py"), "# local edit\n", StandardOpenOption.APPEND);
    Files.writeString(clone.resolve("untracked.py"), "print('work in progress')\n");
    repository.git("add", "untracked.py");
    Files.writeString(clone.resolve("untracked.py"), "print('more work')\n");
    Files.writeString(clone.resolve("scratch.py"), "x = 1\n");
    return new CacheLibFixture(reposRoot, clone, baseCommit);
  }

  static BenchInstance instance(String id, String repo, String baseCommit) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("instance_id", id).put("repo", repo).put("base_commit", baseCommit);
    return InstanceJson.fromJson(node);
  }

  BenchInstance atBase(String id) {
    return instance(id, REPO, baseCommit);
  }

  Bm25Settings settings(Path cache) {
    return Bm25Settings.defaults().withReposRoot(reposRoot).withCacheDirectory(cache);
  }
}
