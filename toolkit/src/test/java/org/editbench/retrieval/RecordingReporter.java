package org.editbench.retrieval;

import java.util.ArrayList;
import java.util.List;
import org.editbench.Reporter;

/** Collects warnings so tests can assert on them. */
final class RecordingReporter implements Reporter {
  final List<String> warnings = new ArrayList<>();

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void info(String message) {}
}
