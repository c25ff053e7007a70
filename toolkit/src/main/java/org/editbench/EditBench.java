package org.editbench;

import java.nio.file.Path;
import java.util.List;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;

/**
 * The one entry point notebooks call and the CLI wraps: every pipeline stage as a method that
 * takes values and returns values. The CLI adds argument parsing and printing, nothing else.
 *
 * <p>Stages, in the order data flows: bench → infbench → retrieval → inference → results.
 */
public final class EditBench {
  private EditBench() {}

  // ---- bench ------------------------------------------------------------------------------

  /** The instances of a bench or infbench JSONL file, in the reference's processing order. */
  public static List<BenchInstance> loadBench(String path) {
    return loadBench(Path.of(path), Reporter.SILENT);
  }

  /** Like {@link #loadBench(String)}, with warnings (duplicate ids) sent to {@code reporter}. */
  public static List<BenchInstance> loadBench(Path path, Reporter reporter) {
    return BenchReader.read(path, reporter);
  }

  // ---- infbench ---------------------------------------------------------------------------

  // ---- retrieval --------------------------------------------------------------------------

  // ---- inference --------------------------------------------------------------------------

  // ---- results ----------------------------------------------------------------------------
}
