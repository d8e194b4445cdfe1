package io.baton.runtime.decider;

import static io.baton.runtime.decider.ExecutionFixture.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.baton.runtime.readside.ExecutionHistory;
import io.baton.runtime.readside.ExecutionHistory.Entry;
import io.baton.runtime.readside.ExecutionHistory.Recorded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who a requeue is attributed to in an execution's history. */
class RequeueHistoryTest {

  private static List<Entry> requeues(ExecutionFixture f) {
    List<Recorded> recorded = new ArrayList<>();
    for (int i = 0; i < f.journal.size(); i++) recorded.add(new Recorded(i + 1, f.journal.get(i)));
    return ExecutionHistory.replay("wf-1", recorded).stream().filter(e -> e.event().equals("TaskRequeued")).toList();
  }

  @Test
  void aSystemTaskLeaseThatOutlivedItsRunnerIsRequeuedByTheTimer() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"t","tasks":[{"name":"call","taskReferenceName":"call","type":"HTTP","inputParameters":{
          "http_request":{"uri":"http://127.0.0.1:9/x","method":"GET"}}}]}"""), "{}");
    String id = f.task("call").taskId();
    f.lease(id).later(SystemTaskLeases.HTTP_CONNECT_TIMEOUT_MILLIS + 2 * SystemTaskLeases.HTTP_READ_TIMEOUT_MILLIS
        + SystemTaskLeases.REPORT_MARGIN_MILLIS).tick();

    List<Entry> requeues = requeues(f);
    assertEquals(1, requeues.size());
    assertEquals("timer", requeues.get(0).causedBy());
    assertNull(requeues.get(0).actor(), "no worker asked for it");
    assertEquals(id, requeues.get(0).taskId());
  }

  @Test
  void aWorkersInProgressReportIsRequeuedByThatWorker() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"t","tasks":[{"name":"work","taskReferenceName":"work","type":"SIMPLE"}]}"""), "{}");
    String id = f.task("work").taskId();
    f.lease(id).report(id, "IN_PROGRESS", "{\"done\":1}", null);

    List<Entry> requeues = requeues(f);
    assertEquals(1, requeues.size());
    assertEquals("worker", requeues.get(0).causedBy());
    assertEquals("worker-1", requeues.get(0).actor());
  }
}
