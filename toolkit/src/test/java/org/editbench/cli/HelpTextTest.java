package org.editbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help} as a reader sees it at 100 columns: no line wider, no word cut in
 * two by the wrapping, no sentence cut by a hard line break in the source, and each command's line
 * in its parent's list a whole sentence.
 */
class HelpTextTest {
  private static final int WIDTH = Main.HELP_WIDTH;

  /**
   * Text laid out as a table (columns aligned with runs of spaces): its lines are meant as they
   * are.
   */
  private static final Pattern ALIGNED_COLUMNS = Pattern.compile("\\S {2,}\\S");

  @TestFactory
  Stream<DynamicTest> everyCommandsHelpReadsCleanlyAt100Columns() {
    return commands(Main.newCommandLine()).stream()
        .map(
            command ->
                DynamicTest.dynamicTest(
                    name(command),
                    () -> {
                      String help = CliRunner.run(helpArguments(command)).out();
                      assertEquals(command.getUsageMessage(), help, "--help prints the usage");
                      // A script needs to know what an exit means: every command that does work
                      // says.
                      if (command.getSubcommands().isEmpty()
                          && !command.getCommandName().equals("help")) {
                        assertTrue(help.contains("Exit codes: 0 "), "no exit codes:\n" + help);
                      }
                      for (String line : help.lines().toList()) {
                        assertTrue(line.length() <= WIDTH, line.length() + " columns: " + line);
                      }
                      Set<String> words = words(unwrapped(command));
                      for (String word : words(help)) {
                        assertTrue(
                            words.contains(word),
                            "\"" + word + "\" is part of a word the wrapping cut:\n" + help);
                      }
                      for (String[] text : texts(command.getCommandSpec())) {
                        assertNoHardBreakMidSentence(text, help);
                      }
                      for (CommandLine sub : command.getSubcommands().values()) {
                        String summary = summary(sub.getCommandSpec());
                        assertTrue(
                            summary.endsWith("."),
                            "the line for "
                                + name(sub)
                                + " in the list of commands is not a "
                                + "whole sentence: "
                                + summary);
                        // One voice in the list, picocli's own ("Display help …"): "Build …",
                        // "Run …", not "Runs …" beside it.
                        String verb = summary.split(" ", 2)[0];
                        assertFalse(
                            verb.endsWith("s") && !verb.endsWith("ss"),
                            "the line for "
                                + name(sub)
                                + " does not start with an imperative verb: "
                                + summary);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCommandsVersionOptionPrintsTheVersion() {
    return commands(Main.newCommandLine()).stream()
        .filter(command -> command.getCommandSpec().optionsMap().containsKey("--version"))
        .map(
            command ->
                DynamicTest.dynamicTest(
                    name(command),
                    () -> {
                      List<String> args = new ArrayList<>(path(command));
                      args.add("--version");
                      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
                      assertEquals(0, r.exitCode(), r.err());
                      assertTrue(r.out().startsWith("editbench "), "\"" + r.out() + "\"");
                    }));
  }

  @TestFactory
  Stream<DynamicTest> aGroupOfCommandsRunWithoutOneOfThemIsBadInputAndShowsItsUsage() {
    return commands(Main.newCommandLine()).stream()
        .filter(command -> !command.getSubcommands().isEmpty())
        .map(
            command ->
                DynamicTest.dynamicTest(
                    name(command),
                    () -> {
                      CliRunner.Result r = CliRunner.run(path(command).toArray(String[]::new));
                      assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.err());
                      assertEquals("", r.out());
                      String firstLine = r.err().lines().findFirst().orElse("");
                      assertTrue(
                          firstLine.startsWith(
                              "error: '" + command.getCommandSpec().qualifiedName() + "' needs a"),
                          firstLine);
                      for (String sub : command.getSubcommands().keySet()) {
                        assertTrue(firstLine.contains(sub), firstLine);
                      }
                      assertTrue(r.err().endsWith(command.getUsageMessage()), r.err());
                    }));
  }

  @Test
  void wordsAreWrappedWholeWherePicocliWouldCutThemAtADotOrASlash() {
    String straddling =
        "word ".repeat(17)
            + "crawled_data/infbench/all-task-instances_0.2_body_issue.jsonl is cut.";
    CommandSpec spec = CommandSpec.create().name("demo");
    spec.usageMessage().description(straddling).footer(straddling);
    spec.addOption(OptionSpec.builder("--option").description(straddling).build());
    CommandLine command = new CommandLine(spec);
    command.setUsageHelpWidth(WIDTH);
    assertFalse(
        words(command.getUsageMessage()).contains("all-task-instances_0.2_body_issue.jsonl"),
        "picocli alone cuts the file name:\n" + command.getUsageMessage());

    WordWrappingHelp.install(command);
    String help = command.getUsageMessage();
    List<String> whole =
        help.lines()
            .filter(
                l ->
                    l.contains(
                        "crawled_data/infbench/all-task-instances_0.2_body_issue"
                            + ".jsonl is cut."))
            .toList();
    assertEquals(
        3, whole.size(), "description, option and footer each keep the path whole:\n" + help);
    assertTrue(
        whole.get(1).startsWith(" ".repeat(19) + "word crawled_data/"),
        "the option's wrapped line is indented as picocli indents it:\n" + help);
  }

  /** Two lines of one text where the first stops mid-sentence: a break the wrapping cannot mend. */
  private static void assertNoHardBreakMidSentence(String[] text, String help) {
    for (int i = 0; i + 1 < text.length; i++) {
      String line = text[i].stripTrailing();
      String next = text[i + 1].strip();
      if (line.isBlank() || next.isEmpty() || ALIGNED_COLUMNS.matcher(line).find()) {
        continue;
      }
      boolean sentenceGoesOn =
          line.endsWith(",")
              || Character.isLowerCase(next.codePointAt(0)) && !line.matches(".*[.:;!?)]$");
      assertTrue(
          !sentenceGoesOn,
          "a hard line break in the middle of a sentence:\n"
              + line
              + "\n"
              + next
              + "\nin:\n"
              + help);
    }
    for (String line : text) {
      if (ALIGNED_COLUMNS.matcher(line.strip()).find()) {
        assertTrue(line.length() <= WIDTH, "a table row wider than the help wraps: " + line);
      }
    }
  }

  /** The help as it would be with no width limit: every word whole. */
  private static String unwrapped(CommandLine command) {
    CommandLine wide = Main.newCommandLine();
    for (String name : path(command)) {
      wide = wide.getSubcommands().get(name);
    }
    wide.getCommandSpec().usageMessage().width(100_000).longOptionsMaxWidth(1_000);
    return wide.getUsageMessage();
  }

  private static Set<String> words(String text) {
    return new HashSet<>(Arrays.asList(text.strip().split("\\s+")));
  }

  /**
   * The texts a command's help is made of: its description, header and footer, each option's
   * description.
   */
  private static List<String[]> texts(CommandSpec spec) {
    List<String[]> texts =
        new ArrayList<>(
            List.of(
                spec.usageMessage().description(),
                spec.usageMessage().header(),
                spec.usageMessage().footer()));
    for (ArgSpec arg : spec.args()) {
      texts.add(arg.description());
    }
    return texts;
  }

  /** What the parent's list of commands shows: the header's first line, else the description's. */
  private static String summary(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    return (header.length > 0 ? header : spec.usageMessage().description())[0];
  }

  private static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>(List.of(root));
    root.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
    return all;
  }

  private static List<String> path(CommandLine command) {
    List<String> names = new ArrayList<>();
    for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
      names.add(0, c.getCommandName());
    }
    return names;
  }

  private static String[] helpArguments(CommandLine command) {
    List<String> arguments = new ArrayList<>(path(command));
    arguments.add("--help");
    return arguments.toArray(String[]::new);
  }

  private static String name(CommandLine command) {
    return String.join(" ", command.getCommandSpec().qualifiedName());
  }
}
