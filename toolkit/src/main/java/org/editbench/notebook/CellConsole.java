package org.editbench.notebook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@code System.out}, {@code System.err} and {@code System.in} as a cell sees them while it runs:
 * what it prints goes to its {@link CellOutput} at each flush ({@code println} flushes), so output
 * streams while the cell runs; standard input is empty.
 *
 * <p>When the cell ends, what threads it started print from then on goes to the cell's output
 * still, until the next cell starts, as ipykernel sends it to the last cell: a notebook shows it
 * under the cell, where a person looks, rather than in the kernel's log. {@link #restoreJvmStreams}
 * puts the JVM's own back when the session ends.
 */
final class CellConsole implements AutoCloseable {
  /** The JVM's own streams, as they were before any cell replaced them. */
  private static final PrintStream JVM_OUT = System.out;

  private static final PrintStream JVM_ERR = System.err;
  private static final InputStream JVM_IN = System.in;

  /** The streams a cell put in place last, in a cell or after it. */
  private static volatile PrintStream installedOut;

  private static volatile PrintStream installedErr;

  private final PrintStream out;
  private final PrintStream err;
  private final CellOutput afterTheCell;

  /**
   * @param output where the cell's printing goes while it runs
   * @param afterTheCell where printing goes once it has ended, until the next cell starts
   */
  CellConsole(CellOutput output, CellOutput afterTheCell) {
    this.afterTheCell = afterTheCell;
    out = CellStream.printingTo(output::stdout, JVM_OUT);
    err = CellStream.printingTo(output::stderr, JVM_ERR);
    install(out, err);
    // Cells have no terminal: reading standard input sees its end rather than hanging the kernel.
    System.setIn(new ByteArrayInputStream(new byte[0]));
  }

  @Override
  public void close() {
    // Late printing is routed before the cell's own is flushed, so no line falls in between.
    install(
        CellStream.printingTo(afterTheCell::stdout, JVM_OUT),
        CellStream.printingTo(afterTheCell::stderr, JVM_ERR));
    out.flush();
    err.flush();
  }

  private static void install(PrintStream out, PrintStream err) {
    installedOut = out;
    installedErr = err;
    System.setOut(out);
    System.setErr(err);
  }

  /** Puts the JVM's own streams back if a cell's are in place: the session has ended. */
  static void restoreJvmStreams() {
    if (System.out == installedOut) {
      System.out.flush();
      System.setOut(JVM_OUT);
    }
    if (System.err == installedErr) {
      System.err.flush();
      System.setErr(JVM_ERR);
    }
    System.setIn(JVM_IN);
  }

  private static final class CellStream extends ByteArrayOutputStream {
    /** Whether this thread is handing text to a sink: what the sink prints is not a cell's. */
    private static final ThreadLocal<Boolean> IN_SINK = ThreadLocal.withInitial(() -> false);

    private final Consumer<String> sink;
    private final PrintStream jvmStream;

    private CellStream(Consumer<String> sink, PrintStream jvmStream) {
      this.sink = sink;
      this.jvmStream = jvmStream;
    }

    /**
     * @param jvmStream where text goes that the sink itself prints (an output that logs to
     *     System.err would otherwise feed itself until the stack overflows)
     */
    static PrintStream printingTo(Consumer<String> sink, PrintStream jvmStream) {
      // A plain PrintStream: a subclass's println writes the text and the line end in two
      // flushes.
      return new PrintStream(new CellStream(sink, jvmStream), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void flush() {
      if (count == 0) {
        return;
      }
      String text = toString(StandardCharsets.UTF_8);
      reset();
      if (IN_SINK.get()) {
        jvmStream.print(text);
        jvmStream.flush();
        return;
      }
      IN_SINK.set(true);
      try {
        sink.accept(text);
      } finally {
        IN_SINK.set(false);
      }
    }
  }
}
