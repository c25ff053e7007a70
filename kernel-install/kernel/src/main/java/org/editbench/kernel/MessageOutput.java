package org.editbench.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.editbench.notebook.CellOutput;
import org.editbench.notebook.MimeBundle;

/**
 * A cell's output as IOPub messages, sent as it comes (nothing of a silent cell); pager text kept
 * for the reply's payload.
 */
final class MessageOutput implements CellOutput {
  private final ShellReplyEnvironment env;
  private final boolean silent;
  private final List<Map<String, Object>> payload = new ArrayList<>();

  MessageOutput(ShellReplyEnvironment env, boolean silent) {
    this.env = env;
    this.silent = silent;
  }

  static DisplayData displayData(MimeBundle bundle) {
    DisplayData data = new DisplayData();
    bundle.data().forEach(data::putData);
    bundle.metadata().forEach(data::putMetaData);
    return data;
  }

  /** What the cell paged ({@code %doc}), for the {@code execute_reply}. */
  List<Map<String, Object>> payload() {
    return payload;
  }

  @Override
  public void stdout(String text) {
    if (!silent) {
      env.writeToStdOut(text);
    }
  }

  @Override
  public void stderr(String text) {
    if (!silent) {
      env.writeToStdErr(text);
    }
  }

  @Override
  public void display(MimeBundle bundle) {
    if (!silent) {
      env.publish(new PublishDisplayData(displayData(bundle)));
    }
  }

  @Override
  public void display(MimeBundle bundle, String displayId) {
    if (!silent) {
      env.publish(new PublishDisplayData(withId(bundle, displayId)));
    }
  }

  /** Jupyter redraws every output of that display id in place, also once the cell has ended. */
  @Override
  public void updateDisplay(MimeBundle bundle, String displayId) {
    if (!silent) {
      env.publish(new PublishUpdateDisplayData(withId(bundle, displayId)));
    }
  }

  private static DisplayData withId(MimeBundle bundle, String displayId) {
    DisplayData data = displayData(bundle);
    data.setDisplayId(displayId);
    return data;
  }

  @Override
  public void clearOutput(boolean wait) {
    if (!silent) {
      env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }
  }

  @Override
  public void page(MimeBundle bundle) {
    payload.add(ExecuteReplyWithPayload.page(bundle.data()));
  }
}
