package org.editbench.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.editbench.core.AtomicFiles;
import org.editbench.core.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless entry point: {@code editbench <command> …}. Parses, calls the facade, prints. */
@Command(
    name = "editbench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "RealisticEditBench inference toolkit: build infbench variants from a bench, run models over "
          + "OpenAI-compatible APIs, merge and summarize results.",
      "",
      "Default paths (crawled_data/bench, crawled_data/infbench, patch_histories, experiment_results) "
          + "resolve under $EDITBENCH_HOME, else the working directory."
    },
    footer = {
      "",
      "Start with 'editbench pipeline': the whole job on the data folder, offline with the bundled "
          + "sample. 'editbench COMMAND --help' explains each command."
    },
    subcommands = {
      PromptBuilderCommand.class,
      MergeCommands.MergeBench.class,
      MergeCommands.MergeInfbench.class,
      MergeCommands.MergeAllInfbench.class,
      RunApiCommand.class,
      BatchCommand.class,
      MergeResultsCommand.class,
      ScoreCommand.class,
      SummarizeCommand.class,
      PipelineCommand.class,
      NotebookCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main extends CommandGroup {
  /** Exit code for bad input data or bad options: the user must fix something. */
  public static final int EXIT_BAD_INPUT = 2;

  /** The columns every --help is laid out for. */
  static final int HELP_WIDTH = 100;

  public static void main(String[] args) {
    StopNotice notice = StopNotice.install(args, System.err);
    int code = newCommandLine().execute(args);
    notice.finished();
    System.exit(code);
  }

  /** The configured command line, also used by tests to run commands in process. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // A misspelled option after a list option (--run_id 0.2 --max_worker 2) is an error, not one
    // more value of the list that the command would then quietly ignore.
    cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
    cli.registerConverter(Path.class, Main::path);
    shareVersion(cli, new Version());
    cli.setUsageHelpWidth(HELP_WIDTH);
    WordWrappingHelp.install(cli);
    // A mistyped option: the error, picocli's suggestions, and where the options are listed —
    // not the whole usage after it, which buries the one line that says what is wrong.
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine command = ex.getCommandLine();
          PrintWriter err = command.getErr();
          err.println("error: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
          err.println(
              "Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
          err.flush();
          return EXIT_BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (ex instanceof DataFormatException
              || ex instanceof IllegalArgumentException
              || ex.getCause() instanceof AtomicFiles.FileInTheWayException) {
            err.println("error: " + ex.getMessage());
            return EXIT_BAD_INPUT;
          }
          if (ex instanceof IllegalStateException) {
            err.println("error: " + ex.getMessage());
            return 1;
          }
          if (ex instanceof UncheckedIOException io) {
            err.println("error: " + io.getMessage());
            return 1;
          }
          throw ex;
        });
    return cli;
  }

  /**
   * A path option's value. Java 17 encodes file names in the locale's character set: in the C
   * locale, which containers and cron jobs often have, a name with characters outside ASCII cannot
   * even be named — {@code ./editbench} picks a UTF-8 locale there, {@code java -jar} cannot.
   */
  static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      String fileNames = System.getProperty("sun.jnu.encoding", "");
      boolean nonAscii = text.chars().anyMatch(c -> c > 0x7f);
      throw new CommandLine.TypeConversionException(
          "'"
              + text
              + "' cannot be a path here ("
              + e.getReason()
              + ")"
              + (nonAscii && !fileNames.equalsIgnoreCase("UTF-8")
                  ? ": this JVM reads and writes file names in "
                      + fileNames
                      + ", the locale's character set, which cannot hold its characters. Run"
                      + " ./editbench, which picks a UTF-8 locale, or set LC_ALL=C.UTF-8 for java"
                  : ""));
    }
  }

  /** Every command's -V/--version prints editbench's version, not an empty line. */
  private static void shareVersion(CommandLine command, CommandLine.IVersionProvider version) {
    command.getCommandSpec().versionProvider(version);
    command.getSubcommands().values().forEach(sub -> shareVersion(sub, version));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"editbench " + (v == null ? "(development build)" : v)};
    }
  }
}
