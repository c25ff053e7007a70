package org.editbench.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.editbench.bench.BenchInstance;
import org.editbench.core.AtomicFiles;
import org.editbench.core.Reporter;

/**
 * BM25 code context for the infbench builder: what replaces the oracle context in the {@code
 * _bm25_{n}} variants. Opens each clone once and each index once (building it when the cache lacks
 * it) and keeps them open until {@link #close()}. Safe for the builder's worker threads.
 *
 * <p>Like the reference: an instance without a base commit, or whose repository has no clone, gets
 * a warning and falls back to the oracle context. Unlike it, the clone is only read (the reference
 * runs {@code git reset --hard} and {@code git apply} in it), and a base commit missing from the
 * clone is an error, not a silent fallback — unless its index, built from a clone that had it, is
 * cached: then retrieval needs nothing from the clone.
 */
public final class Bm25ContextProvider implements AutoCloseable {
  private final Bm25Settings settings;
  private final Reporter reporter;
  private final Bm25IndexStore store;
  private final Map<Path, GitClone> clones = new ConcurrentHashMap<>();

  /** Instances already warned about: several variants of one instance fall back alike. */
  private final Set<String> warnedInstances = ConcurrentHashMap.newKeySet();

  /** The repository@commit indexes {@link #prefetch} has started opening. */
  private final Set<String> prefetched = ConcurrentHashMap.newKeySet();

  /** The threads {@link #prefetch} started: {@link #close} waits for them. */
  private final List<Thread> prefetching = new CopyOnWriteArrayList<>();

  /** Set by {@link #close}: no clone is opened after it (a prefetch that ends late opens none). */
  private volatile boolean closed;

  public Bm25ContextProvider(Bm25Settings settings, Reporter reporter) {
    this.settings = settings;
    this.reporter = reporter;
    this.store = new Bm25IndexStore(settings.cacheDirectory(), reporter);
  }

  /**
   * The code context of {@code instance} for a prompt whose history is {@code history}.
   *
   * @param history the history steps shown in the prompt (the variant's {@code pre_edits}): they
   *     make the query, and the files they edit lead the context
   * @param filesAfterHistory the content, with the history applied, of every file the history edits
   *     and leaves in place; a file the history deletes is absent and, as in the reference, left
   *     out
   * @param topn how many other files to retrieve
   * @throws RetrievalException when the clone is not a repository or lacks the base commit
   */
  public Bm25Context context(
      BenchInstance instance,
      List<String> history,
      Map<String, String> filesAfterHistory,
      int topn) {
    Optional<String> unavailable = unavailableReason(instance);
    if (unavailable.isPresent()) {
      return fallback(instance, unavailable.get());
    }
    Map<String, String> files = new LinkedHashMap<>();
    List<String> edited = HistoryPaths.editedFiles(history);
    for (String path : edited) {
      String content = filesAfterHistory.get(path);
      if (content != null) {
        files.put(path, content);
      }
    }
    GitClone clone = clone(instance);
    Bm25Index index = index(clone, instance);
    BlobTexts blobs = blobs(clone, instance);
    List<ScoredPath> retrieved = rank(index, blobs, history, edited, topn);
    try {
      List<String> texts =
          blobs.texts(retrieved.stream().map(file -> index.blob(file.path())).toList());
      for (int i = 0; i < retrieved.size(); i++) {
        files.put(retrieved.get(i).path(), texts.get(i));
      }
    } catch (IOException e) {
      throw new RetrievalException(
          "cannot read retrieved files from " + clone.directory() + ": " + AtomicFiles.describe(e),
          e);
    }
    if (files.isEmpty()) {
      return fallback(instance, "BM25 retrieval found no files");
    }
    return Bm25Context.retrieved(files, retrieved);
  }

  /**
   * The {@code topn} best candidate files of {@code instance}'s repository at its base commit for
   * the query {@code history}, best first, the files the history edits left out.
   *
   * @throws RetrievalException when retrieval is not possible (no base commit, no clone, …)
   */
  public List<ScoredPath> ranking(BenchInstance instance, List<String> history, int topn) {
    Optional<String> unavailable = unavailableReason(instance);
    if (unavailable.isPresent()) {
      throw new RetrievalException(instance.instanceId() + ": " + unavailable.get());
    }
    GitClone clone = clone(instance);
    return rank(
        index(clone, instance),
        blobs(clone, instance),
        history,
        HistoryPaths.editedFiles(history),
        topn);
  }

