/**
 * Unified diffs in pure Java: {@link org.editbench.diff.UnifiedDiff} writes them as Python's {@code
 * difflib} does (over {@link org.editbench.diff.SequenceMatcher}), and two appliers read them —
 * {@link org.editbench.diff.PatchApplier}, GNU patch 2.7.6 with fuzz (how the reference replays
 * histories), and {@link org.editbench.diff.GitApply}, git apply without fuzz (how the harness
 * applies a model's patch).
 *
 * <p><b>May use:</b> {@code text} only.
 *
 * <p><b>To extend:</b> another applier's behaviour is a class beside these two, reading hunks like
 * them; the parity tests ({@code CorpusReplayTest}, {@code PatchApplierTest}, {@code GitApplyTest})
 * are the contract.
 */
package org.editbench.diff;
