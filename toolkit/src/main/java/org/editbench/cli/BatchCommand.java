package org.editbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.editbench.EditBench;
import org.editbench.core.DataPaths;
import org.editbench.inference.ApiEnvironment;
import org.editbench.inference.BatchAdmin;
import org.editbench.inference.BatchInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code editbench batch status|cancel}: the batches {@code run-api --batch} recorded under a
 * results folder.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {
      "List or cancel the provider batches that 'run-api --batch' submitted.",
      "Each prediction file's batches are recorded in the hidden .{file}.batches.json beside it."
    },
    subcommands = {BatchCommand.Status.class, BatchCommand.Cancel.class})
public final class BatchCommand extends CommandGroup {

  /** {@code --results-dir}, shared by both subcommands. */
  static final class Folder {
    @Option(
        names = {"--results-dir", "--results_dir"},
        paramLabel = "DIR",
        description =
            "Where run-api wrote. Default: experiment_results under $EDITBENCH_HOME or here.")
    Path resultsDir;

    Path resolve() {
      return resultsDir != null ? resultsDir : DataPaths.fromEnvironment().resultsDir();
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "List every recorded batch: its provider, status, done/total and failed counts and prediction "
            + "file.",
        "Batches not collected yet are asked for at their providers (keys and base URLs as for "
            + "run-api); collected ones show what the run that collected them saw."
      },
      footer = {
        "",
        "Exit codes: 0 listed; 1 a provider could not be asked; 2 bad option, or a state file could"
            + " not be read (the others are listed)."
      })
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Folder folder;

    @Option(
        names = "--offline",
        description = "Do not ask the providers; show what the last run saw.")
    boolean offline;

    @Override
    public Integer call() {
      List<BatchInfo> batches =
          EditBench.batchStatus(folder.resolve(), ApiEnvironment.fromProcess(), !offline);
      BatchAdmin.lines(batches).forEach(spec.commandLine().getOut()::println);
      return unreadable(batches, spec.commandLine().getErr());
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = {
        "Cancel running batches: all that are not collected yet, or only the given ids.",
        "What they answered before stopping is collected by the next 'run-api --batch' run, which also "
            + "submits the unanswered requests again."
      },
      footer = {
        "",
        "Exit codes: 0 cancel requested; 1 a provider refused or could not be asked, or a batch was"
            + " submitted to another server; 2 unknown id, or a state file could not be read (the"
            + " batches of the others are cancelled)."
      })
  static final class Cancel implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Folder folder;

    @Parameters(
        arity = "0..*",
        paramLabel = "BATCH_ID",
        description = "Batch ids to cancel. Default: every running one.")
    List<String> ids;

    @Override
    public Integer call() {
      List<BatchInfo> cancelled =
          EditBench.cancelBatches(
              folder.resolve(), ApiEnvironment.fromProcess(), ids == null ? List.of() : ids);
      if (!cancelled.isEmpty()) {
        // With none, the report's one line says so; the listing's "no batches recorded" would be
        // a second saying the same.
        BatchAdmin.lines(cancelled).forEach(spec.commandLine().getOut()::println);
      }
      return report(cancelled, ids != null && !ids.isEmpty(), spec.commandLine().getErr());
    }

    /**
     * Says how many cancels were requested, and which batches could not be reached (submitted to
     * another server): exit 1 then, as nothing was done for them.
     */
    static int report(List<BatchInfo> cancelled, boolean idsGiven, PrintWriter err) {
      long reached =
          cancelled.stream().filter(b -> b.elsewhere() == null && b.unreadable() == null).count();
      long notReached = cancelled.stream().filter(b -> b.elsewhere() != null).count();
      if (reached == 0 && notReached == 0) {
        err.println("no running batch to cancel");
      }
      if (reached > 0) {
        err.println(
            "cancel requested for "
                + reached
                + " batch(es); run the run-api --batch command again to collect what they"
                + " answered");
      }
      if (notReached > 0) {
        err.println(
            notReached
                + " batch(es) not cancelled: submitted to another server than the one the base URL"
                + " names now (see above); set it to theirs to cancel them");
      }
      // Ids given were all found (an unknown one stops the command): a file that cannot be read
      // held none of them, so it keeps nothing asked for from being cancelled.
      int unreadable = unreadable(cancelled, err);
      return unreadable != 0 && !idsGiven ? unreadable : notReached > 0 ? 1 : 0;
    }
  }

  /**
   * Says how many state files could not be read (listed above with why and what to do): exit 2
   * then, as their batches are unknown; 0 when all were read.
   */
  static int unreadable(List<BatchInfo> batches, PrintWriter err) {
    long unreadable = batches.stream().filter(b -> b.unreadable() != null).count();
    if (unreadable == 0) {
      return 0;
    }
    err.println(
        unreadable
            + " state file(s) could not be read (see above): their batches are not listed, nor"
            + " cancelled");
    return 2;
  }
}
