/**
 * Running models over infbench files: the model table ({@link org.editbench.inference.ModelTable},
 * {@code models.json}), the wire protocols ({@link org.editbench.inference.ApiCodec} per API
 * style), HTTP with retries and cost accounting, batch APIs, resumable prediction files under
 * {@code experiment_results/{model}/T={t}/n={n}/} ({@link org.editbench.inference.ResultFile}) and
 * merging them ({@link org.editbench.inference.MergeResults}); {@link
 * org.editbench.inference.RunApi} runs it all.
 *
 * <p><b>May use:</b> {@code bench}, {@code core} and {@code text}.
 *
 * <p><b>To extend:</b> a model: an entry in {@code models.json}; a wire protocol: an {@code
 * ApiCodec} and its {@code ApiStyle}; a provider's batch API: a {@code BatchApi}, made in {@code
 * BatchApi.connect}.
 */
package org.editbench.inference;
