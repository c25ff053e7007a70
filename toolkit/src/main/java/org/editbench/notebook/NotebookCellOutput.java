package org.editbench.notebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cell's output collected as nbformat 4 outputs, the way Jupyter's frontends would store them.
 */
final class NotebookCellOutput implements CellOutput {
  private final List<ObjectNode> outputs = new ArrayList<>();

  /**
   * Outputs by display id, for updates; an output cleared from the cell can still be updated,
   * unseen.
   */
  private final Map<String, ObjectNode> displays = new HashMap<>();

  /** A {@code clearOutput(true)} waiting for the next output. */
  private boolean clearBeforeNextOutput;

  List<ObjectNode> outputs() {
    return outputs;
  }

  @Override
  public void stdout(String text) {
    stream("stdout", text);
  }

  @Override
  public void stderr(String text) {
    stream("stderr", text);
  }

  @Override
  public void display(MimeBundle bundle) {
    add(bundleOutput("display_data", bundle));
  }

  @Override
  public void display(MimeBundle bundle, String displayId) {
    ObjectNode output = bundleOutput("display_data", bundle);
    displays.put(displayId, output);
    add(output);
  }

  /** As Jupyter's frontends do: the display's output keeps its place and takes the new data. */
  @Override
  public void updateDisplay(MimeBundle bundle, String displayId) {
    ObjectNode output = displays.get(displayId);
    if (output != null) {
      output.setAll(bundleOutput("display_data", bundle));
    }
  }

  @Override
  public void clearOutput(boolean wait) {
    if (wait) {
      clearBeforeNextOutput = true;
    } else {
      outputs.clear();
    }
  }

  /** The pager has no place in a saved notebook; what it would show is kept as a display. */
  @Override
  public void page(MimeBundle bundle) {
    display(bundle);
  }

  void executeResult(int executionCount, MimeBundle bundle) {
    ObjectNode output = bundleOutput("execute_result", bundle);
    output.put("execution_count", executionCount);
    add(output);
  }

  void error(CellException error) {
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("output_type", "error");
    output.put("ename", error.ename());
    output.put("evalue", error.evalue());
    ArrayNode traceback = output.putArray("traceback");
    error.traceback().forEach(traceback::add);
    add(output);
  }

  /** Consecutive writes to one stream make one output, as Jupyter merges them. */
  private void stream(String name, String text) {
    if (!clearBeforeNextOutput && !outputs.isEmpty()) {
      ObjectNode last = outputs.get(outputs.size() - 1);
      if ("stream".equals(last.path("output_type").asText())
          && name.equals(last.path("name").asText())) {
        String merged = NotebookDocument.multiline(last.get("text")) + text;
        last.set("text", NotebookDocument.lines(merged));
        return;
      }
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("output_type", "stream");
    output.put("name", name);
    output.set("text", NotebookDocument.lines(text));
    add(output);
  }

  private static ObjectNode bundleOutput(String type, MimeBundle bundle) {
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("output_type", type);
    output.set("data", NotebookDocument.mimeData(bundle.data()));
    output.set("metadata", NotebookDocument.object(bundle.metadata()));
    return output;
  }

  private void add(ObjectNode output) {
    if (clearBeforeNextOutput) {
      outputs.clear();
      clearBeforeNextOutput = false;
    }
    outputs.add(output);
  }
}
