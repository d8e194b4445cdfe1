package io.baton.http.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import io.baton.http.support.Api;
import io.baton.http.support.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Conductor Java client, unchanged, against Baton: metadata, start, workers, read. */
class ConductorJavaClientTest {
  private static TestNode node;
  private static ConductorClient client;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    client = new ConductorClient(node.api.base());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void registersStartsAndRunsWorkersWithTheTaskRunner() {
    MetadataClient metadata = new MetadataClient(client);
    List<TaskDef> defs = new ArrayList<>();
    for (String name : List.of("jc_greet", "jc_shout")) {
      TaskDef def = new TaskDef(name);
      def.setRetryCount(1);
      def.setRetryDelaySeconds(0);
      def.setOwnerEmail("team@example.com");
      defs.add(def);
    }
    metadata.registerTaskDefs(defs);
    assertEquals(1, metadata.getTaskDef("jc_greet").getRetryCount());

    WorkflowDef wf = new WorkflowDef();
    wf.setName("jc_workflow");
    wf.setVersion(1);
    wf.setOwnerEmail("team@example.com");
    WorkflowTask greet = new WorkflowTask();
    greet.setName("jc_greet");
    greet.setTaskReferenceName("greet");
    greet.setInputParameters(Map.of("name", "${workflow.input.name}"));
    WorkflowTask shout = new WorkflowTask();
    shout.setName("jc_shout");
    shout.setTaskReferenceName("shout");
    shout.setInputParameters(Map.of("text", "${greet.output.greeting}"));
    wf.setTasks(List.of(greet, shout));
    wf.setOutputParameters(Map.of("result", "${shout.output.loud}"));
    metadata.registerWorkflowDef(wf);
    assertEquals("jc_workflow", metadata.getWorkflowDef("jc_workflow", 1).getName());

    WorkflowClient workflows = new WorkflowClient(client);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      StartWorkflowRequest request = new StartWorkflowRequest();
      request.setName("jc_workflow");
      request.setVersion(1);
      request.setCorrelationId("jc-" + i);
      request.setInput(Map.of("name", "ada" + i));
      ids.add(workflows.startWorkflow(request));
    }

