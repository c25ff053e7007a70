package org.editbench.infbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.editbench.Reporter;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.bench.JsonText;
import org.editbench.bench.JsonlAppender;

/**
 * Builds infbench files — one per variant — from a bench in one pass: the bench and each
 * instance's histories are read once, every variant's record is derived from them, and each
 * variant's file is resumed where an earlier run stopped.
 *
 * <p>An instance whose history does not apply, whose ground truth does not reproduce the final
 * files, or whose histories are missing is reported with its reason and skipped; the run goes on
 * (unless {@link InfbenchRequest#strict()}).
 */
public final class InfbenchBuilder {
  private InfbenchBuilder() {}

  /** Thrown in strict mode at the first invalid instance. */
  public static final class StrictModeException extends RuntimeException {
    public StrictModeException(String message) {
      super(message);
    }
  }

  public static InfbenchReport build(InfbenchRequest request, Reporter reporter) {
    List<BenchInstance> bench = BenchReader.read(request.bench(), reporter);
    Map<RunId, Counter> counters = new LinkedHashMap<>();
    List<InfbenchReport.Invalid> invalid = new ArrayList<>();
    List<JsonlAppender> outputs = new ArrayList<>();
    try {
      for (InfbenchRequest.Target target : request.targets()) {
        outputs.add(JsonlAppender.open(target.output(), request.override(), reporter));
        counters.put(target.runId(), new Counter());
      }
      int done = 0;
      for (BenchInstance instance : bench) {
        buildInstance(request, instance, outputs, counters, invalid, reporter);
        reporter.progress("prompt-builder", ++done, bench.size());
      }
    } finally {
      outputs.forEach(JsonlAppender::close);
    }
    List<InfbenchReport.VariantCounts> variants = new ArrayList<>();
    for (InfbenchRequest.Target target : request.targets()) {
      Counter c = counters.get(target.runId());
      variants.add(new InfbenchReport.VariantCounts(target.runId().text(), target.output(),
          bench.size(), c.alreadyPresent, c.written, c.invalid, c.nanos));
    }
    return new InfbenchReport(variants, invalid);
  }

  private static void buildInstance(InfbenchRequest request, BenchInstance instance,
      List<JsonlAppender> outputs, Map<RunId, Counter> counters,
      List<InfbenchReport.Invalid> invalid, Reporter reporter) {
    HistoryOnce history = new HistoryOnce(request.historiesDir(), instance);
    JsonText line = new JsonText(1 << 16);
    for (int t = 0; t < request.targets().size(); t++) {
      RunId runId = request.targets().get(t).runId();
      Counter counter = counters.get(runId);
      JsonlAppender out = outputs.get(t);
      if (out.contains(instance.instanceId())) {
        counter.alreadyPresent++;
        continue;
      }
      String problem = null;
      long start = System.nanoTime();
      try {
        history.splitter().writeJsonLine(runId, request.contextSource(), line.clear());
        out.append(line);
        counter.written++;
      } catch (PatchHistories.MissingHistoryException | InvalidInstanceException e) {
        problem = e.getMessage();
      } finally {
        counter.nanos += System.nanoTime() - start;
      }
      if (problem != null) {
        counter.invalid++;
        invalid.add(new InfbenchReport.Invalid(runId.text(), instance.instanceId(), problem));
        String message = instance.instanceId() + " [" + runId.text() + "]: " + problem;
        if (request.strict()) {
          throw new StrictModeException("invalid instance (strict mode): " + message);
        }
        reporter.warn("skipped invalid instance " + message);
      }
    }
  }

  /** An instance's histories, read on first need (not at all when every variant is present). */
  private static final class HistoryOnce {
    private final Path historiesDir;
    private final BenchInstance instance;
    private InstanceSplitter splitter;
    private PatchHistories.MissingHistoryException missing;

    HistoryOnce(Path historiesDir, BenchInstance instance) {
      this.historiesDir = historiesDir;
      this.instance = instance;
    }

    InstanceSplitter splitter() throws PatchHistories.MissingHistoryException {
      if (splitter == null && missing == null) {
        try {
          splitter = new InstanceSplitter(instance, PatchHistories.load(historiesDir, instance));
        } catch (PatchHistories.MissingHistoryException e) {
          missing = e;
        }
      }
      if (missing != null) {
        throw missing;
      }
      return splitter;
    }
  }

  private static final class Counter {
    int alreadyPresent;
    int written;
    int invalid;
    long nanos;
  }
}
