package org.editbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the kernel's IOPub relies on: order kept, callers never wait unasked, replies after all. */
class InOrderSenderTest {
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final List<InOrderSender<String>> senders = new ArrayList<>();

  @AfterEach
  void stopSenders() throws InterruptedException {
    for (InOrderSender<String> sender : senders) {
      sender.close(1000);
    }
  }

  @Test
  void sendsInTheOrderGivenOnItsOwnThread() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    InOrderSender<String> sender =
        started(
            item -> {
              threads.add(Thread.currentThread().getName());
              sent.add(item);
            });
    for (int i = 0; i < 1000; i++) {
      sender.give("m" + i);
    }
    sender.awaitSent();
    assertEquals(1000, sent.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals("m" + i, sent.get(i));
    }
    assertEquals(List.of("test-sender"), threads.stream().distinct().toList());
  }

  @Test
  void givingDoesNotWaitForASendButAwaitingSentDoes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    InOrderSender<String> sender =
        started(
            item -> {
              awaitQuietly(release);
              sent.add(item);
            });
    sender.give("busy");
    sender.give("result");
    // The sends are held: give() returned all the same.
    assertTrue(sent.isEmpty());

    CountDownLatch awaited = new CountDownLatch(1);
    Thread replier =
        new Thread(
            () -> {
              try {
                sender.awaitSent();
                awaited.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    replier.start();
    assertFalse(awaited.await(200, TimeUnit.MILLISECONDS), "awaitSent returned before the sends");
    release.countDown();
    assertTrue(awaited.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("busy", "result"), sent);
  }

  @Test
  void aSendThatFailsDoesNotStopTheOnesAfterIt() throws Exception {
    InOrderSender<String> sender =
        started(
            item -> {
              if (item.equals("bad")) {
                throw new IllegalArgumentException("cannot serialize");
              }
              sent.add(item);
            });
    sender.give("a");
    sender.give("bad");
    sender.give("b");
    sender.awaitSent();
    assertEquals(List.of("a", "b"), sent);
  }

  @Test
  void closingSendsWhatIsQueuedFirst() throws Exception {
    InOrderSender<String> sender =
        started(
            item -> {
              sleepQuietly(5);
              sent.add(item);
            });
    for (int i = 0; i < 20; i++) {
      sender.give("m" + i);
    }
    sender.close(5000);
    assertEquals(20, sent.size());
    assertEquals("m19", sent.get(19));
  }

  @Test
  void awaitingSentDoesNotHangOnASenderThatNeverStartedOrWasStopped() throws Exception {
    InOrderSender<String> neverStarted = new InOrderSender<>("test-sender", sent::add);
    neverStarted.give("lost");
    neverStarted.awaitSent();
    assertTrue(sent.isEmpty());

    CountDownLatch never = new CountDownLatch(1);
    InOrderSender<String> stuck = started(item -> awaitQuietly(never));
    stuck.give("held");
    stuck.give("dropped");
    stuck.close(50);
    stuck.awaitSent();
  }

  /** A started sender, stopped after the test. */
  private InOrderSender<String> started(Consumer<String> send) {
    InOrderSender<String> sender = new InOrderSender<>("test-sender", send);
    sender.start();
    senders.add(sender);
    return sender;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
