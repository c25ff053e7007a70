package org.editbench.notebook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The line magics a cell may use ({@code %name args} on a line of its own), by name. Each
 * evaluator has its own registry, so magics that keep state ({@code %mavenRepo}) keep it per session.
 */
public final class Magics {
  /** A line magic: runs with the line's arguments, split at whitespace with quotes respected. */
  @FunctionalInterface
  public interface LineMagic {
    void run(List<String> arguments, Context context) throws Exception;
  }

  /** What a magic may do to the session it runs in. */
  public interface Context {
    void addToClasspath(Path entry);

    /** Runs Java source (a {@code .jsh} file's text) in the session, as a cell would. */
    void evaluate(String originName, String source) throws CellException;

    /** Signature and documentation of a class or member, as {@code %doc} shows it. */
    Optional<String> documentation(String name);

    CellOutput output();
  }

  private final Map<String, LineMagic> byName = new TreeMap<>();

  /** IJava's magics: {@code %classpath}, {@code %jars}, {@code %maven}, {@code %mavenRepo}, {@code %load}, {@code %doc}. */
  public static Magics standard() {
    return StandardMagics.registerTo(new Magics());
  }

  public Magics register(String name, LineMagic magic) {
    byName.put(name, magic);
    return this;
  }

  public SortedSet<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  Optional<LineMagic> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
