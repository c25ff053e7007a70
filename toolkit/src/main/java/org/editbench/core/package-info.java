/**
 * What every stage shares and nothing else: {@link org.editbench.core.Reporter} (warnings and
 * notes), {@link org.editbench.core.DataPaths} (the data folder's layout) and the I/O of JSON Lines
 * files — reading them strictly ({@link org.editbench.core.Jsonl}, {@link
 * org.editbench.core.JsonLineReader}), writing JSON exactly as Python's {@code json.dumps} does
 * ({@link org.editbench.core.JsonText}, {@link org.editbench.core.PyJson}), appending crash-safely
 * and resuming ({@link org.editbench.core.JsonlAppender}), atomic whole-file writes ({@link
 * org.editbench.core.AtomicFiles}) and safe file names ({@link org.editbench.core.SafePaths}).
 *
 * <p><b>May use:</b> the JDK and Jackson only: no other {@code org.editbench} package
 * (PackageLayersTest checks).
 *
 * <p><b>To extend:</b> a file format or layout fact that more than one stage needs goes here;
 * anything that knows what a bench instance, a prompt or a prediction is belongs to its stage
 * instead.
 */
package org.editbench.core;
