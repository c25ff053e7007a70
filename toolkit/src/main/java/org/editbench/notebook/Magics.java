package org.editbench.notebook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The line magics a cell may use ({@code %name args} on a line of its own), by name. Each evaluator
 * has its own registry, so magics that keep state ({@code %mavenRepo}) keep it per session.
 */
public final class Magics {
  /** A line magic: runs with the line's arguments, split at whitespace with quotes respected. */
  @FunctionalInterface
  public interface LineMagic {
    void run(List<String> arguments, Context context) throws Exception;
  }

  /**
   * A cell magic: the cell's first line is {@code %%name args}, the rest of the cell its body. What
   * it returns is the cell's value (shown as the cell's result), if any.
   */
  @FunctionalInterface
  public interface CellMagic {
    Optional<MimeBundle> run(List<String> arguments, String body, Context context) throws Exception;
  }

  /**
   * Adds magics to every session: a service (META-INF/services) in an extension jar, found at start
   * on the class path and again, in jars added with {@code %jars}, {@code %maven} or {@code
   * %classpath}, when a cell names a magic not known yet.
   */
  public interface Provider {
    void registerTo(Magics magics);
  }

  /** What a magic may do to the session it runs in. */
  public interface Context {
    /** The magic's arguments as written on its line, unsplit: Java code for {@code %time}. */
    String argumentText();

    /**
     * Runs {@code code} as cell code — magic lines and Java — and returns its trailing expression's
     * rendered value. Errors name cell lines counted from the magic's own line (a line magic's
     * code) or the line after it (a cell magic's body).
     */
    Optional<MimeBundle> run(String code) throws CellException;

    void addToClasspath(Path entry);

    /** Runs Java source (a {@code .jsh} file's text) in the session, as a cell would. */
    void evaluate(String originName, String source) throws CellException;

    /** Signature and documentation of a class or member, as {@code %doc} shows it. */
    Optional<String> documentation(String name);

    CellOutput output();
  }

  private final Map<String, LineMagic> byName = new TreeMap<>();
  private final Map<String, CellMagic> cellByName = new TreeMap<>();

  /**
   * IJava's magics ({@code %classpath}, {@code %jars}, {@code %maven}, {@code %mavenRepo}, {@code
   * %load}, {@code %doc}), {@code %time} and {@code %%time}, and those of every {@link Provider} on
   * the class path.
   */
  public static Magics standard() {
    Magics magics = StandardMagics.registerTo(new Magics());
    magics.addProviders(Magics.class.getClassLoader());
    return magics;
  }

  /** Registers (or replaces) the line magic {@code %name}. */
  public synchronized Magics register(String name, LineMagic magic) {
    byName.put(requireName(name), magic);
    return this;
  }

  /** Registers (or replaces) the cell magic {@code %%name}. */
  public synchronized Magics registerCell(String name, CellMagic magic) {
    cellByName.put(requireName(name), magic);
    return this;
  }

  /** Runs every {@link Provider} that {@code loader} finds; returns how many there were. */
  public int addProviders(ClassLoader loader) {
    int count = 0;
    for (Provider provider : ServiceLoader.load(Provider.class, loader)) {
      provider.registerTo(this);
      count++;
    }
    return count;
  }

  /** The line magics' names. */
  public synchronized SortedSet<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  /** The cell magics' names. */
  public synchronized SortedSet<String> cellNames() {
    return new TreeSet<>(cellByName.keySet());
  }

  synchronized Optional<LineMagic> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  synchronized Optional<CellMagic> findCell(String name) {
    return Optional.ofNullable(cellByName.get(name));
  }

  private static String requireName(String name) {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "a magic's name is a word of letters, digits and _: " + name);
    }
    return name;
  }
}
