package org.editbench.infbench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.editbench.bench.BenchInstance;

/**
 * Chooses the files shown in a prompt's {@code <code>} block. The oracle source shows the files the
 * pull request edits, as they stand after the history; retrieval replaces it for {@code _bm25_{n}}
 * run_ids.
 */
@FunctionalInterface
public interface CodeContextSource {
  /**
   * The code context, path → content in prompt order.
   *
   * @param oracleContext the edited files after the history steps, in {@code files_work} order
   * @throws InvalidInstanceException when no faithful context can be made for this instance
   */
  Map<String, String> codeContext(
      BenchInstance instance, RunId runId, List<String> preEdits, Map<String, String> oracleContext)
      throws InvalidInstanceException;

  /**
   * Called once before a build asks for the contexts of {@code runIds}: a source may start slow
   * preparations then, in the background. Does nothing unless a source needs it.
   */
  default void prepare(Collection<RunId> runIds) {}

  /**
   * Called once the outputs are open, for each of the build's run_ids that has instances left to
   * derive, with the first of them: a source may prepare that instance's context in the background
   * while the build splits the first instances. Does nothing unless a source needs it.
   */
  default void prefetch(RunId runId, BenchInstance first) {}

  /**
   * This source for records rebuilt only to be compared with the ones an output kept (when it is
   * resumed): what a source counts for the run's summary is not counted for them. This source
   * itself unless it counts.
   */
  default CodeContextSource forComparing() {
    return this;
  }

  /** The edited files themselves. */
  CodeContextSource ORACLE = (instance, runId, preEdits, oracleContext) -> oracleContext;
}
