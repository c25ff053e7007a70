package org.editbench.notebook;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.editbench.bench.DatasetMerges.MergeResult;
import org.editbench.infbench.InfbenchReport;
import org.editbench.inference.MergeResults.Merged;
import org.editbench.inference.RunStats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the pipeline's stages return — a build's counts, a run's statistics, a merge's files — as a
 * table, a row per variant, run or file, when a cell ends with the call ({@code eb.runApi("gold",
 * runIds)}): their records' text was one line of nested values and absolute paths. Files are named
 * by their last folders, which say what they hold, not where the data folder is.
 */
final class StageResultRendering {
  private StageResultRendering() {}

  static void registerTo(DisplayRenderers renderers) {
    renderers.register(InfbenchReport.class, report -> rendered(List.of(report)));
    renderers.register(RunStats.class, stats -> rendered(List.of(stats)));
    renderers.register(MergeResult.class, merge -> rendered(List.of(merge)));
    renderers.register(Merged.class, merged -> rendered(List.of(merged)));
    // A list of them, as the workspace's methods return; other lists are left to the default.
    renderers.register(List.class, StageResultRendering::rendered);
  }

  /** The table of {@code values} when all are results of one stage, else null. */
  private static MimeBundle rendered(List<?> values) {
    Table table =
        tableOf(values, InfbenchReport.class, StageResultRendering::builds)
            .or(() -> tableOf(values, RunStats.class, StageResultRendering::runs))
            .or(() -> tableOf(values, MergeResult.class, StageResultRendering::merges))
            .or(() -> tableOf(values, Merged.class, StageResultRendering::mergedResults))
            .orElse(null);
    return table == null ? null : TableRendering.render(table);
  }

  private static <T> Optional<Table> tableOf(
      List<?> values, Class<T> type, Function<List<T>, Table> table) {
    if (values.isEmpty() || !values.stream().allMatch(type::isInstance)) {
      return Optional.empty();
    }
    return Optional.of(table.apply(values.stream().map(type::cast).toList()));
  }

  private static Table builds(List<InfbenchReport> reports) {
    List<InfbenchReport.VariantCounts> rows =
        reports.stream().flatMap(report -> report.variants().stream()).toList();
    return Table.create(
        "infbench build",
        StringColumn.create("output", rows.stream().map(v -> shortName(v.output(), 1))),
        StringColumn.create("run_id", rows.stream().map(InfbenchReport.VariantCounts::runId)),
        ints("processed", rows, InfbenchReport.VariantCounts::processed),
        ints("already present", rows, InfbenchReport.VariantCounts::alreadyPresent),
        ints("written", rows, InfbenchReport.VariantCounts::written),
        ints("invalid", rows, InfbenchReport.VariantCounts::invalid));
  }

  private static Table runs(List<RunStats> runs) {
    return Table.create(
        "run-api",
        StringColumn.create("model", runs.stream().map(r -> r.combination().model().name())),
        StringColumn.create("T", runs.stream().map(r -> r.combination().model().temperatureText())),
        StringColumn.create("dataset", runs.stream().map(r -> r.combination().datasetName())),
        StringColumn.create("run_id", runs.stream().map(r -> r.combination().runId())),
        ints("succeeded", runs, RunStats::succeeded),
        ints("failed", runs, RunStats::failed),
        ints("cut off", runs, RunStats::cutOff),
        ints("skipped", runs, RunStats::skipped),
        ints("retries", runs, RunStats::retries),
        DoubleColumn.create("cost ($)", runs.stream().mapToDouble(RunStats::cost)),
        DoubleColumn.create(
            "seconds", runs.stream().mapToDouble(r -> r.elapsed().toMillis() / 1000.0)),
        StringColumn.create(
            "output", runs.stream().map(r -> shortName(r.combination().output(), 4))));
  }

  private static Table merges(List<MergeResult> merges) {
    return Table.create(
        "merge",
        StringColumn.create("output", merges.stream().map(m -> shortName(m.output(), 1))),
        ints("inputs", merges, m -> m.inputs().size()),
        ints("records", merges, MergeResult::records),
        ints("duplicates skipped", merges, MergeResult::duplicatesSkipped),
        ints("duplicates kept", merges, MergeResult::duplicatesKept),
        ints("invalid lines", merges, MergeResult::invalidLines));
  }

  private static Table mergedResults(List<Merged> merged) {
    return Table.create(
        "merge-results",
        StringColumn.create("run_id", merged.stream().map(Merged::runId)),
        ints("records", merged, Merged::records),
        ints("repositories", merged, Merged::repositories),
        StringColumn.create("output", merged.stream().map(m -> shortName(m.file(), 4))));
  }

  private static <T> IntColumn ints(String name, List<T> rows, Function<T, Integer> value) {
    return IntColumn.create(name, rows.stream().mapToInt(value::apply).toArray());
  }

  /** The last {@code parts} names of {@code path}: {@code gold/T=0/n=1/all-….jsonl} for 4. */
  private static String shortName(Path path, int parts) {
    int count = path.getNameCount();
    return path.subpath(Math.max(0, count - parts), count).toString();
  }
}
