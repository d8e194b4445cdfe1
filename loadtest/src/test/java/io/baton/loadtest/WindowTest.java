package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowTest {
  private static final long S = 1_000_000_000L;

  @Test
  void windowStartsAfterWarmupAndLastsItsDuration() {
    Window w = Window.after(1_000, Duration.ofSeconds(10), Duration.ofSeconds(60));
    assertEquals(1_000 + 10 * S, w.startNanos());
    assertEquals(1_000 + 70 * S, w.endNanos());
    assertEquals(60.0, w.seconds());
  }

  @Test
  void containsIsHalfOpen() {
    Window w = new Window(10 * S, 20 * S);
    assertFalse(w.contains(10 * S - 1));
    assertTrue(w.contains(10 * S));
    assertTrue(w.contains(20 * S - 1));
    assertFalse(w.contains(20 * S));
  }

  @Test
  void rateIsEventsOverWindowSeconds() {
    Window w = Window.after(0, Duration.ZERO, Duration.ofSeconds(30));
    assertEquals(150.0, w.rate(4_500));
    assertEquals(0.0, w.rate(0));
    assertEquals(0.5, Window.after(0, Duration.ZERO, Duration.ofMillis(2_000)).rate(1));
  }

  @Test
  void warmupEventsDoNotCountTowardsTheRate() {
    // 100 events per second for 15 s; the window is [5 s, 15 s): 1,000 events, 100/s.
    Window w = Window.after(0, Duration.ofSeconds(5), Duration.ofSeconds(10));
    long counted = 0;
    for (long t = 0; t < 15 * S; t += S / 100) {
      if (w.contains(t)) counted++;
    }
    assertEquals(1_000, counted);
    assertEquals(100.0, w.rate(counted));
  }

  @Test
  void refusesAnEmptyOrBackwardsWindow() {
    assertThrows(IllegalArgumentException.class, () -> new Window(5, 5));
    assertThrows(IllegalArgumentException.class, () -> new Window(5, 4));
  }
}
