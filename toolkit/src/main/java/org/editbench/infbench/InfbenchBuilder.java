package org.editbench.infbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.editbench.bench.BenchInstance;
import org.editbench.bench.BenchReader;
import org.editbench.core.DataFormatException;
import org.editbench.core.DatasetFile;
import org.editbench.core.JsonText;
import org.editbench.core.JsonlAppender;
import org.editbench.core.Reporter;
import org.editbench.core.SafePaths;

/**
 * Builds infbench files — one per variant — from a bench in one pass: the bench and each instance's
 * histories are read once, every variant's record is derived from them, and each variant's file is
 * resumed where an earlier run stopped.
 *
 * <p>Instances are derived on {@link InfbenchRequest#threads()} worker threads and written by the
 * calling thread in the reference's order, so the output does not depend on the thread count. An
 * instance whose history does not apply, whose ground truth does not reproduce the final files, or
 * whose histories are missing is reported with its reason and skipped; the run goes on (unless
 * {@link InfbenchRequest#strict()}).
 */
public final class InfbenchBuilder {
  private static final int IN_FLIGHT_PER_THREAD = 4;
  private static final ThreadLocal<JsonText> LINE_BUFFER =
      ThreadLocal.withInitial(() -> new JsonText(1 << 16));

  private InfbenchBuilder() {}

  /** Thrown in strict mode at the first invalid instance. */
  public static final class StrictModeException extends RuntimeException {
    public StrictModeException(String message) {
      super(message);
    }
  }

  /** What one instance yields for one variant: a line, a reason it is invalid, or nothing to do. */
  record Outcome(byte[] line, String problem, long nanos) {
    static final Outcome PRESENT = new Outcome(null, null, 0);
  }

  /**
   * Refuses a histories folder that is missing, and warns of one that holds the histories of none
   * of the bench's instances: every instance would be invalid, which most likely says a wrong path
   * rather than a bench's fault — but a bench of instances whose histories are all missing is one a
   * run reports instance by instance, so it goes on.
   */
  private static void checkHistoriesOf(
      Path historiesDir, List<BenchInstance> bench, Path file, Reporter reporter) {
    String expected = " (the bench's histories, {folder}/{instance_id}/…; --histories-dir)";
    if (!Files.isDirectory(historiesDir)) {
      throw new IllegalArgumentException("no patch histories folder " + historiesDir + expected);
    }
    boolean anyFound =
        bench.stream()
            .anyMatch(
                instance -> {
                  try {
                    return Files.isDirectory(
                        SafePaths.child(historiesDir, instance.instanceId(), "instance_id"));
                  } catch (SafePaths.UnsafeNameException e) {
                    return false;
                  }
                });
    if (!anyFound) {
      reporter.warn(
          historiesDir
              + " holds the patch histories of none of the "
              + bench.size()
              + " instances of "
              + file
              + ", e.g. no folder "
              + historiesDir.resolve(bench.get(0).instanceId())
              + ": every instance will be invalid; is it the bench's patch_histories folder?"
              + expected);
    }
  }

  /**
   * Warns of an output named for another run_id than the one it gets ({@code --save-path
   * all-task-instances_0.2.jsonl} with PR and issue text, which build 0.2_body_issue): run-api and
   * summarize take a file's run_id from its name, and would report its records as the other's.
   */
  private static void warnOfAnotherRunIdsName(InfbenchRequest.Target target, Reporter reporter) {
    Optional<String> named = DatasetFile.parse(target.output()).map(DatasetFile::runId);
    if (named.isEmpty() || named.get() == null) {
      return;
    }
    RunId byName;
    try {
      byName = RunId.parse(named.get());
    } catch (IllegalArgumentException notARunId) {
      return; // a name that only looks like a dataset file's
    }
    if (!byName.equals(target.runId())) {
      reporter.warn(
          target.output()
              + " is named for run_id "
              + byName.text()
              + ", but the options build run_id "
              + target.runId().text()
              + ": run-api and summarize would take its records as "
              + byName.text()
              + "'s; name it …_"
              + target.runId().text()
              + ".jsonl, or give the options of "
              + byName.text()
              + " (--no-pr-mes --no-issue-mes leave the PR and issue text out)");
    }
  }

