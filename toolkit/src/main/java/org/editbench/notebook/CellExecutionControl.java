package org.editbench.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
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

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    AtomicReference<Object> value = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread snippet =
        new Thread(
            () -> {
              try {
                value.set(doitMethod.invoke(null));
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "editbench-cell");
    // Classes added with %jars or %maven live in JShell's loader: cell code that looks classes up
    // through the context loader (ServiceLoader, JDBC drivers) must find them.
    snippet.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
    lastValue = null;
    running = snippet;
    if (stopRequested) {
      running = null;
      throw new ExecutionControl.StoppedException();
    }
    snippet.start();
    try {
      if (timeoutMillis > 0) {
        snippet.join(timeoutMillis);
        if (snippet.isAlive()) {
          timedOut = true;
          stop();
        }
      }
      snippet.join();
    } finally {
      running = null;
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
    lastValue = value.get();
    return valueString(lastValue);
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
