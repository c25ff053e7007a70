package org.editbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs CLI commands in process and captures what they print. */
public final class CliRunner {
  private CliRunner() {}

  /** Exit code and the two streams of one command. */
  public record Result(int exitCode, String out, String err) {}

  /** {@link #run(String...)} of {@code args} followed by {@code more}. */
  public static Result run(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return run(all.toArray(String[]::new));
  }

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
