package org.editbench.inference;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.editbench.core.Reporter;

/**
 * Asks one combination's planned instances with {@code max_workers} requests in flight: each answer
 * is appended by its worker as it arrives, and counted, reported and watched on the calling thread
 * for failures that show the run cannot succeed.
 */
final class ConcurrentRequests {
  /** Failures named one by one before the rest are only counted. */
  private static final int FAILURES_LISTED = 10;

  private ConcurrentRequests() {}

  /** Running counts of one combination; touched only by the collecting thread. */
  static final class Tally {
    int succeeded;
    int cutOff;
    int failed;
    int setupFailures;
    int unreachable;
    double cost;
  }

  /**
   * Failures of one kind that stop a combination in which nothing has succeeded yet: set-up
   * failures (401, 403, 404) once every key has had one, or requests that could not connect at all.
   * A wrong key, base URL or model name, or a server that is not running, would otherwise be sent
   * the whole dataset, and every answer would be the same refusal — or, for an unreachable server,
   * every request would wait through its retries.
   */
  private static final int FAILURES_TO_STOP = 3;

  /** Why {@link #execute} stopped a combination early. */
  enum StopReason {
    /** Every key refused (401, 403, 404): the key, the base URL or the model name is wrong. */
    REFUSED("refused"),
    /** No connection to the server could be made, even after retries. */
    UNREACHABLE("could not connect to the server");

    private final String said;

    StopReason(String said) {
      this.said = said;
    }
  }

  /** Thrown by {@link #execute} when {@link #FAILURES_TO_STOP} failures of one kind are reached. */
  static final class Stopped extends RuntimeException {
    final StopReason reason;

    Stopped(StopReason reason, String lastError, int count) {
      super(
          count + " requests " + reason.said + " (the last: " + lastError + ")",
          null,
          false,
          false);
      this.reason = reason;
    }
  }

  static Tally execute(
      Combination combination,
      List<Prefilter.Planned> toRun,
      InstanceRunner runner,
      List<String> keys,
      ResultFile out,
      int maxWorkers,
      RetryNotices retries,
      Reporter reporter,
      RunObserver observer) {
    Tally tally = new Tally();
    if (toRun.isEmpty()) {
      return tally;
    }
    long start =
        System.nanoTime(); // rates count from the first request, not from reading and filtering
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(maxWorkers, toRun.size()), workerThreads());
    Set<String> keysRefused = ConcurrentHashMap.newKeySet();
    int keysUsed = Math.max(1, Math.min(keys.size(), toRun.size()));
    try {
      ExecutorCompletionService<ResultRecord> finished = new ExecutorCompletionService<>(pool);
      for (int i = 0; i < toRun.size(); i++) {
        Prefilter.Planned planned = toRun.get(i);
        String key =
            keys.isEmpty() ? null : keys.get(i % keys.size()); // request i uses key i mod k
        List<String> history = planned.instance().preEdits();
        InferenceRequest request =
            new InferenceRequest(
                planned.instance().instanceId(),
                planned.fit().prompt(),
                planned.instance().groundTruth(),
                history.isEmpty() ? null : history.get(history.size() - 1),
                key);
        finished.submit(
            () -> {
              ResultRecord record = runner.run(request);
              if (record.setupFailure() && keysRefused.add(String.valueOf(key)) && key != null) {
                // Said once per key: a revoked key among good ones fails every k-th request.
                reporter.warn(
                    "the key "
                        + KeyMask.mask(key)
                        + " was refused ("
                        + record.error()
                        + "): every request sent with it fails; take it out of the keys"
                        + " variable and run again to ask them with the others");
              }
              out.append(
                  record); // written by the worker at once: nothing paid for waits in a queue
              return record;
            });
      }
      for (int done = 1; done <= toRun.size(); done++) {
        ResultRecord record = take(finished);
        Stopped stop = null;
        if (record.succeeded()) {
          tally.succeeded++;
          if (record.completion().cutOff()) {
            tally.cutOff++;
          }
          tally.cost += record.completion().usage().usd();
        } else {
          tally.failed++;
          if (record.setupFailure()
              && ++tally.setupFailures >= FAILURES_TO_STOP
              && tally.succeeded == 0
              && keysRefused.size() >= keysUsed) {
            stop = new Stopped(StopReason.REFUSED, record.error(), tally.setupFailures);
          } else if (record.unreachable()
              && ++tally.unreachable >= FAILURES_TO_STOP
              && tally.succeeded == 0) {
            stop = new Stopped(StopReason.UNREACHABLE, record.error(), tally.unreachable);
          } else if (tally.failed <= FAILURES_LISTED) {
            reporter.warn(record.instanceId() + " failed: " + record.error());
          } else if (tally.failed == FAILURES_LISTED + 1) {
            reporter.warn(
                "further failures are not listed; see \"status\"/\"error\" in " + out.path());
          }
        }
        observer.progress(
            combination,
            new Progress(
                done,
                0, // the requests kept by an earlier run are not among toRun
                toRun.size(),
                tally.succeeded,
                tally.failed,
                tally.cost,
                retries.count(),
                Duration.ofNanos(System.nanoTime() - start)));
        reporter.progress(
            combination.label(), done, toRun.size()); // for generic Reporter consumers
        if (stop != null) {
          throw stop; // after the display has counted the failure that stops the run
        }
      }
      return tally;
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  private static ResultRecord take(ExecutorCompletionService<ResultRecord> finished) {
    try {
      Future<ResultRecord> next = finished.take();
      return next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(
          "run-api was interrupted; what was answered is saved, run again to resume");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "run-api-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