  public static InfbenchReport build(InfbenchRequest request, Reporter reporter) {
    request
        .contextSource()
        .prepare(request.targets().stream().map(InfbenchRequest.Target::runId).toList());
    List<BenchInstance> bench = BenchReader.readForSplitting(request.bench(), reporter);
    if (bench.isEmpty()) {
      // Most likely the wrong file, or one a failed crawl left empty: an empty output would only
      // hide that.
      throw new DataFormatException(
          request.bench(),
          "holds no instances (the file is empty or only blank lines); a bench has one JSON"
              + " instance a line, as crawled_data/bench/*-task-instances.jsonl: is it the right"
              + " file?");
    }
    checkHistoriesOf(request.historiesDir(), bench, request.bench(), reporter);
    List<InfbenchRequest.Target> targets = request.targets();
    targets.forEach(target -> warnOfAnotherRunIdsName(target, reporter));
    int[][] counts = new int[targets.size()][3]; // already present, written, invalid
    long[] nanos = new long[targets.size()];
    List<InfbenchReport.Invalid> invalid = new ArrayList<>();
    List<JsonlAppender> outputs = new ArrayList<>();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            request.threads(),
            runnable -> {
              Thread t = new Thread(runnable, "infbench-worker");
              t.setDaemon(true);
              return t;
            });
    try {
      for (InfbenchRequest.Target target : targets) {
        outputs.add(JsonlAppender.open(target.output(), request.override(), reporter));
      }
      prefetchFirstPending(request, bench, outputs);
      ResumeCheck.requireRecordsMadeAlike(request, bench, outputs, reporter);
      // A bounded window of instances in flight keeps memory flat whatever the bench size. It is
      // wide because instances differ in size many times over: a worker that has finished the
      // window behind a large instance waits until the large one is written.
      Deque<Future<List<Outcome>>> inFlight = new ArrayDeque<>();
      int next = 0;
      int done = 0;
      while (done < bench.size()) {
        while (next < bench.size() && inFlight.size() < IN_FLIGHT_PER_THREAD * request.threads()) {
          BenchInstance instance = bench.get(next++);
          inFlight.add(
              workers.submit(
                  () ->
                      derive(
                          request, instance, t -> outputs.get(t).contains(instance.instanceId()))));
        }
        BenchInstance instance = bench.get(done);
        List<Outcome> outcomes = await(inFlight.poll());
        if (outcomes.stream().allMatch(o -> o == Outcome.PRESENT)) {
          reporter.foundDone(1);
        }
        for (int t = 0; t < targets.size(); t++) {
          Outcome o = outcomes.get(t);
          nanos[t] += o.nanos();
          if (o == Outcome.PRESENT) {
            counts[t][0]++;
          } else if (o.line() != null) {
            outputs.get(t).append(o.line());
            counts[t][1]++;
          } else {
            counts[t][2]++;
            String runId = targets.get(t).runId().text();
            invalid.add(new InfbenchReport.Invalid(runId, instance.instanceId(), o.problem()));
            String message = instance.instanceId() + " [" + runId + "]: " + o.problem();
            if (request.strict()) {
              throw new StrictModeException("invalid instance (strict mode): " + message);
            }
            reporter.warn("skipped invalid instance " + message);
          }
        }
        reporter.progress("prompt-builder", ++done, bench.size());
      }
    } catch (RuntimeException | Error e) {
      workers.shutdownNow();
      closeAll(outputs, e);
      throw e;
    }
    workers.shutdownNow();
    closeAll(outputs, null);
    List<InfbenchReport.VariantCounts> variants = new ArrayList<>();
    for (int t = 0; t < targets.size(); t++) {
      variants.add(
          new InfbenchReport.VariantCounts(
              targets.get(t).runId().text(),
              targets.get(t).output(),
              bench.size(),
              counts[t][0],
              counts[t][1],
              counts[t][2],
              nanos[t]));
    }
    return new InfbenchReport(variants, invalid);
  }

  /** Tells the context source, for each target, the first instance its output still lacks. */
  private static void prefetchFirstPending(
      InfbenchRequest request, List<BenchInstance> bench, List<JsonlAppender> outputs) {
    for (int t = 0; t < outputs.size(); t++) {
      JsonlAppender output = outputs.get(t);
      RunId runId = request.targets().get(t).runId();
      bench.stream()
          .filter(instance -> !output.contains(instance.instanceId()))
          .findFirst()
          .ifPresent(first -> request.contextSource().prefetch(runId, first));
    }
  }

  /**
   * Closes every output, so that every lock is released even when one close fails. A failure is
   * added to {@code failing}, the error the build already ends with, else the first is thrown. An
   * interrupted thread's interrupt waits until the outputs are closed: a file forced while it is
   * set is closed by interruption instead, and its close would hide why the build ended.
   */
  private static void closeAll(List<JsonlAppender> outputs, Throwable failing) {
    boolean interrupted = Thread.interrupted();
    RuntimeException first = null;
    try {
      for (JsonlAppender output : outputs) {
        try {
          output.close();
        } catch (RuntimeException e) {
          if (failing != null) {
            failing.addSuppressed(e);
          } else if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Every variant's outcome for one instance, {@link Outcome#PRESENT} for the targets {@code
   * skipped}; runs on a worker thread.
   */
  static List<Outcome> derive(
      InfbenchRequest request, BenchInstance instance, IntPredicate skipped) {
    int targets = request.targets().size();
    List<Outcome> outcomes = new ArrayList<>(targets);
    InstanceSplitter splitter = null;
    String missingHistory = null;
    JsonText line = LINE_BUFFER.get();
    for (int t = 0; t < targets; t++) {
      if (skipped.test(t)) {
        outcomes.add(Outcome.PRESENT);
        continue;
      }
      long start = System.nanoTime();
      String problem = missingHistory;
      byte[] bytes = null;
      try {
        if (splitter == null && problem == null) {
          splitter =
              new InstanceSplitter(instance, PatchHistories.load(request.historiesDir(), instance));
        }
        if (problem == null) {
          splitter.writeJsonLine(
              request.targets().get(t).runId(), request.contextSource(), line.clear());
          bytes = line.toBytes();
        }
      } catch (PatchHistories.MissingHistoryException e) {
        problem = missingHistory = e.getMessage();
      } catch (InvalidInstanceException e) {
        problem = e.getMessage();
      }
      outcomes.add(new Outcome(bytes, problem, System.nanoTime() - start));
    }
    return outcomes;
  }

  private static List<Outcome> await(Future<List<Outcome>> future) {
    try {
      // An interrupt is honoured before each instance's lines, also when its outcome is ready (a
      // finished future's get() does not look): a write on an interrupted thread closes the file.
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(
          "interrupted while building infbench: every record written is whole; run again to"
              + " resume");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
