/**
 * The Jupyter kernel: {@link org.editbench.kernel.EditBenchKernel} speaks Jupyter's wire protocol
 * through jjava and hands every request to the toolkit's {@code notebook} package: one JShell
 * evaluator per kernel, started and warmed up in the background ({@link
 * org.editbench.kernel.KernelSession}), its cells' output sent as IOPub messages ({@link
 * org.editbench.kernel.MessageOutput}). The rest adapts jjava where it falls short (blocking
 * channels, replies the protocol wants, history). {@link org.editbench.kernel.KernelMain} is what
 * the installed kernel spec starts.
 *
 * <p><b>May use:</b> the toolkit's {@code notebook} package and jjava; cells reach the facade
 * through the evaluator, not through this package.
 *
 * <p><b>To extend:</b> a new request type is a handler in {@code EditBenchKernel} calling the
 * evaluator; what cells can do (magics, renderers, imports) belongs in the toolkit's {@code
 * notebook} package, so that {@code editbench notebook run} gets it too.
 */
package org.editbench.kernel;
