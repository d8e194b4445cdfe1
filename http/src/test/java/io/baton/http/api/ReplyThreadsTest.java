package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.TestNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * Answers from actors are handled on the actor system's dispatcher, not on a thread of their own.
 * Pekko's Java API answers with Scala's CompletionStage adapter, which runs what is chained on it
 * on the JDK's default executor; with fewer than 3 cores that executor starts a thread per
 * callback, and every workflow started about eleven. This module's tests run with the common
 * pool's parallelism at 1 (pom.xml), so the executor behaves that way on any machine.
 */
class ReplyThreadsTest {
  private static final int WORKFLOWS = 100;

  @Test
  void workflowsRunWithoutAThreadPerReply() throws Exception {
    try (TestNode node = TestNode.start()) {
      Api api = node.api;
      assertEquals(200, api.post("/metadata/workflow", """
          {"name":"threads_wf","tasks":[
            {"name":"threads_task","taskReferenceName":"a"},
            {"name":"threads_task","taskReferenceName":"b"},
            {"name":"threads_task","taskReferenceName":"c"}]}""").status());
      run(api, 20); // pools and connections that start once are started by now

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long before = threads.getTotalStartedThreadCount();
      run(api, WORKFLOWS);
      long started = threads.getTotalStartedThreadCount() - before;

      assertTrue(started < 40, started + " threads started while " + WORKFLOWS
          + " workflows of 3 tasks ran (" + Runtime.getRuntime().availableProcessors() + " cores)");
    }
  }

  private static void run(Api api, int workflows) {
    for (int i = 0; i < workflows; i++) {
      String id = api.post("/workflow/threads_wf", "{}").body();
      for (int task = 0; task < 3; task++) {
        JsonNode polled = api.get("/tasks/poll/batch/threads_task?count=1&timeout=2000&workerid=w").json();
        assertEquals(1, polled.size(), polled.toString());
        String taskId = polled.get(0).get("taskId").asText();
        assertEquals(200, api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\"" + taskId
            + "\",\"status\":\"COMPLETED\",\"workerId\":\"w\"}").status());
      }
      assertEquals("COMPLETED", api.get("/workflow/" + id + "?includeTasks=false").json().get("status").asText());
    }
  }
}
