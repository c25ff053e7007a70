/**
 * Progress of long tasks, independent of where it is shown: {@link
 * org.editbench.progress.ProgressTracker} counts, {@link org.editbench.progress.ProgressSnapshot}
 * is what a display draws, and {@link org.editbench.progress.ProgressViews} finds the display (a
 * notebook cell, a terminal) through a service.
 *
 * <p><b>May use:</b> the JDK only.
 *
 * <p><b>To extend:</b> a new place to show progress implements {@code ProgressViews.Provider} and
 * registers it in {@code META-INF/services}.
 */
package org.editbench.progress;
