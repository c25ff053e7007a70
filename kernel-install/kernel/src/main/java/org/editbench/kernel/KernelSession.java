package org.editbench.kernel;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.editbench.notebook.CellException;
import org.editbench.notebook.EvaluatorConfig;
import org.editbench.notebook.JShellEvaluator;
import org.editbench.notebook.LogCellOutput;

/**
 * The kernel's one {@link JShellEvaluator}, started on a background thread and warmed up there
 * ({@link JShellEvaluator#warmUp()}); requests wait for what is left of that when they need it.
 */
final class KernelSession {
  private final EvaluatorConfig config;

  /**
   * Guards starting the session. Not the kernel's monitor: its execute handler holds that for a
   * whole cell, and an interrupt must get through while a cell runs.
   */
  private final Object startLock = new Object();

  private volatile CompletableFuture<JShellEvaluator> evaluator;

  /**
   * An interrupt came while the session was still starting: the cell waiting for it must not run
   * (the evaluator, not yet there, could not be told). Cleared when a cell starts waiting.
   */
  private volatile boolean interruptedWhileStarting;

  KernelSession(EvaluatorConfig config) {
    this.config = config;
  }

  /**
   * Starts the session on a background thread, once. The kernel calls this after its first
   * kernel_info reply: the second of compiler warm-up then does not compete with that reply for the
   * processor, and the first cell waits only for what is left of it.
   */
  void start() {
    starting();
  }

  private CompletableFuture<JShellEvaluator> starting() {
    synchronized (startLock) {
      if (evaluator == null) {
        evaluator =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    JShellEvaluator session =
                        JShellEvaluator.start(
                            // Startup scripts' output belongs to no cell: the kernel's log.
                            config, new LogCellOutput(new PrintWriter(System.err, true)));
                    session.warmUp();
                    return session;
                  } catch (CellException e) {
                    throw new CompletionException(e);
                  }
                });
      }
      return evaluator;
    }
  }

  /**
   * The session, once started (starting it if need be); a startup failure (a bad startup script)
   * fails every cell with it.
   */
  JShellEvaluator await() throws CellException {
    try {
      return starting().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof CellException startup) {
        List<String> traceback = new ArrayList<>(startup.traceback());
        traceback.add(STARTUP_FAILED);
        throw new CellException(startup.ename(), startup.evalue(), traceback);
      }
      throw e;
    }
  }

  /**
   * The session for a cell, once started: {@link #await()}, except that an {@link #interrupt()}
   * that comes while the cell waits for the start stops the cell before it runs.
   */
  JShellEvaluator awaitForCell() throws CellException {
    interruptedWhileStarting = false; // an interrupt before this cell was sent was for no cell
    JShellEvaluator started = await();
    if (interruptedWhileStarting) {
      interruptedWhileStarting = false;
      throw CellException.interrupted();
    }
    return started;
  }

  /**
   * Stops the running cell; while the session is still starting (the first second or more after a
   * start), the cell waiting for it. Never starts a session.
   */
  void interrupt() {
    CompletableFuture<JShellEvaluator> started = evaluator;
    if (started == null) {
      return;
    }
    if (!started.isDone()) {
      interruptedWhileStarting = true;
      if (!started.isDone()) {
        return; // the cell waiting for the start sees the flag
      }
    }
    // Started (also just now, when the waiting cell may already run): the running cell stops.
    // Nothing is queued for later, which could stop a cell sent after this interrupt.
    if (!started.isCompletedExceptionally()) {
      started.join().interrupt();
    }
  }

  /** Said under a startup script's error, which every cell shows until the kernel restarts. */
  static final String STARTUP_FAILED =
      "The session did not start, so no cell runs: correct IJAVA_STARTUP_SCRIPT (or the scripts"
          + " of IJAVA_STARTUP_SCRIPTS_PATH), then restart the kernel.";

  /** The session for requests that show no error (complete, inspect): none when startup failed. */
  Optional<JShellEvaluator> awaitUnlessStartupFailed() {
    try {
      return Optional.of(await());
    } catch (CellException startupFailed) {
      return Optional.empty();
    }
  }

  /** Acts on the session if it was started; interrupting or closing must not start one. */
  void whenStarted(Consumer<JShellEvaluator> action) {
    CompletableFuture<JShellEvaluator> started = evaluator;
    if (started != null) {
      started.thenAccept(action);
    }
  }
}