  /** How many indexes were built rather than found in the cache. */
  public int indexesBuilt() {
    return store.indexesBuilt();
  }

  private Optional<String> unavailableReason(BenchInstance instance) {
    if (instance.baseCommit() == null || instance.baseCommit().isBlank()) {
      return Optional.of("no base_commit");
    }
    Path clone = settings.clonePath(instance.repoOrDerived());
    if (!Files.isDirectory(clone)) {
      return Optional.of("no clone of " + instance.repoOrDerived() + " at " + clone);
    }
    return Optional.empty();
  }

  private Bm25Context fallback(BenchInstance instance, String reason) {
    if (warnedInstances.add(instance.instanceId())) {
      reporter.warn(
          instance.instanceId()
              + ": "
              + reason
              + ", cannot use BM25 retrieval; using the oracle context");
    }
    return Bm25Context.fallback(reason);
  }

  private GitClone clone(BenchInstance instance) {
    if (closed) {
      throw new IllegalStateException("the BM25 context provider is closed");
    }
    Path directory = settings.clonePath(instance.repoOrDerived()).toAbsolutePath().normalize();
    return clones.computeIfAbsent(directory, GitClone::open);
  }

  /**
   * The index of the instance's base commit. A full commit name whose index is cached needs no git:
   * the index was built from that commit, and the blobs retrieval reads are kept beside it ({@link
   * BlobTexts}), so a run over instances seen before starts no git process. Otherwise git starts at
   * once, on the other core, to resolve the commit and to build its index.
   */
  private Bm25Index index(GitClone clone, BenchInstance instance) {
    String base = instance.baseCommit();
    String repository = instance.repoOrDerived();
    if (GitClone.isObjectName(base) && store.isCached(repository, base, settings.candidates())) {
      return store.open(clone, repository, base, settings.candidates());
    }
    clone.startReading();
    return store.open(clone, repository, clone.resolveCommit(base), settings.candidates());
  }

  private BlobTexts blobs(GitClone clone, BenchInstance instance) {
    return new BlobTexts(clone, store.blobDirectory(instance.repoOrDerived()));
  }

  /**
   * Looks Lucene's codecs up and initialises its reading classes on a thread of their own, so that
   * the first index opens sooner while the caller reads its bench and histories (in a new JVM,
   * about the time of five retrievals).
   */
  public void prepare() {
    Thread preparing = new Thread(Bm25Index::initializeLucene, "bm25-prepare");
    preparing.setDaemon(true);
    preparing.start();
  }

  /**
   * Opens the index of {@code instance}'s base commit — or builds it when the cache lacks it — on a
   * thread of its own, once per repository and commit, while the caller splits its first instances:
   * in a new JVM, opening an index costs about as much as splitting two instances, and a build
   * leaves a core idle at its start and at its end. An instance that cannot use retrieval is left
   * alone; a failure is left for the instance to report when it asks.
   */
  public void prefetch(BenchInstance instance) {
    if (unavailableReason(instance).isPresent()
        || !prefetched.add(instance.repoOrDerived() + "@" + instance.baseCommit())) {
      return;
    }
    Thread opening =
        new Thread(
            () -> {
              try {
                index(clone(instance), instance);
              } catch (RuntimeException e) {
                // the instance asks again, and reports it
              }
            },
            "bm25-prefetch");
    opening.setDaemon(true);
    prefetching.add(opening);
    opening.start();
  }

  private static List<ScoredPath> rank(
      Bm25Index index, BlobTexts blobs, List<String> history, List<String> edited, int topn) {
    try {
      return index.rank(HistoryPaths.query(history), edited, blobs::text, topn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Closes the clones (their {@code git cat-file} processes) and the indexes, once the prefetches
   * have ended: one that ended later would open a clone that nothing closes.
   */
  @Override
  public void close() throws IOException {
    closed = true;
    boolean interrupted = false;
    for (Thread thread : prefetching) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // closing goes on: the clones must not be left open
      }
    }
    clones.values().forEach(GitClone::close);
    clones.clear();
    store.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
