package org.editbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A command that only groups others ({@code editbench}, {@code editbench notebook}, {@code
 * editbench batch}): run without one of them, it did nothing, so it says which it needs and shows
 * its usage on standard error, with the exit code of bad input — a script that forgot the command
 * must not go on as if it had run.
 */
abstract class CommandGroup implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    PrintWriter err = command.getErr();
    err.println(
        "error: '"
            + spec.qualifiedName()
            + "' needs a command, one of: "
            + String.join(", ", command.getSubcommands().keySet()));
    err.println();
    command.usage(err);
    err.flush();
    return Main.EXIT_BAD_INPUT;
  }
}
