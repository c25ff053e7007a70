package org.editbench.notebook;

import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;

/**
 * The jars a session adds to the toolkit's class path — {@code IJAVA_CLASSPATH}'s at start, a
 * magic's ({@code %jars}, {@code %maven}) later — and the {@link Magics.Provider}s they bring.
 */
final class SessionClasspath {
  private final JShell jshell;

  /** Jars were added since magic providers were last looked for in them. */
  private boolean addedSinceProviderLookup;

  SessionClasspath(JShell jshell) {
    this.jshell = jshell;
  }

  /** Adds the paths that each of {@code patterns} ({@code lib/*.jar}) matches. */
  void addAll(List<String> patterns) {
    patterns.stream().flatMap(pattern -> PathGlobs.expand(pattern).stream()).forEach(this::add);
  }

  void add(Path entry) {
    jshell.addToClasspath(entry.toAbsolutePath().toString());
    addedSinceProviderLookup = true;
  }

  /**
   * Registers the magics of the providers in jars added since the last call, if any were added
   * (false when none were). Providers live in JShell's class loader, which only a snippet's thread
   * has as its context loader: a snippet looks for them.
   */
  boolean loadAddedMagicProviders() {
    if (!addedSinceProviderLookup) {
      return false;
    }
    addedSinceProviderLookup = false;
    jshell.eval("org.editbench.notebook.Display.addMagicProviders();");
    return true;
  }
}
