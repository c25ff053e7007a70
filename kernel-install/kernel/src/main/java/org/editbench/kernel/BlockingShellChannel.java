package org.editbench.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that waits on its socket instead of polling it.
 *
 * <p>Why: jjava's channel polls without waiting and then sleeps 50 ms between polls, so every
 * request waits for the end of that sleep — a {@code 1 + 1} cell then takes 25–50 ms on the wire
 * whatever the kernel does. Blocking in the poll answers as soon as a request arrives. Requests are
 * dispatched to the kernel's handlers exactly as jjava's channel does.
 *
 * <p>When a cell sent with {@code stop_on_error} fails, the execute requests already waiting when
 * its error reply goes out are answered {@code aborted} without running, as ipykernel answers them:
 * "Run All" stops at the first failing cell instead of running the rest on a broken session. They
 * are read before the reply is sent, so that a cell sent after the client saw the failure runs.
 * Other requests waiting meanwhile are handled as usual.
 */
final class BlockingShellChannel extends ShellChannel {
  /** How long one poll blocks; bounds how long closing the channel waits for its thread. */
  private static final long POLL_TIMEOUT_MILLIS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(BlockingShellChannel.class);

  private final boolean isControl;
  private final JupyterConnection connection;
  private final BackgroundIOPubChannel iopub;
  private volatile Loop loop;

  private ZMQ.Poller poller;

  /** The request being handled, on the loop's thread; null between requests. */
  private Message<?> handling;

  /**
   * Requests that were waiting when the one being handled failed with stop_on_error, read before
   * its error reply went out: the client sent them before it could know of the failure.
   */
  private final List<Message<?>> waitingAtFailure = new ArrayList<>();

  BlockingShellChannel(
      ZMQ.Context context,
      KernelConnectionProperties properties,
      boolean isControl,
      JupyterConnection connection,
      BackgroundIOPubChannel iopub)
      throws java.security.GeneralSecurityException {
    super(context, properties.createHMACGenerator(), isControl, connection);
    this.isControl = isControl;
    this.connection = connection;
    this.iopub = iopub;
  }

  /**
   * Sends a reply once everything published before it has been handed to ZeroMQ: a client that
   * holds the reply then finds the request's outputs and status on IOPub.
   */
  @Override
  public void sendMessage(Message<?> message) {
    iopub.awaitPublished();
    if (handling != null
        && message.getHeader().getType().isErrorFor(ExecuteReply.MESSAGE_TYPE)
        && handling.getContent() instanceof ExecuteRequest request
        && request.shouldStopOnError()) {
      // Before the reply: what is waiting now was sent before the client saw the failure.
      while (poller.poll(0) > 0) {
        waitingAtFailure.add(readMessage());
      }
    }
    super.sendMessage(message);
  }

  @Override
  public void bind(KernelConnectionProperties properties) {
    int port = isControl ? properties.getControlPort() : properties.getShellPort();
    bind(formatAddress(properties.getTransport(), properties.getIp(), port));
    poller = ctx.poller(1);
    poller.register(this, ZMQ.Poller.POLLIN);
    // A loop body that blocks in poll() needs no sleep between rounds: 0.
    loop =
        new Loop(
            isControl ? "control" : "shell",
            0,
            () -> {
              if (poller.poll(POLL_TIMEOUT_MILLIS) > 0) {
                dispatch(readMessage());
              }
              // Cells the client sent before it knew of a failure are aborted; the rest is handled.
              while (!waitingAtFailure.isEmpty()) {
                Message<?> waiting = waitingAtFailure.remove(0);
                if (waiting.getHeader().getType().equals(ExecuteRequest.MESSAGE_TYPE)) {
                  abort(waiting);
                } else {
                  dispatch(waiting);
                }
              }
            });
    loop.start();
  }

  /** Answers an execute request {@code {"status": "aborted"}}, between busy and idle. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void abort(Message<?> request) {
    ShellReplyEnvironment env = connection.prepareReplyEnv(this, request);
    env.setStatusBusy();
    env.reply(
        new Message<>(
            env.getContext(),
            (MessageType) ExecuteReply.MESSAGE_TYPE,
            Map.of("status", "aborted")));
    env.setStatusIdle();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void dispatch(Message<?> message) {
    MessageType<?> type = message.getHeader().getType();
    ShellHandler handler = connection.getHandler(type);
    if (handler == null) {
      LOG.warn("no handler for {}", type.getName());
      return;
    }
    ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
    handling = message;
    try {
      handler.handle(env, message);
    } catch (Exception e) {
      LOG.warn("handling {} failed", type.getName(), e);
    } finally {
      env.resolveDeferrals();
      handling = null;
    }
    if (env.isMarkedForShutdown()) {
      connection.close();
    }
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.shutdown();
    }
    super.close();
  }

  @Override
  public void waitUntilClose() {
    Loop running = loop;
    if (running != null && running != Thread.currentThread()) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
