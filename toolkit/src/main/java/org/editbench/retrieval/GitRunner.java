package org.editbench.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs git on one repository, and on that one only: the git directory is named on every command
 * line, and the variables that would point git elsewhere are removed from its environment.
 */
final class GitRunner {
  /** Variables that would make git read another repository than the one named here. */
  private static final List<String> REPOSITORY_VARIABLES =
      List.of(
          "GIT_DIR",
          "GIT_WORK_TREE",
          "GIT_COMMON_DIR",
          "GIT_INDEX_FILE",
          "GIT_OBJECT_DIRECTORY",
          "GIT_ALTERNATE_OBJECT_DIRECTORIES",
          "GIT_NAMESPACE");

  private final Path directory;
  private final Path gitDirectory;

  /** Git run in {@code directory} on the repository in {@code gitDirectory}. */
  GitRunner(Path directory, Path gitDirectory) {
    this.directory = directory;
    this.gitDirectory = gitDirectory;
  }

  /**
   * What a git command printed, and how it ended; {@code error} is the first line of its complaint.
   */
  record Result(int status, String output, String error) {}

  /** Starts a git command; the caller talks to it and ends it. */
  Process start(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of("git", "--git-dir=" + gitDirectory, "--no-replace-objects"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    REPOSITORY_VARIABLES.forEach(environment::remove);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new RetrievalException(
          "cannot run git, which BM25 retrieval reads clones with (install git): " + e.getMessage(),
          e);
    }
  }

  /** Runs a git command to its end. */
  Result run(String... arguments) {
    Process process = start(arguments);
    try {
      process.getOutputStream().close();
      // ls-tree's listing can exceed the pipe's buffer: read error output on another thread.
      StringBuilder errors = new StringBuilder();
      Thread errorReader =
          new Thread(
              () -> {
                try (InputStream in = process.getErrorStream()) {
                  errors.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                  // the exit status still tells
                }
              },
              "git-stderr");
      errorReader.start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int status = process.waitFor();
      errorReader.join();
      return new Result(status, output, errors.toString().strip().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException("reading git's output failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetrievalException("interrupted while git " + arguments[0] + " ran", e);
    } finally {
      process.destroy();
    }
  }
}
