package org.editbench.kernel;

import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * jjava's connection with {@link BlockingShellChannel}s for shell and control. jjava builds its
 * polling channels in its constructor; they are left unbound and closed with the rest.
 */
final class ResponsiveConnection extends JupyterConnection {
  private final KernelConnectionProperties properties;
  private final ZMQ.Context context = ZMQ.context(1);
  private final BlockingShellChannel blockingShell;
  private final BlockingShellChannel blockingControl;

  ResponsiveConnection(KernelConnectionProperties properties) throws GeneralSecurityException {
    super(properties);
    this.properties = properties;
    this.blockingShell = new BlockingShellChannel(context, properties, false, this);
    this.blockingControl = new BlockingShellChannel(context, properties, true, this);
  }

  @Override
  public void connect() {
    heartbeat.bind(properties);
    blockingShell.bind(properties);
    blockingControl.bind(properties);
    stdin.bind(properties);
    iopub.bind(properties);
    getIOPub().sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
  }

  @Override
  public synchronized void close() {
    blockingShell.close();
    blockingControl.close();
    super.close();
    context.close();
  }

  @Override
  public void waitUntilClose() {
    blockingShell.waitUntilClose();
    blockingControl.waitUntilClose();
    super.waitUntilClose();
  }
}
