package org.editbench.kernel;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * Ends the kernel when the Jupyter client that started it is gone, as ipykernel's parent poller
 * does: a client that is killed cannot ask its kernel to shut down, and the kernel would otherwise
 * live on — with its session's memory, and whatever cell it was running — until someone finds it.
 * The client is the process named by {@code JPY_PARENT_PID} (jupyter_client sets it), else the
 * kernel's parent process.
 */
final class ParentWatch {
  private ParentWatch() {}

  /** Watches the client on a daemon thread; when it ends, says so on stderr and exits. */
  static void start(Map<String, String> environment) {
    // The kernel's own stderr, its log: by the time the client ends, System.err is a cell's.
    PrintStream log = System.err;
    client(environment)
        .ifPresent(
            client ->
                client
                    .onExit()
                    .thenRun(
                        () -> {
                          log.println(
                              "editbench kernel: the Jupyter client (process "
                                  + client.pid()
                                  + ") has ended; the kernel ends too");
                          System.exit(0);
                        }));
  }

  /** The process to watch, if it can be found and is alive. */
  static Optional<ProcessHandle> client(Map<String, String> environment) {
    String pid = environment.get("JPY_PARENT_PID");
    if (pid != null && pid.strip().matches("[0-9]{1,18}")) {
      return ProcessHandle.of(Long.parseLong(pid.strip())).filter(ProcessHandle::isAlive);
    }
    return ProcessHandle.current().parent().filter(ProcessHandle::isAlive);
  }
}
