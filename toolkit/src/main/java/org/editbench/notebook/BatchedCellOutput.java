package org.editbench.notebook;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cell's output with what it prints gathered into a few messages, as ipykernel's output streams
 * do: text is handed on {@value #INTERVAL_MILLIS} ms after the first unsent write, at {@value
 * #MAX_CHARS} characters, before any other output (so the order stays as printed) and when the cell
 * ends. A message per {@code println} flooded the frontend: 20,000 lines were 20,000 messages, over
 * ZeroMQ's queue and the notebook server's rate limit, so lines — and the cell's result and its
 * {@code idle} status after them — were dropped.
 */
final class BatchedCellOutput implements CellOutput, AutoCloseable {
  static final long INTERVAL_MILLIS = 50;
  static final int MAX_CHARS = 64 * 1024;

  private static final ScheduledExecutorService FLUSHER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread t = new Thread(task, "cell-output-flush");
            t.setDaemon(true);
            return t;
          });

  private final CellOutput output;
  private final long intervalMillis;
  private final StringBuilder pending = new StringBuilder();
  private boolean pendingIsStderr;
  private ScheduledFuture<?> scheduled;

  BatchedCellOutput(CellOutput output) {
    this(output, INTERVAL_MILLIS);
  }

  /** With another interval: tests that count messages must not see one sent by the clock. */
  BatchedCellOutput(CellOutput output, long intervalMillis) {
    this.output = output;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void stdout(String text) {
    append(text, false);
  }

  @Override
  public void stderr(String text) {
    append(text, true);
  }

  private synchronized void append(String text, boolean stderr) {
    if (pending.length() > 0 && pendingIsStderr != stderr) {
      flush(); // the other stream's text goes first, as it was printed first
    }
    pendingIsStderr = stderr;
    pending.append(text);
    if (pending.length() >= MAX_CHARS) {
      flush();
    } else if (scheduled == null) {
      scheduled = FLUSHER.schedule(this::flush, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Hands on the text gathered so far. */
  synchronized void flush() {
    if (scheduled != null) {
      scheduled.cancel(false);
      scheduled = null;
    }
    if (pending.length() == 0) {
      return;
    }
    String text = pending.toString();
    pending.setLength(0);
    if (pendingIsStderr) {
      output.stderr(text);
    } else {
      output.stdout(text);
    }
  }

  @Override
  public synchronized void display(MimeBundle bundle) {
    flush();
    output.display(bundle);
  }

  @Override
  public synchronized void display(MimeBundle bundle, String displayId) {
    flush();
    output.display(bundle, displayId);
  }

  @Override
  public synchronized void updateDisplay(MimeBundle bundle, String displayId) {
    flush();
    output.updateDisplay(bundle, displayId);
  }

  @Override
  public synchronized void clearOutput(boolean wait) {
    flush();
    output.clearOutput(wait);
  }

  @Override
  public synchronized void page(MimeBundle bundle) {
    flush();
    output.page(bundle);
  }

  /** Hands on what is left: the cell has ended. */
  @Override
  public void close() {
    flush();
  }
}
