package org.editbench.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.editbench.notebook.EvaluatorConfig;

/** {@code java -jar editbench-kernel.jar CONNECTION_FILE}: what the kernelspec's argv runs. */
public final class KernelMain {
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
    ParentWatch.start(System.getenv());
    kernel.onStartup();
    connection.waitUntilClose();
    // Cell code may have left threads running; the kernel's life ends with the connection.
    System.exit(0);
  }
}
