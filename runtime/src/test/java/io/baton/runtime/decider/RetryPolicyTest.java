package io.baton.runtime.decider;

import static io.baton.runtime.decider.ExecutionFixture.taskDef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.runtime.definition.TaskDef;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void fixedDelayIsTheSameEveryTime() {
    TaskDef def = taskDef(3, TaskDef.FIXED, 7, null, null);
    assertEquals(7_000, RetryPolicy.delayMillis(def, 0, "x_1"));
    assertEquals(7_000, RetryPolicy.delayMillis(def, 2, "x_1"));
  }

  @Test
  void linearDelayGrowsWithScaleAndAttempt() {
    TaskDef def = taskDef(3, TaskDef.LINEAR_BACKOFF, 2, 3, null);
    assertEquals(6_000, RetryPolicy.delayMillis(def, 0, "x_1"));
    assertEquals(12_000, RetryPolicy.delayMillis(def, 1, "x_1"));
    assertEquals(18_000, RetryPolicy.delayMillis(def, 2, "x_1"));
  }

  @Test
  void exponentialDelayDoublesAndIsCapped() {
    TaskDef def = taskDef(10, TaskDef.EXPONENTIAL_BACKOFF, 1, null, 5);
    assertEquals(1_000, RetryPolicy.delayMillis(def, 0, "x_1"));
    assertEquals(2_000, RetryPolicy.delayMillis(def, 1, "x_1"));
    assertEquals(4_000, RetryPolicy.delayMillis(def, 2, "x_1"));
    assertEquals(5_000, RetryPolicy.delayMillis(def, 3, "x_1"));
  }

  @Test
  void jitterIsBoundedAndDeterministic() {
    TaskDef base = taskDef(3, TaskDef.FIXED, 1, null, null);
    TaskDef def = new TaskDef(base.name(), null, 3, null, null, null, null, TaskDef.FIXED, 1, 60L,
        null, null, null, null, null, null, null, null, 250L, null, null, null, null);
    long d = RetryPolicy.delayMillis(def, 0, "wf_3");
    assertTrue(d >= 1_000 && d <= 1_250, "delay " + d);
    assertEquals(d, RetryPolicy.delayMillis(def, 0, "wf_3"));
  }
}
