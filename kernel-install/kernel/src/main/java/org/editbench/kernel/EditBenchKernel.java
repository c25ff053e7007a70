package org.editbench.kernel;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.editbench.notebook.CellException;
import org.editbench.notebook.EvaluatorConfig;
import org.editbench.notebook.JShellEvaluator;
import org.editbench.notebook.MimeBundle;

/**
 * The Jupyter side of the toolkit's {@link JShellEvaluator}: jjava handles the wire protocol, this
 * class turns requests into evaluator calls and evaluator output into messages.
 *
 * <p>The evaluator starts on a background thread after the first {@code kernel_info} reply, so that
 * reply goes out at once, and warms up there ({@link KernelSession}); the first cell waits for what
 * is left of that (a second or so of compiler warm-up). A cell's output goes out as it comes
 * ({@link MessageOutput}).
 */
final class EditBenchKernel extends BaseKernel {
  /**
   * How long {@link #sayEndingDuringCell} lets the cell's last printed text go out first: the
   * cell's output hands text on within {@code BatchedCellOutput.INTERVAL_MILLIS} (50 ms).
   */
  private static final long LAST_OUTPUT_MILLIS = 150;

  private final KernelSession session;
  private final CellHistory history;

  /** The running cell's output, while a cell runs: where the JVM's end is said if it comes then. */
  private volatile MessageOutput runningCell;

  EditBenchKernel(EvaluatorConfig config, CellHistory history) {
    super(
        "editbench",
        implementationVersion(),
        languageInfo(),
        List.of(),
        history,
        new JupyterIO(StandardCharsets.UTF_8),
        new CommManager(),
        new Renderer(),
        null,
        null,
        false,
        new StringStyler.Builder().build());
    this.session = new KernelSession(config);
    this.history = history;
  }

