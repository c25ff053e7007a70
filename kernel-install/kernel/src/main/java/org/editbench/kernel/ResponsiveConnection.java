package org.editbench.kernel;

import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * jjava's connection with {@link BlockingShellChannel}s for shell and control, and a {@link
 * BackgroundIOPubChannel} on the same ZeroMQ context as they are; each reply waits until what was
 * published before it is handed to ZeroMQ.
 *
 * <p>Why one context: each context sends through its own I/O thread. With IOPub on another one, a
 * cell's last outputs could reach a client after the execute_reply that follows them — on a busy
 * machine by more than the tenth of a second that clients such as jupyter_kernel_test wait. jjava
 * builds its own channels in its constructor; those are left unbound and closed with the rest.
 */
final class ResponsiveConnection extends JupyterConnection {
  private final KernelConnectionProperties properties;
  private final ZMQ.Context context = ZMQ.context(1);
  private final BlockingShellChannel blockingShell;
  private final BlockingShellChannel blockingControl;
  private final BackgroundIOPubChannel sharedIopub;

  ResponsiveConnection(KernelConnectionProperties properties) throws GeneralSecurityException {
    super(properties);
    this.properties = properties;
    this.sharedIopub = new BackgroundIOPubChannel(context, properties.createHMACGenerator());
    this.blockingShell = new BlockingShellChannel(context, properties, false, this, sharedIopub);
    this.blockingControl = new BlockingShellChannel(context, properties, true, this, sharedIopub);
  }

  @Override
  public void connect() {
    heartbeat.bind(properties);
    blockingShell.bind(properties);
    blockingControl.bind(properties);
    stdin.bind(properties);
    sharedIopub.bind(properties);
    sharedIopub.sendMessage(
        new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
  }

  @Override
  public IOPubChannel getIOPub() {
    return sharedIopub;
  }

  @Override
  public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext context) {
    return new ReplyEnvironment(shell, stdin, sharedIopub, context);
  }

  /**
   * Hands what IOPub has queued to ZeroMQ and gives its I/O thread {@code millis} to send it: for a
   * JVM that ends without closing the connection.
   */
  void flushIoPub(long millis) {
    sharedIopub.awaitPublished();
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    blockingShell.close();
    blockingControl.close();
    sharedIopub.close();
    super.close();
    context.close();
  }

  @Override
  public void waitUntilClose() {
    blockingShell.waitUntilClose();
    blockingControl.waitUntilClose();
    super.waitUntilClose();
  }

  /** jjava's reply environment, built here because its constructor is protected. */
  private static final class ReplyEnvironment extends ShellReplyEnvironment {
    ReplyEnvironment(
        ShellChannel shell, StdinChannel stdin, IOPubChannel iopub, MessageContext context) {
      super(shell, stdin, iopub, context);
    }
  }
}
