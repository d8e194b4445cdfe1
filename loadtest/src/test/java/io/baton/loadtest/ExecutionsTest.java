package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionsTest {
  private final List<Executions.Finished> finished = new ArrayList<>();

  @Test
  void finishesWhenTheLastTaskIsAcknowledged() {
    Executions e = new Executions(3, finished::add);
    e.started("w", 100);
    e.taskDone("w", 200);
    e.taskDone("w", 300);
    assertEquals(List.of(), finished);
    assertEquals(1, e.openCount());
    assertEquals(List.of("w"), e.openIds());
    assertEquals(List.of(100L), e.openStarts());
    e.taskDone("w", 400);
    assertEquals(List.of(new Executions.Finished("w", 100, 400)), finished);
    assertEquals(300, finished.get(0).latencyNanos());
    assertEquals(0, e.openCount());
    assertEquals(List.of(), e.openIds());
    assertEquals(List.of("w"), e.finishedIds());
  }

  @Test
  void aWorkerMayAcknowledgeBeforeTheStartIsAnswered() {
    Executions e = new Executions(1, finished::add);
    e.taskDone("w", 250);
    assertEquals(0, e.openCount(), "not started yet as far as the load generator knows");
    assertEquals(List.of(), e.openIds());
    assertEquals(List.of(), finished);
    e.started("w", 100);
    assertEquals(List.of(new Executions.Finished("w", 100, 250)), finished);
    assertEquals(0, e.openCount());
  }

  @Test
  void theEndIsTheLatestAcknowledgementWhateverTheOrder() {
    Executions e = new Executions(2, finished::add);
    e.started("w", 0);
    e.taskDone("w", 900);
    e.taskDone("w", 700);
    assertEquals(900, finished.get(0).endNanos());
  }

  @Test
  void executionsAreTrackedApart() {
    Executions e = new Executions(1, finished::add);
    e.started("a", 1);
    e.started("b", 2);
    e.taskDone("b", 5);
    assertEquals(List.of(new Executions.Finished("b", 2, 5)), finished);
    assertEquals(1, e.openCount());
  }

  @Test
  void manyThreadsFinishEachExecutionExactlyOnce() throws InterruptedException {
    Executions e = new Executions(10, f -> {
      synchronized (finished) {
        finished.add(f);
      }
    });
    int executions = 2_000;
    Thread starter = new Thread(() -> {
      for (int i = 0; i < executions; i++) e.started("w" + i, i);
    });
    Thread[] workers = new Thread[4];
    for (int t = 0; t < workers.length; t++) {
      int offset = t;
      workers[t] = new Thread(() -> {
        // Worker t acknowledges tasks t, t+4, t+8 of every execution: 10 in all across the four.
        for (int i = 0; i < executions; i++) {
          for (int k = offset; k < 10; k += 4) e.taskDone("w" + i, 1_000_000 + i);
        }
      });
    }
    starter.start();
    for (Thread w : workers) w.start();
    starter.join();
    for (Thread w : workers) w.join();
    assertEquals(executions, finished.size());
    assertEquals(executions, finished.stream().map(Executions.Finished::workflowId).distinct().count());
    assertEquals(0, e.openCount());
    assertEquals(executions, e.finishedIds().size());
  }

  @Test
  void needsAtLeastOneWorkerTask() {
    assertThrows(IllegalArgumentException.class, () -> new Executions(0, f -> {}));
  }
}
