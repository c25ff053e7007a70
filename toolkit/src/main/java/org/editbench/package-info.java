/**
 * The library's facade: {@link org.editbench.EditBench}, every pipeline stage as a static method
 * that takes values and returns values, and {@link org.editbench.Workspace}, the same stages on one
 * data folder for a notebook's cells. Notebooks call it and the CLI wraps it; neither adds logic of
 * its own.
 *
 * <p><b>May use:</b> every stage package ({@code bench}, {@code infbench}, {@code retrieval},
 * {@code inference}, {@code results}), {@code pipeline}, {@code progress} and {@code core}; nothing
 * uses it but {@code cli}, the notebooks' cells and the kernel.
 *
 * <p><b>To extend:</b> a new stage operation gets one method here (values in, values out, a {@code
 * Reporter} for warnings) that delegates to its stage; a {@code Workspace} method when notebooks
 * need it on their data folder.
 */
package org.editbench;
