package org.editbench.notebook;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Resolves {@code %maven} coordinates, with their runtime dependencies, into the local Maven
 * repository (~/.m2) by running the machine's {@code mvn} on a throw-away POM.
 *
 * <p>Why {@code mvn} rather than Maven Resolver in process: the toolkit then carries no resolver (a
 * dozen jars) for a magic used now and then; and resolution honours the user's {@code settings.xml}
 * — mirrors, proxies, credentials — exactly as their builds do. Maven is a requirement of this
 * project already. What it costs: a couple of seconds per {@code %maven}.
 */
final class MavenResolver {
  /** The dependency plugin is pinned, so resolution does not change with Maven's default. */
  static final String BUILD_CLASSPATH_GOAL =
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";

  private static final long TIMEOUT_MINUTES = 10;

  private final Map<String, String> repositories = new LinkedHashMap<>();

  /** Adds a repository (besides Maven Central) to look in, as {@code %mavenRepo ID URL}. */
  void addRepository(String id, String url) {
    if (!url.matches("(?i)(https?|file)://\\S+")) {
      throw new IllegalArgumentException(
          "%mavenRepo "
              + id
              + " "
              + url
              + ": the URL must be http://, https:// or file://, e.g."
              + " https://repo.example.com/maven2");
    }
    repositories.put(id, url);
  }

  /**
   * What a failed mvn run says is wrong: its first error, without Maven's "[ERROR]" and "[Help 1]",
   * the name of the resolver's own project and the advice to run it again with -e or -X; the whole
   * log when it has no error line. Colour codes are taken out first: some Maven builds write them
   * even with -Dstyle.color=never, before the "[ERROR]" of a line.
   */
  static String failure(String log) {
    return log.replaceAll("\u001B\\[[0-9;]*m", "")
        .lines()
        .filter(line -> line.startsWith("[ERROR] ") && !line.strip().equals("[ERROR]"))
        .map(line -> line.substring("[ERROR] ".length()).replace(" -> [Help 1]", "").strip())
        // The goal and the project are the resolver's own throw-away pom, nothing of the cell's.
        .map(line -> line.replaceFirst("^Failed to execute goal on project [^:]*: ", ""))
        .map(line -> line.replaceFirst("^Could not resolve dependencies for project \\S+: ", ""))
        .filter(line -> !line.isEmpty())
        .findFirst()
        .orElse(log.strip());
  }

  /**
   * The jar of {@code group:artifact[:extension[:classifier]]:version} and its runtime
   * dependencies.
   */
  List<Path> resolve(String coordinates) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("editbench-maven");
    try {
      Path pom = work.resolve("pom.xml");
      Path classpathFile = work.resolve("classpath.txt");
      Files.writeString(pom, pom(coordinates));
      Path log = work.resolve("mvn.log");
      ProcessBuilder command =
          new ProcessBuilder(
                  "mvn",
                  "-q",
                  "-B",
                  "-Dstyle.color=never",
                  "-f",
                  pom.toString(),
                  BUILD_CLASSPATH_GOAL,
                  "-Dmdep.outputFile=" + classpathFile,
                  "-Dmdep.includeScope=runtime")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Process mvn;
      try {
        mvn = command.start();
      } catch (IOException e) {
        throw new IOException(
            coordinates
                + ": %maven runs Maven's mvn, which cannot be started ("
                + e.getMessage()
                + "); install Maven (Debian: sudo apt-get install maven) or put mvn on the PATH",
            e);
      }
      boolean finished;
      try {
        finished = mvn.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        // The cell was interrupted: Maven stops with it rather than run on behind the next cell.
        mvn.descendants().forEach(ProcessHandle::destroyForcibly);
        mvn.destroyForcibly();
        throw e;
      }
      if (!finished) {
        mvn.destroyForcibly();
        throw new IOException(
            coordinates + ": mvn did not finish in " + TIMEOUT_MINUTES + " minutes");
      }
      if (mvn.exitValue() != 0) {
        throw new IOException(
            coordinates + ": " + failure(Files.readString(log, StandardCharsets.UTF_8)));
      }
      String classpath = Files.readString(classpathFile).strip();
      return classpath.isEmpty()
          ? List.of()
          : Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList();
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  String pom(String coordinates) {
    String[] parts = coordinates.split(":");
    if (parts.length < 3 || parts.length > 5 || Arrays.stream(parts).anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "%maven expects group:artifact:version (or group:artifact:extension[:classifier]:version), got "
              + coordinates);
    }
    List<String> dependency = new ArrayList<>();
    dependency.add(element("groupId", parts[0]));
    dependency.add(element("artifactId", parts[1]));
    dependency.add(element("version", parts[parts.length - 1]));
    if (parts.length >= 4) {
      dependency.add(element("type", parts[2]));
    }
    if (parts.length == 5) {
      dependency.add(element("classifier", parts[3]));
    }
    StringBuilder repos = new StringBuilder();
    repositories.forEach(
        (id, url) ->
            repos
                .append("    <repository>")
                .append(element("id", id))
                .append(element("url", url))
                .append("</repository>\n"));
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.editbench.notebook</groupId>
          <artifactId>maven-magic</artifactId>
          <version>0</version>
          <packaging>pom</packaging>
          <repositories>
        %s  </repositories>
          <dependencies>
            <dependency>%s</dependency>
          </dependencies>
        </project>
        """
        .formatted(repos, String.join("", dependency));
  }

  private static String element(String name, String value) {
    String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return "<" + name + ">" + escaped + "</" + name + ">";
  }
}
