/**
 * The bench stage: {@link org.editbench.bench.BenchInstance} (one pull request with its edit
 * history), reading bench and infbench files in the reference's order ({@link
 * org.editbench.bench.BenchReader}, {@link org.editbench.bench.InstanceJson}) and the reference's
 * merges into {@code all-…} files ({@link org.editbench.bench.DatasetMerges}).
 *
 * <p><b>May use:</b> {@code core} and {@code text}.
 *
 * <p><b>To extend:</b> a new field of a bench record goes into {@code BenchInstance} and {@code
 * InstanceJson} (read and written in one place).
 */
package org.editbench.bench;
