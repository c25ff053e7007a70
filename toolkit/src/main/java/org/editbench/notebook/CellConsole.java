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
 * streams while the cell runs; standard input is empty. {@link #close()} puts the JVM's own back.
 */
final class CellConsole implements AutoCloseable {
  private final PrintStream savedOut = System.out;
  private final PrintStream savedErr = System.err;
  private final InputStream savedIn = System.in;
  private final PrintStream out;
  private final PrintStream err;

  CellConsole(CellOutput output) {
    out = new CellStream(output::stdout).printStream;
    err = new CellStream(output::stderr).printStream;
    System.setOut(out);
    System.setErr(err);
    // Cells have no terminal: reading standard input sees its end rather than hanging the kernel.
    System.setIn(new ByteArrayInputStream(new byte[0]));
  }

  @Override
  public void close() {
    out.flush();
    err.flush();
    System.setOut(savedOut);
    System.setErr(savedErr);
    System.setIn(savedIn);
  }

  private static final class CellStream extends ByteArrayOutputStream {
    private final Consumer<String> sink;
    final PrintStream printStream;

    CellStream(Consumer<String> sink) {
      this.sink = sink;
      this.printStream = new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void flush() {
      if (count > 0) {
        String text = toString(StandardCharsets.UTF_8);
        reset();
        sink.accept(text);
      }
    }
  }
}