    Worker greeter = Worker.create("jc_greet", task -> {
      TaskResult r = new TaskResult(task);
      r.setStatus(TaskResult.Status.COMPLETED);
      r.addOutputData("greeting", "hello " + task.getInputData().get("name"));
      return r;
    });
    Worker shouter = Worker.create("jc_shout", task -> {
      TaskResult r = new TaskResult(task);
      r.setStatus(TaskResult.Status.COMPLETED);
      r.addOutputData("loud", String.valueOf(task.getInputData().get("text")).toUpperCase());
      r.log("shouted");
      return r;
    });
    TaskRunnerConfigurer runner = new TaskRunnerConfigurer.Builder(new TaskClient(client), List.of(greeter, shouter))
        .withThreadCount(4).build();
    runner.init();
    try {
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        Workflow done = Api.eventually(Duration.ofSeconds(30), () -> workflows.getWorkflow(id, true),
            w -> w.getStatus() == Workflow.WorkflowStatus.COMPLETED);
        assertEquals("HELLO ADA" + i, done.getOutput().get("result"));
        assertEquals(2, done.getTasks().size());
        assertEquals("jc-" + i, done.getCorrelationId());
        assertNotNull(done.getTasks().get(0).getWorkerId());
      }
    } finally {
      runner.shutdown();
    }
  }

  private static WorkflowTask task(String name, String ref, String type) {
    WorkflowTask t = new WorkflowTask();
    t.setName(name);
    t.setTaskReferenceName(ref);
    t.setType(type);
    return t;
  }

  @Test
  void workflowsBuiltFromOperatorsWithTheClientsModelRun() {
    WorkflowTask setVar = task("set", "set", "SET_VARIABLE");
    setVar.setInputParameters(Map.of("size", "${workflow.input.size}"));
    WorkflowTask route = task("route", "route", "SWITCH");
    route.setEvaluatorType("javascript");
    route.setExpression("$.size > 2 ? 'big' : 'small'");
    route.setInputParameters(Map.of("size", "${workflow.variables.size}"));
    WorkflowTask fork = task("fork", "fork", "FORK_JOIN");
    fork.setForkTasks(List.of(List.of(task("jc_op_a", "a", "SIMPLE")), List.of(task("jc_op_b", "b", "SIMPLE"))));
    WorkflowTask join = task("join", "join", "JOIN");
    join.setJoinOn(List.of("a", "b"));
    route.setDecisionCases(Map.of("big", List.of(fork, join)));
    route.setDefaultCase(List.of(task("noop", "noop", "NOOP")));
    WorkflowTask loop = task("loop", "loop", "DO_WHILE");
    loop.setLoopCondition("$.loop['iteration'] < 2");
    WorkflowTask inline = task("calc", "calc", "INLINE");
    inline.setInputParameters(Map.of("evaluatorType", "graaljs", "expression", "$.i * 2", "i", "${loop.output.iteration}"));
    loop.setLoopOver(List.of(inline));
    WorkflowTask jq = task("shape", "shape", "JSON_JQ_TRANSFORM");
    jq.setInputParameters(Map.of("queryExpression", "{doubled: .v}", "v", "${calc.output.result}"));

    WorkflowDef wf = new WorkflowDef();
    wf.setName("jc_operators");
    wf.setVersion(1);
    wf.setOwnerEmail("team@example.com");
    wf.setTasks(List.of(setVar, route, loop, jq));
    wf.setOutputParameters(Map.of("shape", "${shape.output.result}", "route", "${route.output.selectedCase}"));
    new MetadataClient(client).registerWorkflowDef(wf);

    WorkflowClient workflows = new WorkflowClient(client);
    StartWorkflowRequest request = new StartWorkflowRequest();
    request.setName("jc_operators");
    request.setInput(Map.of("size", 5));
    String id = workflows.startWorkflow(request);

    Worker a = Worker.create("jc_op_a", t -> {
      TaskResult r = new TaskResult(t);
      r.setStatus(TaskResult.Status.COMPLETED);
      return r;
    });
    Worker b = Worker.create("jc_op_b", t -> {
      TaskResult r = new TaskResult(t);
      r.setStatus(TaskResult.Status.COMPLETED);
      return r;
    });
    TaskRunnerConfigurer runner = new TaskRunnerConfigurer.Builder(new TaskClient(client), List.of(a, b))
        .withThreadCount(2).build();
    runner.init();
    try {
      Workflow done;
      try {
        done = Api.eventually(Duration.ofSeconds(30), () -> workflows.getWorkflow(id, true),
            w -> w.getStatus().isTerminal());
      } catch (AssertionError stuck) {
        throw new AssertionError(new Api(node.api.base()).get("/workflow/" + id).body(), stuck);
      }
      assertEquals(Workflow.WorkflowStatus.COMPLETED, done.getStatus(), done.getReasonForIncompletion());
      assertEquals("big", done.getOutput().get("route"));
      assertEquals(Map.of("doubled", 4), done.getOutput().get("shape"));
      assertTrue(done.getTasks().stream().anyMatch(t -> t.getReferenceTaskName().equals("calc__2")));
    } finally {
      runner.shutdown();
    }
  }

  @Test
  void errorsReachTheClientAsConductorErrors() {
    WorkflowClient workflows = new WorkflowClient(client);
    StartWorkflowRequest request = new StartWorkflowRequest();
    request.setName("jc_no_such_workflow");
    ConductorClientException e = assertThrows(ConductorClientException.class, () -> workflows.startWorkflow(request));
    assertEquals(404, e.getStatus());
    assertTrue(e.getMessage().contains("jc_no_such_workflow"), e.getMessage());
  }
}