  private static String implementationVersion() {
    String version = EditBenchKernel.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  private static LanguageInfo languageInfo() {
    return new LanguageInfo.Builder("java")
        .version(
            Runtime.version().version().stream()
                .map(String::valueOf)
                .collect(Collectors.joining(".")))
        .mimetype("text/x-java-source")
        .fileExtension(".java")
        .pygments("java")
        .codemirror("text/x-java")
        .build();
  }

  // ---- execute ---------------------------------------------------------------------------------

  @Override
  protected synchronized void handleExecuteRequest(
      ShellReplyEnvironment env, Message<ExecuteRequest> message) {
    commManager.setMessageContext(message);
    ExecuteRequest request = message.getContent();
    // Silent runs and runs outside history neither count nor show (the protocol's rule).
    boolean counted = request.shouldStoreHistory() && !request.isSilent();
    int count = counted ? executionCount.getAndIncrement() : executionCount.get();
    env.setStatusBusy();
    if (!request.isSilent()) {
      env.publish(new PublishExecuteInput(request.getCode(), count));
    }
    MessageOutput output = new MessageOutput(env, request.isSilent());
    CellException failure = null;
    String historyOutput;
    runningCell = output;
    try {
      Optional<MimeBundle> value =
          session.awaitForCell().execute("In [" + count + "]", request.getCode(), output);
      if (value.isPresent() && !request.isSilent()) {
        env.publish(new PublishExecuteResult(count, MessageOutput.displayData(value.get())));
      }
      historyOutput = value.map(MimeBundle::text).orElse("");
    } catch (CellException e) {
      failure = e;
      historyOutput = e.ename() + ": " + e.evalue();
      env.publish(new PublishError(e.ename(), e.evalue(), e.traceback()));
    } finally {
      runningCell = null;
    }
    if (counted) {
      history.record(count, request.getCode(), historyOutput);
    }
    // Idle goes out before the reply: a client holding the reply then finds every output of the
    // cell already on IOPub, however busy the machine.
    env.setStatusIdle();
    if (failure == null) {
      env.reply(new ExecuteReplyWithPayload(count, output.payload()));
    } else {
      ErrorReply reply = new ErrorReply(failure.ename(), failure.evalue(), failure.traceback());
      reply.setExecutionCount(count);
      env.replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }
  }

  /**
   * For a JVM ending while a cell runs ({@code System.exit} in it, or a signal): once the cell's
   * last printed text has gone out, says in the cell why the kernel dies. Otherwise the cell keeps
   * nothing but Jupyter's "the kernel appears to have died". Called by a shutdown hook.
   *
   * @return whether a cell was running, and was told
   */
  boolean sayEndingDuringCell() {
    MessageOutput cell = runningCell;
    if (cell == null) {
      return false;
    }
    try {
      Thread.sleep(LAST_OUTPUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cell.stderr(
        "The kernel's JVM is ending while this cell runs (System.exit in the cell, or the process"
            + " was stopped): Jupyter restarts the kernel, and the session's variables are lost."
            + " To stop a computation, throw an exception or return instead.\n");
    return true;
  }

  // ---- kernel_info, history -------------------------------------------------------------------

  @Override
  protected void handleKernelInfoRequest(
      ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
    env.setBusyDeferIdle();
    env.reply(
        new OkReplies.KernelInfo(
            Header.PROTOCOL_VERISON,
            name,
            version,
            getLanguageInfo(),
            getBanner(),
            getHelpLinks()));
    session.start();
  }

  @Override
  protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
    HistoryRequest request = message.getContent();
    env.setBusyDeferIdle();
    Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
    if (request.includeOutput()) {
      flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
    }
    List<HistoryEntry> entries =
        switch (request.getAccessType()) {
          case TAIL ->
              history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
          case RANGE -> {
            HistoryRequest.Range range = (HistoryRequest.Range) request;
            yield history.lookupRange(
                range.getSessionIndex(), range.getStart(), range.getStop(), flags);
          }
          case SEARCH -> {
            HistoryRequest.Search search = (HistoryRequest.Search) request;
            if (search.filterUnique()) {
              flags.add(HistoryManager.ResultFlag.UNIQUE);
            }
            yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
          }
        };
    sendHistoryReply(env, OkReplies.history(entries));
  }

  @SuppressWarnings({
    "unchecked",
    "rawtypes"
  }) // the content is plain JSON values, see OkReplies.history
  private static void sendHistoryReply(ShellReplyEnvironment env, Map<String, Object> content) {
    env.reply(new Message(env.getContext(), MessageType.HISTORY_REPLY, content));
  }

  // ---- complete, inspect, is_complete, interrupt, shutdown ------------------------------------

  // The protocol counts a cursor in code points, Java strings in UTF-16 units: they differ after
  // an emoji or any other character beyond the Basic Multilingual Plane.

  @Override
  public ReplacementOptions complete(String code, int cursor) {
    return session
        .awaitUnlessStartupFailed()
        .map(session -> session.complete(code, charIndex(code, cursor)))
        .map(
            found ->
                new ReplacementOptions(
                    found.matches(),
                    code.codePointCount(0, found.start()),
                    code.codePointCount(0, found.end())))
        .orElse(null);
  }

  @Override
  public DisplayData inspect(String code, int cursor, boolean extraDetail) {
    return session
        .awaitUnlessStartupFailed()
        .flatMap(session -> session.inspect(code, charIndex(code, cursor)))
        .map(DisplayData::new)
        .orElse(null);
  }

  /** The UTF-16 index of the protocol's {@code cursor} (code points), within the code. */
  static int charIndex(String code, int cursor) {
    int codePoints = code.codePointCount(0, code.length());
    return code.offsetByCodePoints(0, Math.max(0, Math.min(cursor, codePoints)));
  }

  @Override
  public String isComplete(String code) {
    return session
        .awaitUnlessStartupFailed()
        .map(session -> session.isComplete(code))
        .map(
            completeness ->
                switch (completeness.status()) {
                  case COMPLETE -> IS_COMPLETE_YES;
                  case INVALID -> IS_COMPLETE_BAD;
                  case INCOMPLETE -> completeness.indent();
                })
        .orElse(IS_COMPLETE_MAYBE);
  }

  @Override
  public void interrupt() {
    session.interrupt();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    session.whenStarted(JShellEvaluator::close);
    super.onShutdown(isRestarting);
  }

  /**
   * jjava's own execute path calls this; this kernel runs cells through {@link
   * #handleExecuteRequest}.
   */
  @Override
  public Object evalRaw(String source) {
    throw new UnsupportedOperationException("cells run through the JShell evaluator");
  }
}
