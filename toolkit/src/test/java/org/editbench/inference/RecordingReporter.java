package org.editbench.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.editbench.Reporter;

/** Keeps what a run reports, for assertions. */
class RecordingReporter implements Reporter {
  final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  final List<String> infos = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void info(String message) {
    infos.add(message);
  }
}
