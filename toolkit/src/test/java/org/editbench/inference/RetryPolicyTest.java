package org.editbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = RetryPolicy.defaults(5);

  @Test
  void backOffDoublesWithEqualJitterUpToTheCap() {
    Random random = new Random(7);
    for (int retry = 1; retry <= 10; retry++) {
      long full = Math.min(1000L << (retry - 1), 60_000L);
      for (int i = 0; i < 50; i++) {
        long ms = policy.delay(retry, null, random).toMillis();
        assertTrue(ms >= full / 2 && ms <= full, "retry " + retry + ": " + ms + " ms");
      }
    }
  }

  @Test
  void jitterIsRepeatableWithASeed() {
    assertEquals(policy.delay(3, null, new Random(1)), policy.delay(3, null, new Random(1)));
  }

  @Test
  void retryAfterIsHonouredWhenLongerAndCapped() {
    Random random = new Random(3);
    assertEquals(Duration.ofSeconds(30), policy.delay(1, Duration.ofSeconds(30), random));
    assertTrue(
        policy.delay(5, Duration.ofMillis(10), random).toMillis() >= 8000,
        "back-off wins when longer");
    assertEquals(Duration.ofMinutes(10), policy.delay(1, Duration.ofHours(2), random));
  }

  @Test
  void negativeRetriesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults(-1));
  }
}
