/**
 * What predictions come to: offline metrics per instance ({@link org.editbench.results.Scoring},
 * {@link org.editbench.results.InstanceMetrics}, {@link org.editbench.results.PatchSimilarity}),
 * the summary table per model, T, n, dataset and run_id ({@link
 * org.editbench.results.ResultsSummary}), tables of predictions for notebooks ({@link
 * org.editbench.results.PredictionTable}) and charts ({@link org.editbench.results.Charts}).
 *
 * <p><b>May use:</b> {@code inference}, {@code infbench}, {@code bench}, {@code diff}, {@code core}
 * and {@code text}.
 *
 * <p><b>To extend:</b> a metric is a constant of {@link org.editbench.results.Metric} (column, JSON
 * key, label, scale, direction, computation, aggregation) added to {@code Metric.ALL}; the score
 * files, stored results, the summary, its formats, the prediction table and the charts iterate over
 * the definitions.
 */
package org.editbench.results;
