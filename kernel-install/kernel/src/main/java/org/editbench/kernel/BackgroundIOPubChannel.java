package org.editbench.kernel;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * An IOPub channel that publishes from a thread of its own, in the order messages are given, as
 * ipykernel's IOPub thread does: a cell's thread hands over {@code busy}, {@code execute_input} and
 * its outputs and goes on, while signing, serializing and waking ZeroMQ's I/O thread happen beside
 * it.
 *
 * <p>Why: publishing {@code busy} on the cell's thread stalled it for about a millisecond on
 * average before the cell had even started compiling (on 2 cores, the thread that wakes ZeroMQ's
 * I/O thread is often descheduled). {@code 1 + 1} round trips: p50 about 1 ms lower in the same
 * benchmark run (README, "Java kernel").
 *
 * <p>{@link #awaitPublished()} keeps the protocol's order across channels: the shell channel calls
 * it before each reply, so a client holding a reply finds every message published before it already
 * handed to ZeroMQ.
 */
final class BackgroundIOPubChannel extends IOPubChannel {
  /** How long {@link #close()} waits for messages still queued. */
  private static final long CLOSE_WAIT_MILLIS = 2_000;

  private final InOrderSender<Message<?>> publisher =
      new InOrderSender<>("iopub", super::sendMessage);

  BackgroundIOPubChannel(ZMQ.Context context, HMACGenerator hmac) {
    super(context, hmac);
  }

  @Override
  public void bind(KernelConnectionProperties properties) {
    super.bind(properties);
    publisher.start();
  }

  /** Queues the message; it is published after every message given before it. */
  @Override
  public void sendMessage(Message<?> message) {
    publisher.give(message);
  }

  /** Returns once every message given so far has been handed to ZeroMQ (or the channel closed). */
  void awaitPublished() {
    try {
      publisher.awaitSent();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Publishes what is queued (waiting two seconds at most), then closes the socket. */
  @Override
  public void close() {
    try {
      publisher.close(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.close();
  }
}
