package org.editbench.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.editbench.bench.BenchInstance;
import org.editbench.core.Reporter;
import org.editbench.core.SafePaths;
import org.editbench.infbench.CodeContextSource;
import org.editbench.infbench.InvalidInstanceException;
import org.editbench.infbench.RunId;

/**
 * The infbench builder's code context: the oracle context for ordinary run_ids, BM25 retrieval for
 * {@code _bm25_{n}} ones. An instance BM25 cannot serve (no base_commit, no clone) keeps the oracle
 * context, as in the reference, and is counted per run_id for the run summary; a retrieval error
 * (the clone lacks the base commit) makes the instance invalid rather than stopping the run.
 * Nothing is opened until a {@code _bm25_} variant needs it.
 */
public final class Bm25CodeContextSource implements CodeContextSource, AutoCloseable {
  private final Bm25ContextProvider provider;
  private final Map<String, LongAdder> oracleFallbacks = new ConcurrentHashMap<>();

  public Bm25CodeContextSource(Bm25Settings settings, Reporter reporter) {
    this.provider = new Bm25ContextProvider(settings, reporter);
  }

  @Override
  public Map<String, String> codeContext(
      BenchInstance instance, RunId runId, List<String> preEdits, Map<String, String> oracleContext)
      throws InvalidInstanceException {
    return context(instance, runId, preEdits, oracleContext, true);
  }

  /**
   * Retrieves as this source does, without counting its fallbacks: a resumed output's records
   * rebuilt for comparison are none of this run's (its summary counted them).
   */
  @Override
  public CodeContextSource forComparing() {
    return (instance, runId, preEdits, oracleContext) ->
        context(instance, runId, preEdits, oracleContext, false);
  }

  private Map<String, String> context(
      BenchInstance instance,
      RunId runId,
      List<String> preEdits,
      Map<String, String> oracleContext,
      boolean counted)
      throws InvalidInstanceException {
    if (!runId.usesBm25()) {
      return oracleContext;
    }
    Bm25Context context;
    try {
      context = provider.context(instance, preEdits, oracleContext, runId.bm25TopN());
    } catch (RetrievalException | UncheckedIOException | SafePaths.UnsafeNameException e) {
      throw new InvalidInstanceException("BM25 retrieval failed: " + e.getMessage());
    }
    if (context.usesOracle()) {
      if (counted) {
        oracleFallbacks.computeIfAbsent(runId.text(), id -> new LongAdder()).increment();
      }
      return oracleContext;
    }
    return context.files();
  }

  /**
   * Prepares retrieval in the background when a run_id retrieves (see {@link
   * Bm25ContextProvider#prepare()}).
   */
  @Override
  public void prepare(Collection<RunId> runIds) {
    if (runIds.stream().anyMatch(RunId::usesBm25)) {
      provider.prepare();
    }
  }

  /** Opens or builds the first instance's index in the background for a run_id that retrieves. */
  @Override
  public void prefetch(RunId runId, BenchInstance first) {
    if (runId.usesBm25()) {
      provider.prefetch(first);
    }
  }

  /** run_id → how many instances kept the oracle context; run_ids without fallbacks are absent. */
  public Map<String, Long> oracleFallbacks() {
    Map<String, Long> counts = new TreeMap<>();
    oracleFallbacks.forEach((runId, count) -> counts.put(runId, count.sum()));
    return counts;
  }

  /** How many indexes were built rather than found in the cache. */
  public int indexesBuilt() {
    return provider.indexesBuilt();
  }

  @Override
  public void close() throws IOException {
    provider.close();
  }
}
