package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each way an operator can fail, over real HTTP: the failing task ends FAILED with a reason that
 * says what went wrong, the workflow fails with it, and the task in the other branch of the fork
 * is canceled cleanly rather than left hanging.
 */
class FailurePathsApiTest {
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    api = node.api;
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      script throws       | {"name":"bad","taskReferenceName":"bad","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"throw new Error('no stock')"}} | no stock
      script loops        | {"name":"bad","taskReferenceName":"bad","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"while(true){}"}} | limit
      jq error            | {"name":"bad","taskReferenceName":"bad","type":"JSON_JQ_TRANSFORM","inputParameters":{"queryExpression":".a.b","a":5}} | jq error
      dynamic fork shape  | {"name":"bad","taskReferenceName":"bad","type":"FORK_JOIN_DYNAMIC","dynamicForkTasksParam":"t","inputParameters":{"t":"not a list"}} | must be a list of tasks
      http nothing listens| {"name":"bad","taskReferenceName":"bad","type":"HTTP","inputParameters":{"http_request":{"uri":"http://127.0.0.1:9/none","connectionTimeOut":2000}}} | connection
      switch script       | {"name":"bad","taskReferenceName":"bad","type":"SWITCH","evaluatorType":"graaljs","expression":"$.x.y.z","decisionCases":{"a":[{"name":"n","taskReferenceName":"n","type":"NOOP"}]}} | could not choose a case
      """)
  void theFailingTaskSaysWhyAndNothingElseIsHarmed(String name, String failing, String expected) {
    String wfName = "fail_" + name.trim().replace(' ', '_');
    String def = "{\"name\":\"" + wfName + "\",\"tasks\":[{\"name\":\"fork\",\"taskReferenceName\":\"fork\","
        + "\"type\":\"FORK_JOIN\",\"forkTasks\":[[{\"name\":\"fp_other\",\"taskReferenceName\":\"other\"}],["
        + failing.trim().replace("\"name\":\"bad\"", "\"name\":\"bad\",\"retryCount\":0") + "]]},"
        + "{\"name\":\"join\",\"taskReferenceName\":\"join\",\"type\":\"JOIN\",\"joinOn\":[\"other\",\"bad\"]}]}";
    var registered = api.post("/metadata/workflow", def);
    assertEquals(200, registered.status(), registered.body());
    String id = api.post("/workflow/" + wfName, "{}").body();
    JsonNode wf = Api.eventually(Duration.ofSeconds(20), () -> api.get("/workflow/" + id).json(),
        w -> w.get("status").asText().equals("FAILED"));
    JsonNode bad = null;
    JsonNode other = null;
    for (JsonNode t : wf.get("tasks")) {
      if (t.get("referenceTaskName").asText().equals("bad")) bad = t;
      if (t.get("referenceTaskName").asText().equals("other")) other = t;
    }
    assertEquals("FAILED", bad.get("status").asText());
    assertTrue(bad.get("reasonForIncompletion").asText().contains(expected.trim()), bad.get("reasonForIncompletion").asText());
    assertTrue(wf.get("reasonForIncompletion").asText().contains(bad.get("taskId").asText()));
    assertEquals("CANCELED", other.get("status").asText());
    assertEquals(0, api.get("/tasks/queue/sizes?taskType=fp_other").json().get("fp_other").asInt(),
        "the canceled worker task left its queue");
  }
}
