/**
 * The orchestration of every stage on one data folder, as the reference runs it ({@link
 * org.editbench.pipeline.Pipeline}): bench files → infbench variants (one code context source per
 * run) → merged infbench → inference → merged predictions → summary and charts, with the caller's
 * reporter and data folder throughout.
 *
 * <p><b>May use:</b> every stage package and {@code core}; the facade and the CLI use it, never a
 * stage.
 *
 * <p><b>To extend:</b> a new stage joins the run here, called directly (not through the facade),
 * and says what it did in one line to the reporter.
 */
package org.editbench.pipeline;
