package org.editbench.progress;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where a task started by library code shows its progress, found without the library knowing the
 * place: a {@link Provider} service (META-INF/services) offers a view — the notebook layer a
 * display in the running cell — and none means no view.
 */
public final class ProgressViews {
  /** A place that can show progress now (e.g. only while a notebook cell runs), or not. */
  public interface Provider {
    Optional<ProgressListener> open(String task);
  }

  private ProgressViews() {}

  /** The first provider's view for {@code task}, else {@link ProgressListener#NONE}. */
  public static ProgressListener open(String task) {
    for (Provider provider :
        ServiceLoader.load(Provider.class, ProgressViews.class.getClassLoader())) {
      Optional<ProgressListener> view = provider.open(task);
      if (view.isPresent()) {
        return view.get();
      }
    }
    return ProgressListener.NONE;
  }
}
