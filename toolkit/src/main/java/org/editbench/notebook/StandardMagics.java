package org.editbench.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.editbench.core.StrictUtf8;

/**
 * The magics IJava users know, so their notebooks keep working, and IPython's {@code %time} and
 * {@code %lsmagic}.
 */
final class StandardMagics {
  private StandardMagics() {}

  static Magics registerTo(Magics magics) {
    MavenResolver maven = new MavenResolver();
    return magics
        .register("classpath", StandardMagics::classpath)
        .register("jars", StandardMagics::jars)
        .register(
            "maven",
            (args, context) -> {
              requireArguments("maven", args, "GROUP:ARTIFACT:VERSION…");
              for (String coordinates : args) {
                maven.resolve(coordinates).forEach(context::addToClasspath);
              }
            })
        .register(
            "mavenRepo",
            (args, context) -> {
              if (args.size() != 2) {
                throw new IllegalArgumentException("usage: %mavenRepo ID URL");
              }
              maven.addRepository(args.get(0), args.get(1));
            })
        .register("load", StandardMagics::load)
        .register(
            "doc",
            (args, context) -> {
              requireArguments("doc", args, "NAME");
              String name = String.join(" ", args);
              String text =
                  context
                      .documentation(name)
                      .orElseThrow(() -> new IllegalArgumentException("nothing known as " + name));
              context.output().page(MimeBundle.text(text));
            })
        .register(
            "time",
            (args, context) -> {
              if (context.argumentText().isBlank()) {
                throw new IllegalArgumentException(
                    "usage: %time STATEMENT (or %%time as a cell's first line)");
              }
              timed(context.argumentText(), context).ifPresent(context.output()::display);
            })
        .registerCell("time", (args, body, context) -> timed(body, context))
        // IPython's list of the magics there are, the first thing its users try.
        .register(
            "lsmagic",
            (args, context) ->
                context
                    .output()
                    .stdout(
                        "Line magics: %"
                            + String.join("  %", magics.names())
                            + "\nCell magics: %%"
                            + String.join("  %%", magics.cellNames())
                            + "\n"));
  }

  /**
   * Runs the magic's code ({@code %time}'s argument, {@code %%time}'s body) and prints how long it
   * took, as IPython's {@code %time} does; returns its value.
   */
  private static Optional<MimeBundle> timed(String code, Magics.Context context)
      throws CellException {
    long start = System.nanoTime();
    Optional<MimeBundle> value = context.run(code);
    context.output().stdout("Wall time: " + duration(System.nanoTime() - start) + "\n");
    return value;
  }

  static String duration(long nanos) {
    double ms = nanos / 1e6;
    return ms < 1000
        ? String.format(Locale.ROOT, "%.1f ms", ms)
        : String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }

  /** {@code %classpath PATH…}: adds directories or jars (globs allowed) to the class path. */
  private static void classpath(List<String> args, Magics.Context context) {
    requireArguments("classpath", args, "PATH…");
    for (String pattern : args) {
      List<Path> matches = PathGlobs.expand(pattern).stream().filter(Files::exists).toList();
      if (matches.isEmpty()) {
        throw new IllegalArgumentException("nothing matches " + pattern);
      }
      matches.forEach(context::addToClasspath);
    }
  }

  /** {@code %jars GLOB…}: adds the jars a pattern matches, or all jars in a directory. */
  private static void jars(List<String> args, Magics.Context context) throws IOException {
    requireArguments("jars", args, "JAR-OR-GLOB…");
    for (String pattern : args) {
      List<Path> jars = new ArrayList<>();
      for (Path match : PathGlobs.expand(pattern)) {
        if (Files.isDirectory(match)) {
          try (var listing = Files.list(match)) {
            listing.filter(StandardMagics::isJar).sorted().forEach(jars::add);
          }
        } else if (isJar(match)) {
          jars.add(match);
        }
      }
      if (jars.isEmpty()) {
        throw new IllegalArgumentException("no jar matches " + pattern);
      }
      jars.forEach(context::addToClasspath);
    }
  }

  /** {@code %load FILE}: runs a {@code .jsh} file's code in the session. */
  private static void load(List<String> args, Magics.Context context)
      throws IOException, CellException {
    if (args.size() != 1) {
      throw new IllegalArgumentException("usage: %load FILE");
    }
    Path file = Path.of(args.get(0));
    context.evaluate(file.getFileName().toString(), StrictUtf8.readFile(file, "file"));
  }

  private static boolean isJar(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
  }

  private static void requireArguments(String magic, List<String> args, String usage) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("usage: %" + magic + " " + usage);
    }
  }
}
