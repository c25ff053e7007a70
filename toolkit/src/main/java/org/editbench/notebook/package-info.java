/**
 * Java notebooks without a Jupyter server's help: one JShell session per notebook ({@link
 * org.editbench.notebook.JShellEvaluator}) with the toolkit on its class path, magics ({@link
 * org.editbench.notebook.Magics}), rendering of values by type ({@link
 * org.editbench.notebook.DisplayRenderers}), progress shown in the cell, and running a whole {@code
 * .ipynb} headless ({@link org.editbench.notebook.NotebookRunner}). The Jupyter kernel in {@code
 * kernel-install/} is a thin layer over it.
 *
 * <p><b>May use:</b> {@code results}, {@code infbench}, {@code bench}, {@code progress}, {@code
 * core} and {@code text} (for renderers); the facade only inside cells, by name, never from this
 * package's code.
 *
 * <p><b>To extend:</b> a magic: register it in {@code Magics} (or ship a {@code Magics.Provider}
 * service); a renderer for a type: {@code DisplayRenderers} or a {@code DisplayRendererProvider}
 * service.
 */
package org.editbench.notebook;
