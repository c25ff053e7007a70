/**
 * Java notebooks without a Jupyter server's help: one JShell session per notebook ({@link
 * org.editbench.notebook.JShellEvaluator}, which runs Java through {@link
 * org.editbench.notebook.SnippetRunner}, says errors in cell lines through {@link
 * org.editbench.notebook.CellErrors}, answers completion and inspection through {@link
 * org.editbench.notebook.CodeInsight}, tracks the jars it adds in {@link
 * org.editbench.notebook.SessionClasspath} and runs imports, startup scripts and warm-up through
 * {@link org.editbench.notebook.SessionStartup}) with the toolkit on its class path, magics ({@link
 * org.editbench.notebook.Magics}), rendering of values by type ({@link
 * org.editbench.notebook.DisplayRenderers}), progress shown in the cell, and running a whole {@code
 * .ipynb} headless ({@link org.editbench.notebook.NotebookRunner}). The Jupyter kernel in {@code
 * kernel-install/} is a thin layer over it.
 *
 * <p><b>May use:</b> {@code results}, {@code infbench}, {@code bench}, {@code progress}, {@code
 * core} and {@code text} (for renderers); the facade only inside cells, by name, never from this
 * package's code.
 *
 * <p><b>To extend:</b> a magic: register it in {@code StandardMagics}, in the {@code Magics} a
 * session is started with, from a cell ({@code registerMagic}), or ship a {@code Magics.Provider}
 * service in a jar; a renderer for a type: {@code DisplayRenderers} or a {@code
 * DisplayRendererProvider} service.
 */
package org.editbench.notebook;
