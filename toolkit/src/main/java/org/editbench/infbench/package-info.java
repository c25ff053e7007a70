/**
 * Building infbench files from a bench: the split of a history ({@link
 * org.editbench.infbench.Split}, {@link org.editbench.infbench.InstanceSplitter}), the prompt
 * ({@link org.editbench.infbench.Prompts}, {@link org.editbench.infbench.PromptTemplate}, {@link
 * org.editbench.infbench.Requirement}), the variants' names ({@link org.editbench.infbench.RunId})
 * and the resumable, multi-threaded builder ({@link org.editbench.infbench.InfbenchBuilder}). Pure
 * apart from the builder and {@link org.editbench.infbench.PatchHistories}, which read and write
 * files.
 *
 * <p><b>May use:</b> {@code bench}, {@code diff}, {@code core} and {@code text}; the code context
 * comes in through {@link org.editbench.infbench.CodeContextSource}, so retrieval plugs in from
 * above.
 *
 * <p><b>To extend:</b> a new run_id variant: its grammar in {@code RunId}, what it changes in
 * {@code InstanceSplitter} or {@code Prompts}; a new source of code context implements {@code
 * CodeContextSource}.
 */
package org.editbench.infbench;
