package org.editbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.editbench.core.DataPaths;

/**
 * Which data folder a {@link Workspace} works on, and why, by the rules in its class comment.
 *
 * @param root the folder
 * @param shown the folder as the workspace names it: relative ({@code .} or {@code ..}) when it was
 *     found from the working directory, so that a saved notebook's output names no folder of the
 *     machine that ran it; as given otherwise
 * @param why how it was chosen
 */
record DataFolderChoice(Path root, String shown, String why) {
  private DataFolderChoice(Path root, String why) {
    this(root, root.toAbsolutePath().normalize().toString(), why);
  }

  /**
   * A folder given by the caller.
   *
   * @throws IllegalArgumentException when it is not a folder
   */
  static DataFolderChoice given(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          root.toAbsolutePath()
              + " is not a folder: give the folder that holds"
              + " crawled_data/ and patch_histories/");
    }
    return new DataFolderChoice(root, "as given");
  }

  /**
   * The data folder {@code env} and {@code workingDir} point to.
   *
   * @throws IllegalArgumentException when {@code $EDITBENCH_HOME} names no folder
   */
  static DataFolderChoice locate(Map<String, String> env, Path workingDir) {
    String home = env.get(DataPaths.HOME_VARIABLE);
    if (home != null && !home.isBlank()) {
      Path root = workingDir.resolve(home);
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException(
            DataPaths.HOME_VARIABLE
                + "="
                + home
                + " is not a folder: set it to the"
                + " folder that holds crawled_data/ and patch_histories/, or unset it to use the working directory");
      }
      return new DataFolderChoice(root, "$" + DataPaths.HOME_VARIABLE);
    }
    if (holdsData(workingDir)) {
      return new DataFolderChoice(workingDir, ".", "the working directory");
    }
    Path parent = workingDir.getParent();
    if (parent != null && holdsData(parent)) {
      return new DataFolderChoice(
          parent,
          "..",
          "the folder above the working directory "
              + workingDir.getFileName()
              + "/ (the repository root when the kernel runs in notebooks/)");
    }
    return new DataFolderChoice(
        workingDir,
        "the working directory (neither it nor its parent holds crawled_data/ or"
            + " patch_histories/; set "
            + DataPaths.HOME_VARIABLE
            + " to the data folder)");
  }

  private static boolean holdsData(Path dir) {
    return Files.isDirectory(dir.resolve("crawled_data"))
        || Files.isDirectory(dir.resolve("patch_histories"));
  }
}
