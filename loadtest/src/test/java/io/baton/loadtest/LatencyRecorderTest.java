package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  private static final long MS = 1_000_000;

  @Test
  void percentilesOfOneToHundredAreNearestRank() {
    LatencyRecorder r = new LatencyRecorder();
    List<Long> values = new ArrayList<>();
    for (long i = 1; i <= 100; i++) values.add(i * MS);
    Collections.shuffle(values, new Random(7));
    values.forEach(r::record);

    LatencyRecorder.Snapshot s = r.snapshot();
    assertEquals(100, s.count());
    assertEquals(50.0, s.percentileMs(50));
    assertEquals(90.0, s.percentileMs(90));
    assertEquals(99.0, s.percentileMs(99));
    assertEquals(100.0, s.percentileMs(100));
    assertEquals(1.0, s.percentileMs(0));
    assertEquals(100.0, s.maxMs());
  }

  @Test
  void smallSamplesRoundTheRankUp() {
    LatencyRecorder r = new LatencyRecorder();
    r.record(30 * MS);
    r.record(10 * MS);
    r.record(20 * MS);
    LatencyRecorder.Snapshot s = r.snapshot();
    // ceil(0.5 * 3) = 2nd smallest; ceil(0.99 * 3) = 3rd.
    assertEquals(20.0, s.percentileMs(50));
    assertEquals(30.0, s.percentileMs(99));
    assertEquals(10.0, s.percentileMs(1));
  }

  @Test
  void oneSlowOutlierShowsInP99AndMaxButNotP50() {
    LatencyRecorder r = new LatencyRecorder();
    for (int i = 0; i < 990; i++) r.record(5 * MS);
    for (int i = 0; i < 10; i++) r.record(2_000 * MS);
    LatencyRecorder.Snapshot s = r.snapshot();
    assertEquals(5.0, s.percentileMs(50));
    assertEquals(5.0, s.percentileMs(99));
    assertEquals(2_000.0, s.percentileMs(99.1));
    assertEquals(2_000.0, s.maxMs());
  }

  @Test
  void keepsSubMillisecondPrecision() {
    LatencyRecorder r = new LatencyRecorder();
    r.record(1_500_000);
    assertEquals(1.5, r.snapshot().percentileMs(50));
  }

  @Test
  void emptyRecorderAnswersNaN() {
    LatencyRecorder.Snapshot s = new LatencyRecorder().snapshot();
    assertEquals(0, s.count());
    assertTrue(Double.isNaN(s.percentileMs(50)));
    assertTrue(Double.isNaN(s.maxMs()));
  }

  @Test
  void refusesNegativeLatencyAndPercentilesOutOfRange() {
    LatencyRecorder r = new LatencyRecorder();
    assertThrows(IllegalArgumentException.class, () -> r.record(-1));
    r.record(MS);
    LatencyRecorder.Snapshot s = r.snapshot();
    assertThrows(IllegalArgumentException.class, () -> s.percentileMs(-0.1));
    assertThrows(IllegalArgumentException.class, () -> s.percentileMs(100.1));
    assertThrows(IllegalArgumentException.class, () -> s.percentileMs(Double.NaN));
  }

  @Test
  void recordsFromManyThreadsWithoutLosingValues() throws InterruptedException {
    LatencyRecorder r = new LatencyRecorder();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 1; i <= 10_000; i++) r.record(i * MS);
      });
      threads[t].start();
    }
    for (Thread t : threads) t.join();
    LatencyRecorder.Snapshot s = r.snapshot();
    assertEquals(40_000, s.count());
    assertEquals(5_000.0, s.percentileMs(50));
    assertEquals(10_000.0, s.maxMs());
  }

  @Test
  void snapshotIsNotChangedByLaterRecords() {
    LatencyRecorder r = new LatencyRecorder();
    r.record(MS);
    LatencyRecorder.Snapshot s = r.snapshot();
    r.record(100 * MS);
    assertEquals(1, s.count());
    assertEquals(1.0, s.maxMs());
  }
}
