package org.editbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The toolkit's packages form a DAG in the direction of the data, as the JDK's {@code jdeps
 * -verbose:package} sees the compiled classes: no cycle among {@code org.editbench} packages, and
 * no package uses one listed after it in {@link #LAYERS}.
 */
class PackageLayersTest {
  /**
   * The packages from the bottom up: each may use those before it, never one after it. A package
   * missing here is still checked for cycles; add it where it belongs.
   */
  static final List<String> LAYERS =
      List.of(
          "text",
          "progress",
          "core",
          "diff",
          "bench",
          "infbench",
          "retrieval",
          "inference",
          "results",
          "pipeline",
          "",
          "notebook",
          "cli");

  private static final Pattern EDGE =
      Pattern.compile(
          "^\\s+(org\\.editbench(?:\\.[\\w.]+)?)\\s+->\\s+(\\S+)\\s", Pattern.MULTILINE);

  @Test
  void noPackageCycle() throws Exception {
    Map<String, Set<String>> uses = packageDependencies(classesDirectory());
    assertTrue(uses.size() >= LAYERS.size() - 1, "jdeps found too few packages: " + uses.keySet());
    assertEquals(
        List.of(),
        cycles(uses),
        "package cycles (see jdeps -verbose:class toolkit/target/classes)");
  }

  @Test
  void noPackageUsesALaterLayer() throws Exception {
    List<String> upward = new ArrayList<>();
    packageDependencies(classesDirectory())
        .forEach(
            (from, targets) -> {
              for (String to : targets) {
                int fromLayer = LAYERS.indexOf(shortName(from));
                int toLayer = LAYERS.indexOf(shortName(to));
                if (fromLayer >= 0 && toLayer > fromLayer) {
                  upward.add(from + " -> " + to);
                }
              }
            });
    assertEquals(
        List.of(), upward, "dependencies against the data's direction (layers: " + LAYERS + ")");
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> uses =
        new TreeMap<>(
            Map.of(
                "org.editbench.a", Set.of("org.editbench.b"),
                "org.editbench.b", Set.of("org.editbench.c"),
                "org.editbench.c", Set.of("org.editbench.a", "org.editbench.d"),
                "org.editbench.d", Set.of()));
    assertEquals(
        List.of("org.editbench.a -> org.editbench.b -> org.editbench.c -> org.editbench.a"),
        cycles(uses));
    assertEquals(List.of(), cycles(Map.of("org.editbench.a", Set.of("org.editbench.b"))));
    // two cycles through one package are one strongly connected set: one report
    assertEquals(
        List.of("org.editbench.a -> org.editbench.b -> org.editbench.a"),
        cycles(
            Map.of(
                "org.editbench.a", Set.of("org.editbench.b", "org.editbench.c"),
                "org.editbench.b", Set.of("org.editbench.a"),
                "org.editbench.c", Set.of("org.editbench.a"))));
  }

  /** package → the other {@code org.editbench} packages its classes use, by jdeps. */
  static Map<String, Set<String>> packageDependencies(Path classes) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new AssertionError("jdeps is missing: run the tests on a JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        jdeps.run(
            new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
    assertEquals(0, exit, "jdeps failed: " + err);
    Map<String, Set<String>> uses = new TreeMap<>();
    Matcher edge = EDGE.matcher(out.toString());
    while (edge.find()) {
      uses.computeIfAbsent(edge.group(1), p -> new TreeSet<>());
      if (edge.group(2).matches("org\\.editbench(\\..*)?")
          && !edge.group(1).equals(edge.group(2))) {
        uses.get(edge.group(1)).add(edge.group(2));
      }
    }
    return uses;
  }

  /**
   * One cycle per strongly connected set of packages: the shortest path that closes it from its
   * least package.
   */
  static List<String> cycles(Map<String, Set<String>> uses) {
    List<String> found = new ArrayList<>();
    Set<String> covered = new TreeSet<>();
    for (String start : new TreeSet<>(uses.keySet())) {
      if (covered.contains(start)) {
        continue;
      }
      List<String> path = shortestPath(uses, start, start);
      if (path != null) {
        found.add(String.join(" -> ", path));
        for (String member : reachable(uses, start)) {
          if (reachable(uses, member).contains(start)) {
            covered.add(member);
          }
        }
      }
    }
    return found;
  }

  private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(List.of(from));
    while (!todo.isEmpty()) {
      for (String q : uses.getOrDefault(todo.remove(todo.size() - 1), Set.of())) {
        if (seen.add(q)) {
          todo.add(q);
        }
      }
    }
    return seen;
  }

  /**
   * The shortest path of dependencies from {@code from} back to {@code to} (breadth first), or
   * null.
   */
  private static List<String> shortestPath(Map<String, Set<String>> uses, String from, String to) {
    Map<String, String> previous = new TreeMap<>();
    List<String> frontier = List.of(from);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String p : frontier) {
        for (String q : new TreeSet<>(uses.getOrDefault(p, Set.of()))) {
          if (q.equals(to)) {
            List<String> path = new ArrayList<>(List.of(q));
            for (String at = p; at != null; at = previous.get(at)) {
              path.add(0, at);
            }
            return path;
          }
          if (!previous.containsKey(q) && !q.equals(from)) {
            previous.put(q, p);
            next.add(q);
          }
        }
      }
      frontier = next;
    }
    return null;
  }

  private static String shortName(String pkg) {
    return pkg.equals("org.editbench") ? "" : pkg.substring("org.editbench.".length());
  }

  private static Path classesDirectory() throws Exception {
    Path classes =
        Path.of(EditBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(
        Files.isDirectory(classes.resolve("org/editbench")), "not a class folder: " + classes);
    return classes;
  }
}
