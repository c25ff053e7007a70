package org.editbench.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps what work reports, for assertions; safe to report to from several threads. */
public class RecordingReporter implements Reporter {
  public final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  public final List<String> infos = Collections.synchronizedList(new ArrayList<>());

  /** Each progress report as "{task}: {done}/{total}". */
  public final List<String> progress = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void progress(String task, long done, long total) {
    progress.add(task + ": " + done + "/" + total);
  }
}
