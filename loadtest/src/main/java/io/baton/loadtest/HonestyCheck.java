package io.baton.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads back executions the load generator counted as finished and counts those the server does
 * not report COMPLETED: a server that acknowledges but does not finish must not look fast. One
 * still RUNNING is read again until {@code settle} has passed (a JOIN, say, may finish a moment
 * after the last worker update); those that needed it are reported as late.
 */
final class HonestyCheck {
  record Result(int checked, int notCompleted, int late, int readErrors, Map<String, Integer> notCompletedByStatus) {
    String describe() {
      return "check: read back " + checked + " executions, not COMPLETED " + notCompleted
          + (notCompletedByStatus.isEmpty() ? "" : " " + notCompletedByStatus)
          + ", late " + late + ", read errors " + readErrors;
    }
  }

  private HonestyCheck() {}

  /** All of {@code ids} when there are at most {@code all}, else a random sample of {@code sample}. */
  static List<String> choose(List<String> ids, int all, int sample, Random random) {
    if (ids.size() <= Math.max(all, sample)) return ids;
    List<String> copy = new ArrayList<>(ids);
    Collections.shuffle(copy, random);
    return List.copyOf(copy.subList(0, sample));
  }

  static Result run(ConductorClient client, List<String> ids, Duration settle, int threads) {
    long deadline = System.nanoTime() + settle.toNanos();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger late = new AtomicInteger();
    AtomicInteger readErrors = new AtomicInteger();
    Map<String, Integer> bad = Collections.synchronizedMap(new TreeMap<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
            String status = readUntilSettled(client, ids.get(i), deadline, late, readErrors);
            if (!"COMPLETED".equals(status)) bad.merge(status, 1, Integer::sum);
          }
        }));
      }
      for (Future<?> f : futures) f.get();
    } catch (Exception e) {
      throw new IllegalStateException("read-back check failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
    int notCompleted = bad.values().stream().mapToInt(Integer::intValue).sum();
    return new Result(ids.size(), notCompleted, late.get(), readErrors.get(), Map.copyOf(bad));
  }

  private static String readUntilSettled(ConductorClient client, String id, long deadline, AtomicInteger late,
      AtomicInteger readErrors) {
    boolean retried = false;
    while (true) {
      String status;
      try {
        status = client.workflowStatus(id);
      } catch (ConductorClient.CallFailed e) {
        readErrors.incrementAndGet();
        Errors.note(e);
        status = "UNREADABLE";
      }
      boolean open = "RUNNING".equals(status) || "UNREADABLE".equals(status);
      if (!open || System.nanoTime() >= deadline) {
        if (retried && "COMPLETED".equals(status)) late.incrementAndGet();
        return status;
      }
      retried = true;
      sleepQuietly(100);
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
