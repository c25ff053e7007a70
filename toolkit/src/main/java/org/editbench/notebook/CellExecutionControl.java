package org.editbench.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in this JVM, each on a thread of its own, and keeps the last snippet's value
 * as the object it is.
 *
 * <p>Why local execution rather than JShell's default remote JVM: a value must stay an object for
 * the renderers to show a Tablesaw table as HTML or an image as PNG (the remote engine hands back
 * only {@code toString()}); a trivial cell stays a method call instead of a socket round trip; and
 * the kernel starts one JVM, not two. What it costs: {@code System.exit} in a cell ends the kernel.
 *
 * <p>Why a thread per snippet: {@link #stop()} must end a cell that never returns ({@code while
 * (true) {}}) and leave the kernel alive. It interrupts the thread first, which ends sleeps, waits
 * and interruptible I/O cleanly; a thread still running after a short grace is stopped with {@link
 * Thread#stop()}, which Java 17 (this project's Java) still honours — JShell's own local engine
 * stops its threads the same way. On Java 20 and later that method throws, and a busy loop that
 * ignores interrupts cannot be stopped.
 */
final class CellExecutionControl extends DirectExecutionControl {
  /** How long an interrupted snippet gets to end by itself before it is stopped. */
  private static final long STOP_GRACE_MILLIS = 200;

  /** How long a snippet may run, in milliseconds; 0 for no limit. */
  private final long timeoutMillis;

  private volatile Thread running;
  private volatile boolean stopRequested;
  private boolean timedOut;
  private Object lastValue;

  CellExecutionControl(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Starts a cell: a stop requested from now on holds for the rest of the cell, also when it comes
   * before a snippet starts (while the next one compiles): that snippet then does not run.
   */
  void beginCell() {
    stopRequested = false;
  }

  /** Whether a snippet was stopped for running out of time since the last call; clears the flag. */
  boolean takeTimedOut() {
    boolean result = timedOut;
    timedOut = false;
    return result;
  }

  /** The value of the last snippet that ran to completion; cleared by this call. */
  Object takeLastValue() {
    Object value = lastValue;
    lastValue = null;
    return value;
  }

  /**
   * Runs a snippet on a thread of its own and keeps its value for {@link #takeLastValue()}. Returns
   * no text for it: JShell would call {@code toString()} here, on values no cell shows (a
   * declaration of a five-million-element list took seconds) and outside any thread {@link #stop()}
   * can end; the kernel renders the kept value instead, when the cell shows it.
   */
  @Override
  protected String invoke(Method doitMethod) throws Exception {
    lastValue = null;
    // Classes added with %jars or %maven live in JShell's loader: cell code that looks classes up
    // through the context loader (ServiceLoader, JDBC drivers) must find them.
    lastValue =
        runStoppable(
            "editbench-cell",
            doitMethod.getDeclaringClass().getClassLoader(),
            () -> doitMethod.invoke(null),
            true);
    return "";
  }

  /**
   * Runs {@code work} — a snippet, a magic, the rendering of a cell's value — on a thread of its
   * own, which {@link #stop()} ends as it ends a snippet; work started inside it (a magic's
   * snippets) is stopped first, then the rest of it. The snippet's timeout applies when {@code
   * timed}.
   *
   * @param loader the thread's context class loader; null for the caller's
   * @return what {@code work} returned
   * @throws ExecutionControl.StoppedException when stopped, before it started or while it ran
   * @throws InvocationTargetException carrying an error (not an exception) it threw; an exception
   *     it threw is thrown as it is
   */
  <T> T runStoppable(String threadName, ClassLoader loader, Callable<T> work, boolean timed)
      throws Exception {
    AtomicReference<T> value = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                value.set(work.call());
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            threadName);
    if (loader != null) {
      worker.setContextClassLoader(loader);
    }
    Thread outer = running;
    running = worker;
    if (stopRequested) {
      running = outer;
      throw new ExecutionControl.StoppedException();
    }
    worker.start();
    try {
      if (timed && timeoutMillis > 0) {
        worker.join(timeoutMillis);
        if (worker.isAlive()) {
          timedOut = true;
          stop();
        }
      }
      worker.join();
    } finally {
      running = outer;
    }
    if (stopRequested) {
      throw new ExecutionControl.StoppedException();
    }
    Throwable thrown = failure.get();
    if (thrown instanceof Exception exception) {
      throw exception; // an InvocationTargetException carries the cell's own exception
    }
    if (thrown != null) {
      throw new InvocationTargetException(thrown);
    }
    return value.get();
  }

  @Override
  public void stop() {
    stopRequested = true;
    Thread snippet = running;
    if (snippet == null) {
      return;
    }
    snippet.interrupt();
    try {
      snippet.join(STOP_GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (snippet.isAlive()) {
      forceStop(snippet);
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void forceStop(Thread snippet) {
    try {
      snippet.stop();
    } catch (UnsupportedOperationException notOnThisJava) {
      // Java 20+: nothing more can be done; the interrupt stays set for code that checks it.
    }
  }

  /** Hands JShell this engine and keeps it, so the evaluator can read values and stop snippets. */
  static final class Provider implements ExecutionControlProvider {
    private final CellExecutionControl control;

    Provider(long timeoutMillis) {
      this.control = new CellExecutionControl(timeoutMillis);
    }

    CellExecutionControl control() {
      return control;
    }

    @Override
    public String name() {
      return "editbench-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return control;
    }
  }
}
