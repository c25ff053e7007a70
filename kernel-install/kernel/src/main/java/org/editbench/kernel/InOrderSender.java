package org.editbench.kernel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what it is given on a thread of its own, one at a time, in the order given. Callers do not
 * wait for a send unless they ask to ({@link #awaitSent()}).
 *
 * @param <T> what is sent
 */
final class InOrderSender<T> {
  private static final Logger LOG = LoggerFactory.getLogger(InOrderSender.class);

  /** Ends the sending thread once everything given before it is sent. */
  private static final Object END = new Object();

  private final Consumer<T> send;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Object progress = new Object();
  private final Thread sender;

  /** Items given so far, and of them sent (or failed); guarded by {@link #progress}. */
  private long given;

  private long sent;

  /**
   * @param send sends one item; an exception it throws is logged and the next item sent
   */
  InOrderSender(String threadName, Consumer<T> send) {
    this.send = send;
    this.sender = new Thread(this::sendInOrder, threadName);
    sender.setDaemon(true);
  }

  void start() {
    sender.start();
  }

  /** Queues {@code item}; it is sent after every item given before it. */
  void give(T item) {
    synchronized (progress) {
      given++;
      queue.add(item);
    }
  }

  /**
   * Returns once every item given so far has been sent, or the sending thread has ended (closed or
   * never started).
   */
  void awaitSent() throws InterruptedException {
    synchronized (progress) {
      long target = given;
      while (sent < target && sender.isAlive()) {
        progress.wait(100);
      }
    }
  }

  @SuppressWarnings("unchecked") // only give() queues anything but END
  private void sendInOrder() {
    try {
      for (Object item = queue.take(); item != END; item = queue.take()) {
        try {
          send.accept((T) item);
        } catch (RuntimeException e) {
          // One item that cannot be sent must not stop the ones after it. Not the item itself in
          // the log: it may be a cell's output.
          LOG.warn("{}: sending item {} failed", Thread.currentThread().getName(), sent + 1, e);
        }
        synchronized (progress) {
          sent++;
          progress.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /**
   * Sends what is queued, waiting {@code waitMillis} (more than 0) at most, then stops the thread:
   * what is still queued then is dropped.
   */
  void close(long waitMillis) throws InterruptedException {
    if (sender.isAlive()) {
      queue.add(END);
      sender.join(waitMillis);
      sender.interrupt();
    }
  }
}
