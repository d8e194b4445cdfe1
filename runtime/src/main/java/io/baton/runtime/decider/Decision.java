package io.baton.runtime.decider;

import io.baton.runtime.execution.WorkflowEvent;
import java.util.List;

/**
 * The decider's answer: events to persist in one write, or a rejection. An accepted decision with
 * no events is a no-op that still succeeds (a duplicate update, terminating a finished workflow).
 */
public record Decision(List<WorkflowEvent> events, Rejection rejection) {

  public static Decision accept(List<WorkflowEvent> events) {
    return new Decision(List.copyOf(events), null);
  }

  public static Decision unchanged() {
    return new Decision(List.of(), null);
  }

  public static Decision reject(Rejection rejection) {
    return new Decision(List.of(), rejection);
  }

  public boolean rejected() {
    return rejection != null;
  }
}
