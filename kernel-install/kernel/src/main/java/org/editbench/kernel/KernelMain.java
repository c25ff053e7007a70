package org.editbench.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.editbench.notebook.EvaluatorConfig;

/** {@code java -jar editbench-kernel.jar CONNECTION_FILE}: what the kernelspec's argv runs. */
public final class KernelMain {
  /** How long a JVM ending during a cell gives ZeroMQ to send the cell's last messages. */
  private static final long IOPUB_SEND_MILLIS = 200;

  private KernelMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "usage: java -jar editbench-kernel.jar CONNECTION_FILE (Jupyter passes {connection_file})");
      System.exit(2);
    }
    KernelConnectionProperties properties =
        KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
    EditBenchKernel kernel =
        new EditBenchKernel(EvaluatorConfig.fromEnvironment(System.getenv()), new CellHistory());
    ResponsiveConnection connection = new ResponsiveConnection(properties);
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    // A JVM ending while a cell runs (System.exit in it, a signal) says so in the cell.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (kernel.sayEndingDuringCell()) {
                    connection.flushIoPub(IOPUB_SEND_MILLIS);
                  }
                },
                "kernel-exit-notice"));
    ParentWatch.start(System.getenv());
    kernel.onStartup();
    connection.waitUntilClose();
    // Cell code may have left threads running; the kernel's life ends with the connection.
    System.exit(0);
  }
}
