package org.editbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.editbench.EditBench;
import org.editbench.Workspace;
import org.editbench.cli.SampleData;

/**
 * The sample bench at run_id 0.4 answered by gold and by the last-step baseline, as notebook 04 has
 * it.
 */
public final class TwoBaselines {
  private TwoBaselines() {}

  /**
   * Copies the sample under {@code root}, runs both offline models, merges, and returns their
   * predictions.
   */
  public static PredictionTable run(Path root) throws IOException {
    SampleData.copyTo(root);
    Workspace eb = EditBench.open(root.toString());
    eb.buildInfbench(List.of("0.4"));
    eb.mergeAllInfbench();
    for (String model : List.of("gold", "last-step")) {
      eb.runApi(model, List.of("0.4"));
      eb.mergeResults(model);
    }
    return eb.predictions(List.of(), "0.4");
  }
}
