package org.editbench.kernel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
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
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.editbench.notebook.CellException;
import org.editbench.notebook.CellOutput;
import org.editbench.notebook.EvaluatorConfig;
import org.editbench.notebook.JShellEvaluator;
import org.editbench.notebook.MimeBundle;

/**
 * The Jupyter side of the toolkit's {@link JShellEvaluator}: jjava handles the wire protocol, this
 * class turns requests into evaluator calls and evaluator output into messages.
 *
 * <p>The evaluator starts on a background thread after the first {@code kernel_info} reply, so that
 * reply goes out at once, and warms up there ({@link JShellEvaluator#warmUp()}); the first cell
 * waits for what is left of that (a second or so of compiler warm-up).
 */
final class EditBenchKernel extends BaseKernel {
  private final EvaluatorConfig config;
  private final CellHistory history;

  /**
   * Guards starting the session. Not the kernel's own monitor: handleExecuteRequest holds that for
   * a whole cell, and an interrupt must get through while a cell runs.
   */
  private final Object sessionStart = new Object();

  private volatile CompletableFuture<JShellEvaluator> evaluator;

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
    this.config = config;
    this.history = history;
  }

  /**
   * Starts the session on a background thread, once. The kernel calls this after its first
   * kernel_info reply: the second of compiler warm-up then does not compete with that reply for the
   * processor, and the first cell waits only for what is left of it.
   */
  private CompletableFuture<JShellEvaluator> evaluator() {
    synchronized (sessionStart) {
      if (evaluator == null) {
        evaluator =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    JShellEvaluator session = JShellEvaluator.start(config, new StartupOutput());
                    session.warmUp();
                    return session;
                  } catch (CellException e) {
                    throw new CompletionException(e);
                  }
                });
      }
      return evaluator;
    }
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
    try {
      Optional<MimeBundle> value =
          session().execute("In [" + count + "]", request.getCode(), output);
      if (value.isPresent() && !request.isSilent()) {
        env.publish(new PublishExecuteResult(count, displayData(value.get())));
      }
      historyOutput = value.map(MimeBundle::text).orElse("");
    } catch (CellException e) {
      failure = e;
      historyOutput = e.ename() + ": " + e.evalue();
      env.publish(new PublishError(e.ename(), e.evalue(), e.traceback()));
    }
    if (counted) {
      history.record(count, request.getCode(), historyOutput);
    }
    // Idle goes out before the reply: a client holding the reply then finds every output of the
    // cell already on IOPub, however busy the machine.
    env.setStatusIdle();
    if (failure == null) {
      env.reply(new ExecuteReplyWithPayload(count, output.payload));
    } else {
      ErrorReply reply = new ErrorReply(failure.ename(), failure.evalue(), failure.traceback());
      reply.setExecutionCount(count);
      env.replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }
  }

  /** Acts on the session if it was started; interrupting or closing must not start one. */
  private void whenStarted(Consumer<JShellEvaluator> action) {
    CompletableFuture<JShellEvaluator> started = evaluator;
    if (started != null) {
      started.thenAccept(action);
    }
  }

  /**
   * The session, once started; a startup failure (a bad startup script) fails every cell with it.
   */
  private JShellEvaluator session() throws CellException {
    try {
      return evaluator().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof CellException startup) {
        throw startup;
      }
      throw e;
    }
  }

  /** The session for requests that show no error (complete, inspect): none when startup failed. */
  private Optional<JShellEvaluator> startedSession() {
    try {
      return Optional.of(session());
    } catch (CellException startupFailed) {
      return Optional.empty();
    }
  }

  static DisplayData displayData(MimeBundle bundle) {
    DisplayData data = new DisplayData();
    bundle.data().forEach(data::putData);
    bundle.metadata().forEach(data::putMetaData);
    return data;
  }

  /**
   * A cell's output as IOPub messages, sent as it comes; pager text kept for the reply's payload.
   */
  private static final class MessageOutput implements CellOutput {
    private final ShellReplyEnvironment env;
    private final boolean silent;
    final List<Map<String, Object>> payload = new ArrayList<>();

    MessageOutput(ShellReplyEnvironment env, boolean silent) {
      this.env = env;
      this.silent = silent;
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

  /** Startup scripts' output belongs to no cell: it goes to the kernel's log (its stderr). */
  private static final class StartupOutput implements CellOutput {
    private final PrintStream log = System.err;

    @Override
    public void stdout(String text) {
      log.print(text);
    }

    @Override
    public void stderr(String text) {
      log.print(text);
    }

    @Override
    public void display(MimeBundle bundle) {
      log.println(bundle.text());
    }

    @Override
    public void clearOutput(boolean wait) {}

    @Override
    public void page(MimeBundle bundle) {
      display(bundle);
    }
  }

  // ---- kernel_info, history
  // -----------------------------------------------------------------------

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
    evaluator();
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

  // ---- complete, inspect, is_complete, interrupt, shutdown
  // ------------------------------------------

  @Override
  public ReplacementOptions complete(String code, int cursor) {
    return startedSession()
        .map(session -> session.complete(code, cursor))
        .map(found -> new ReplacementOptions(found.matches(), found.start(), found.end()))
        .orElse(null);
  }

  @Override
  public DisplayData inspect(String code, int cursor, boolean extraDetail) {
    return startedSession()
        .flatMap(session -> session.inspect(code, cursor))
        .map(DisplayData::new)
        .orElse(null);
  }

  @Override
  public String isComplete(String code) {
    return startedSession()
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
    whenStarted(JShellEvaluator::interrupt);
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    whenStarted(JShellEvaluator::close);
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
