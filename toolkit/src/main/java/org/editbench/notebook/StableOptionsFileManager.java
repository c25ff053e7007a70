package org.editbench.notebook;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * JShell's compiler file manager, minus a re-indexing of the class path on every compilation.
 *
 * <p>Why: JShell compiles about five times per snippet, and each compilation hands the file manager
 * {@code --multi-release} again with the same value. javac's file manager drops its index of the
 * class path whenever it is given a file-manager option, and rebuilds it on the next lookup — for
 * the toolkit's jar, thousands of packages per compilation, a fifth of a trivial cell's time. An
 * option given again with the value it already has changes nothing, so it is not passed on; a new
 * value, and every other option ({@code %classpath} sets {@code -classpath}), is.
 */
final class StableOptionsFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
    implements StandardJavaFileManager {
  /** Options whose repetition with an unchanged value is absorbed here. */
  private static final List<String> STABLE_OPTIONS = List.of("--multi-release");

  private final Map<String, String> lastValues = new HashMap<>();
  private int absorbedRepeats;

  StableOptionsFileManager(StandardJavaFileManager fileManager) {
    super(fileManager);
  }

  @Override
  public synchronized boolean handleOption(String current, Iterator<String> remaining) {
    if (!STABLE_OPTIONS.contains(current) || !remaining.hasNext()) {
      return super.handleOption(current, remaining);
    }
    String value = remaining.next();
    if (Objects.equals(lastValues.get(current), value)) {
      absorbedRepeats++;
      return true;
    }
    boolean handled = super.handleOption(current, List.of(value).iterator());
    if (handled) {
      lastValues.put(current, value);
    }
    return handled;
  }

  /** How many repeated options were not passed on: the re-indexings saved. */
  synchronized int absorbedRepeats() {
    return absorbedRepeats;
  }

  // StandardJavaFileManager's own methods, forwarded (ForwardingJavaFileManager covers the rest).

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(
      Iterable<? extends File> files) {
    return fileManager.getJavaFileObjectsFromFiles(files);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(
      Collection<? extends Path> paths) {
    return fileManager.getJavaFileObjectsFromPaths(paths);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
    return fileManager.getJavaFileObjects(files);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
    return fileManager.getJavaFileObjects(paths);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
    return fileManager.getJavaFileObjectsFromStrings(names);
  }

  @Override
  public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
    return fileManager.getJavaFileObjects(names);
  }

  @Override
  public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
    fileManager.setLocation(location, files);
  }

  @Override
  public void setLocationFromPaths(Location location, Collection<? extends Path> paths)
      throws IOException {
    fileManager.setLocationFromPaths(location, paths);
  }

  @Override
  public void setLocationForModule(
      Location location, String moduleName, Collection<? extends Path> paths) throws IOException {
    fileManager.setLocationForModule(location, moduleName, paths);
  }

  @Override
  public Iterable<? extends File> getLocation(Location location) {
    return fileManager.getLocation(location);
  }

  @Override
  public Iterable<? extends Path> getLocationAsPaths(Location location) {
    return fileManager.getLocationAsPaths(location);
  }

  @Override
  public Path asPath(javax.tools.FileObject file) {
    return fileManager.asPath(file);
  }

  @Override
  public void setPathFactory(PathFactory factory) {
    fileManager.setPathFactory(factory);
  }
}
