package org.editbench.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A CellOutput that records each call, in order, as "kind:detail". */
final class RecordingOutput implements CellOutput {
  final List<String> events = new ArrayList<>();
  final List<MimeBundle> displayed = new ArrayList<>();
  final List<MimeBundle> paged = new ArrayList<>();

  /** The ids of displays shown with one, in order. */
  final List<String> displayIds = new ArrayList<>();

  final List<Map.Entry<String, MimeBundle>> updates = new ArrayList<>();

  @Override
  public synchronized void stdout(String text) {
    events.add("stdout:" + text);
  }

  @Override
  public synchronized void stderr(String text) {
    events.add("stderr:" + text);
  }

  @Override
  public synchronized void display(MimeBundle bundle) {
    events.add("display:" + bundle.text());
    displayed.add(bundle);
  }

  @Override
  public synchronized void display(MimeBundle bundle, String displayId) {
    display(bundle);
    displayIds.add(displayId);
  }

  @Override
  public synchronized void updateDisplay(MimeBundle bundle, String displayId) {
    events.add("update:" + bundle.text());
    updates.add(Map.entry(displayId, bundle));
  }

  @Override
  public synchronized void clearOutput(boolean wait) {
    events.add("clear:" + wait);
  }

  @Override
  public synchronized void page(MimeBundle bundle) {
    events.add("page");
    paged.add(bundle);
  }

  synchronized String stdoutText() {
    return streamText("stdout:");
  }

  synchronized String stderrText() {
    return streamText("stderr:");
  }

  private String streamText(String prefix) {
    return events.stream()
        .filter(e -> e.startsWith(prefix))
        .map(e -> e.substring(prefix.length()))
        .collect(Collectors.joining());
  }
}
