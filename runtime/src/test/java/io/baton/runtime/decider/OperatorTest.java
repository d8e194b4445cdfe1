package io.baton.runtime.decider;

import static io.baton.runtime.decider.ExecutionFixture.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control flow decided in the decider: no worker round trip for operators. */
class OperatorTest {

  @Test
  void switchByValueParamRunsTheChosenCaseThenGoesOn() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"sw","tasks":[
          {"name":"route","taskReferenceName":"route","type":"SWITCH","evaluatorType":"value-param",
           "expression":"kind","inputParameters":{"kind":"${workflow.input.kind}"},
           "decisionCases":{"a":[{"name":"wa","taskReferenceName":"wa"}],"b":[{"name":"wb","taskReferenceName":"wb"}]},
           "defaultCase":[{"name":"wd","taskReferenceName":"wd"}]},
          {"name":"after","taskReferenceName":"after"}]}"""), "{\"kind\":\"b\"}");
    assertEquals(List.of("route", "wb"), f.refs());
    assertEquals("b", f.task("route").outputData().get("selectedCase").asText());
    assertEquals("[\"b\"]", f.task("route").outputData().get("evaluationResult").toString());
    assertEquals(TaskStatus.COMPLETED, f.task("route").status());
    f.complete("wb", "{}");
    assertEquals("after", f.last().referenceTaskName());
    f.complete("after", "{}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
  }

  @Test
  void switchWithoutAMatchTakesTheDefaultAndAnEmptyDefaultGoesStraightOn() {
    String def = """
        {"name":"sw","tasks":[
          {"name":"route","taskReferenceName":"route","type":"SWITCH","evaluatorType":"javascript",
           "expression":"$.n > 10 ? 'big' : 'small'","inputParameters":{"n":"${workflow.input.n}"},
           "decisionCases":{"big":[{"name":"wbig","taskReferenceName":"wbig"}]}},
          {"name":"after","taskReferenceName":"after"}]}""";
    ExecutionFixture small = new ExecutionFixture().start(parse(def), "{\"n\":3}");
    assertEquals(List.of("route", "after"), small.refs());
    ExecutionFixture big = new ExecutionFixture().start(parse(def), "{\"n\":30}");
    assertEquals(List.of("route", "wbig"), big.refs());
  }

  @Test
  void decisionIsTheOlderFormOfSwitch() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"d","tasks":[{"name":"dec","taskReferenceName":"dec","type":"DECISION",
          "caseValueParam":"c","inputParameters":{"c":"${workflow.input.c}"},
          "decisionCases":{"x":[{"name":"wx","taskReferenceName":"wx"}]}}]}"""), "{\"c\":\"x\"}");
    assertEquals(List.of("dec", "wx"), f.refs());
  }

  @Test
  void aScriptThatThrowsFailsTheSwitchWithItsReason() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"sw","tasks":[{"name":"route","taskReferenceName":"route","type":"SWITCH",
          "evaluatorType":"graaljs","expression":"$.missing.deeper","taskDefinition":{"retryCount":0},
          "decisionCases":{}}]}"""), "{}");
    assertEquals(WorkflowStatus.FAILED, f.state.status());
    assertTrue(f.task("route").reasonForIncompletion().contains("could not choose a case"),
        f.task("route").reasonForIncompletion());
  }

  private static final String FORK = """
      {"name":"fj","tasks":[
        {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
          [{"name":"a1","taskReferenceName":"a1"},{"name":"a2","taskReferenceName":"a2"}],
          [{"name":"b1","taskReferenceName":"b1"}]]},
        {"name":"join","taskReferenceName":"join","type":"JOIN","joinOn":["a2","b1"]},
        {"name":"after","taskReferenceName":"after","inputParameters":{"both":"${join.output}"}}]}""";

  @Test
  void aForkStartsEveryBranchAndTheJoinWaitsForItsTasks() {
    ExecutionFixture f = new ExecutionFixture().start(parse(FORK), "{}");
    assertEquals(List.of("fork", "a1", "b1", "join"), f.refs(), "branches start in one decision");
    assertEquals(5, f.lastEvents.size());
    f.complete("b1", "{\"b\":1}");
    assertEquals(TaskStatus.IN_PROGRESS, f.task("join").status());
    f.complete("a1", "{}");
    assertEquals("a2", f.last().referenceTaskName());
    f.complete("a2", "{\"a\":2}");
    assertEquals(TaskStatus.COMPLETED, f.task("join").status());
    assertEquals("{\"a2\":{\"a\":2},\"b1\":{\"b\":1}}", f.task("join").outputData().toString());
    assertEquals("{\"a2\":{\"a\":2},\"b1\":{\"b\":1}}", f.task("after").inputData().get("both").toString());
  }

  @Test
  void aJoinOnASubsetGoesOnWhileTheOtherBranchStillRuns() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"fj","tasks":[
          {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
            [{"name":"fast","taskReferenceName":"fast"}],[{"name":"slow","taskReferenceName":"slow"}]]},
          {"name":"join","taskReferenceName":"join","type":"JOIN","joinOn":["fast"]},
          {"name":"after","taskReferenceName":"after"}]}"""), "{}");
    f.complete("fast", "{}");
    assertEquals("after", f.last().referenceTaskName());
    f.complete("after", "{}");
    assertEquals(WorkflowStatus.RUNNING, f.state.status(), "the slow branch is still open");
    f.complete("slow", "{}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
  }

  @Test
  void nestedForksJoinInsideOut() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"nf","tasks":[
          {"name":"outer","taskReferenceName":"outer","type":"FORK_JOIN","forkTasks":[
            [{"name":"inner","taskReferenceName":"inner","type":"FORK_JOIN","forkTasks":[
               [{"name":"x","taskReferenceName":"x"}],[{"name":"y","taskReferenceName":"y"}]]},
             {"name":"ij","taskReferenceName":"ij","type":"JOIN","joinOn":["x","y"]}],
            [{"name":"z","taskReferenceName":"z"}]]},
          {"name":"oj","taskReferenceName":"oj","type":"JOIN","joinOn":["ij","z"]}]}"""), "{}");
    assertTrue(f.refs().containsAll(List.of("x", "y", "z", "ij", "oj")), f.refs().toString());
    f.complete("x", "{}").complete("z", "{}");
    assertEquals(TaskStatus.IN_PROGRESS, f.task("oj").status());
    f.complete("y", "{}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
  }

  @Test
  void aDynamicForkRunsTheBranchesItsInputNames() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"df","tasks":[
          {"name":"dyn","taskReferenceName":"dyn","type":"FORK_JOIN_DYNAMIC",
           "dynamicForkTasksParam":"tasks","dynamicForkTasksInputParamName":"inputs",
           "inputParameters":{"tasks":"${workflow.input.tasks}","inputs":"${workflow.input.inputs}"}},
          {"name":"join","taskReferenceName":"join","type":"JOIN"}]}"""),
        "{\"tasks\":[{\"name\":\"img\",\"taskReferenceName\":\"img1\"},{\"name\":\"img\",\"taskReferenceName\":\"img2\"}],"
            + "\"inputs\":{\"img1\":{\"url\":\"a\"},\"img2\":{\"url\":\"b\"}}}");
    assertEquals(List.of("dyn", "img1", "img2", "join"), f.refs());
    assertEquals("a", f.task("img1").inputData().get("url").asText());
    assertEquals("img", f.task("img2").taskType());
    f.complete("img1", "{\"r\":1}").complete("img2", "{\"r\":2}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
    assertEquals(2, f.task("join").outputData().size());
  }

  @Test
  void aDynamicForkByTaskNameAndInputListAndWithZeroBranches() {
    String def = """
        {"name":"df","tasks":[
          {"name":"dyn","taskReferenceName":"dyn","type":"FORK_JOIN_DYNAMIC",
           "inputParameters":{"forkTaskName":"resize","forkTaskInputs":"${workflow.input.list}"}},
          {"name":"join","taskReferenceName":"join","type":"JOIN"}]}""";
    ExecutionFixture two = new ExecutionFixture().start(parse(def), "{\"list\":[{\"w\":1},{\"w\":2}]}");
    assertEquals(List.of("dyn", "resize_0", "resize_1", "join"), two.refs());
    ExecutionFixture none = new ExecutionFixture().start(parse(def), "{\"list\":[]}");
    assertEquals(WorkflowStatus.COMPLETED, none.state.status());
  }

  @Test
  void aDynamicForkInputOfTheWrongShapeFailsWithTheReason() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"df","tasks":[
          {"name":"dyn","taskReferenceName":"dyn","type":"FORK_JOIN_DYNAMIC","taskDefinition":{"retryCount":0},
           "dynamicForkTasksParam":"tasks","inputParameters":{"tasks":"${workflow.input.tasks}"}},
          {"name":"join","taskReferenceName":"join","type":"JOIN"}]}"""), "{\"tasks\":{\"not\":\"a list\"}}");
    assertEquals(WorkflowStatus.FAILED, f.state.status());
    assertTrue(f.task("dyn").reasonForIncompletion().contains("must be a list of tasks"),
        f.task("dyn").reasonForIncompletion());
  }

  @Test
  void aDoWhileRunsWhileItsConditionHoldsWithIterationSuffixes() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"loop","tasks":[
          {"name":"loop","taskReferenceName":"loop","type":"DO_WHILE",
           "loopCondition":"$.loop['iteration'] < 3",
           "loopOver":[{"name":"step","taskReferenceName":"step","inputParameters":{"prev":"${step.output.n}"}}]},
          {"name":"after","taskReferenceName":"after","inputParameters":{"last":"${step.output.n}"}}]}"""), "{}");
    assertEquals(List.of("loop", "step__1"), f.refs());
    f.complete("step__1", "{\"n\":1}");
    assertEquals("step__2", f.last().referenceTaskName());
    assertEquals(1, f.task("step__2").inputData().get("prev").asInt(), "a plain ref means the latest iteration");
    assertEquals(2, f.task("step__2").iteration());
    f.complete("step__2", "{\"n\":2}").complete("step__3", "{\"n\":3}");
    assertEquals(TaskStatus.COMPLETED, f.task("loop").status());
    assertEquals(3, f.task("loop").outputData().get("iteration").asInt());
    assertEquals(2, f.task("loop").outputData().get("2").get("step").get("n").asInt());
    assertEquals(3, f.task("after").inputData().get("last").asInt());
  }

  @Test
  void aDoWhileOverItemsExposesEachItemAndKeepsTheLastN() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"items","tasks":[
          {"name":"each","taskReferenceName":"each","type":"DO_WHILE","items":"${workflow.input.list}",
           "inputParameters":{"keepLastN":2},
           "loopOver":[{"name":"use","taskReferenceName":"use",
              "inputParameters":{"item":"${each.output.loopItem}","index":"${each.output.loopIndex}"}}]}]}"""),
        "{\"list\":[\"a\",\"b\",\"c\"]}");
    for (int i = 1; i <= 3; i++) {
      assertEquals(List.of("a", "b", "c").get(i - 1), f.task("use__" + i).inputData().get("item").asText());
      assertEquals(i - 1, f.task("use__" + i).inputData().get("index").asInt());
      f.complete("use__" + i, "{\"i\":" + i + "}");
    }
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
    var out = f.task("each").outputData();
    assertFalse(out.has("1"), "keepLastN 2 drops iteration 1: " + out);
    assertTrue(out.has("2") && out.has("3"), out.toString());
    assertEquals(List.of("each", "use__2", "use__3"), f.refs(), "iteration 1's task left the execution too");
  }

  @Test
  void aLongLoopWithKeepLastNHoldsOnlyItsLastIterationsAndReplaysToTheSameState() throws Exception {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"long","tasks":[
          {"name":"loop","taskReferenceName":"loop","type":"DO_WHILE","inputParameters":{"keepLastN":2},
           "loopCondition":"$.loop['iteration'] < 6",
           "loopOver":[{"name":"step","taskReferenceName":"step"},
              {"name":"inner","taskReferenceName":"inner","type":"DO_WHILE","loopCondition":"$.inner['iteration'] < 2",
               "loopOver":[{"name":"leaf","taskReferenceName":"leaf"}]}]},
          {"name":"after","taskReferenceName":"after","inputParameters":{"last":"${step.output.n}"}}]}"""), "{}");
    String removedId = f.task("step__1").taskId();
    for (int i = 1; i <= 6; i++) {
      f.complete("step__" + i, "{\"n\":" + i + "}");
      f.complete("leaf__" + i + "__1", "{}").complete("leaf__" + i + "__2", "{}");
      if (i == 3) {
        assertEquals(List.of("loop", "step__2", "inner__2", "leaf__2__1", "leaf__2__2",
            "step__3", "inner__3", "leaf__3__1", "leaf__3__2", "step__4"), f.refs(),
            "after iteration 3, iterations 2 and 3 are kept and 4 has begun");
        var removal = f.lastEvents.stream()
            .filter(e -> e instanceof WorkflowEvent.IterationsRemoved).toList();
        assertEquals(1, removal.size(), f.lastEvents.toString());
      }
    }
    assertEquals(List.of("loop", "step__5", "inner__5", "leaf__5__1", "leaf__5__2",
        "step__6", "inner__6", "leaf__6__1", "leaf__6__2", "after"), f.refs());
    assertEquals(6, f.task("after").inputData().get("last").asInt());
    assertEquals(TaskStatus.COMPLETED, f.task("loop").status());
    assertEquals(6, f.task("loop").outputData().get("iteration").asInt());

    List<Integer> seqs = f.state.tasks().stream().map(TaskState::seq).toList();
    assertEquals(seqs.stream().sorted().distinct().toList(), seqs, "positions stay unique and in order: " + seqs);

    f.report(removedId, "COMPLETED", "{}", null);
    assertTrue(f.lastEvents.isEmpty(), "an update of a removed task changes nothing: " + f.lastEvents);
    assertNotNull(f.lastRejection, "and is refused");

    assertEquals(f.state, f.replayedFromJournal(), "the journal, written and read back, replays to the same state");
  }

  @Test
  void keepLastNAlsoRemovesTheBranchesADynamicForkInTheBodyGenerated() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"dl","tasks":[
          {"name":"loop","taskReferenceName":"loop","type":"DO_WHILE","items":"${workflow.input.list}",
           "inputParameters":{"keepLastN":1},
           "loopOver":[
             {"name":"dyn","taskReferenceName":"dyn","type":"FORK_JOIN_DYNAMIC",
              "inputParameters":{"forkTaskName":"resize","forkTaskInputs":"${workflow.input.branches}"}},
             {"name":"join","taskReferenceName":"join","type":"JOIN"}]}]}"""),
        "{\"list\":[1,2,3],\"branches\":[{\"w\":1},{\"w\":2}]}");
    for (int i = 1; i <= 3; i++) {
      List<String> open = f.state.openTasks().stream().filter(t -> t.taskType().equals("resize"))
          .map(TaskState::referenceTaskName).toList();
      assertEquals(2, open.size(), "two generated branches in iteration " + i + ": " + f.refs());
      for (String ref : open) f.complete(ref, "{}");
      if (i == 2) {
        assertTrue(f.refs().stream().noneMatch(r -> r.endsWith("__1")), "iteration 1 is gone: " + f.refs());
        assertEquals(9, f.refs().size(), "the loop, iteration 2 (fork, 2 branches, join) and iteration 3: " + f.refs());
      }
    }
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
    assertEquals(5, f.refs().size(), f.refs().toString());
    assertTrue(f.refs().stream().skip(1).allMatch(r -> r.endsWith("__3")), "only the last iteration is kept: " + f.refs());
  }

  @Test
  void aForkInsideALoopGetsSuffixedRefsAndJoinsPerIteration() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"fl","tasks":[{"name":"loop","taskReferenceName":"loop","type":"DO_WHILE",
          "loopCondition":"$.loop['iteration'] < 2","loopOver":[
            {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
              [{"name":"p","taskReferenceName":"p"}],[{"name":"q","taskReferenceName":"q"}]]},
            {"name":"join","taskReferenceName":"join","type":"JOIN","joinOn":["p","q"]}]}]}"""), "{}");
    f.complete("p__1", "{}").complete("q__1", "{}");
    assertTrue(f.refs().contains("p__2"), f.refs().toString());
    f.complete("p__2", "{}").complete("q__2", "{}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
  }

  @Test
  void setVariableUpdatesWorkflowVariablesForLaterTasks() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"v","variables":{"keep":1},"tasks":[
          {"name":"set","taskReferenceName":"set","type":"SET_VARIABLE","inputParameters":{"total":"${workflow.input.n}"}},
          {"name":"use","taskReferenceName":"use","inputParameters":{"t":"${workflow.variables.total}"}}]}"""),
        "{\"n\":9}");
    assertEquals(9, f.state.variables().get("total").asInt());
    assertEquals(1, f.state.variables().get("keep").asInt());
    assertEquals(9, f.task("use").inputData().get("t").asInt());
  }

  @Test
  void terminateEndsTheWorkflowWithItsStatusOutputAndReasonAndCancelsTheRest() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"t","tasks":[
          {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
            [{"name":"busy","taskReferenceName":"busy"}],
            [{"name":"stop","taskReferenceName":"stop","type":"TERMINATE",
              "inputParameters":{"terminationStatus":"FAILED","terminationReason":"bad order",
                                 "workflowOutput":{"why":"${workflow.input.w}"}}}]]},
          {"name":"join","taskReferenceName":"join","type":"JOIN","joinOn":["busy","stop"]}]}"""), "{\"w\":\"x\"}");
    assertEquals(WorkflowStatus.FAILED, f.state.status());
    assertEquals("bad order", f.state.reasonForIncompletion());
    assertEquals("x", f.state.output().get("why").asText());
    assertEquals(TaskStatus.COMPLETED, f.task("stop").status());
    assertEquals(TaskStatus.CANCELED, f.task("busy").status());
  }

  @Test
  void inlineAndJqComputeInTheDecision() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"c","tasks":[
          {"name":"js","taskReferenceName":"js","type":"INLINE","inputParameters":{
            "evaluatorType":"graaljs","expression":"({sum: $.a + $.b})","a":"${workflow.input.a}","b":2}},
          {"name":"jq","taskReferenceName":"jq","type":"JSON_JQ_TRANSFORM","inputParameters":{
            "queryExpression":".v | .[] | . * 10","v":[1,2]}},
          {"name":"w","taskReferenceName":"w","inputParameters":{"s":"${js.output.result.sum}","r":"${jq.output.result}"}}]}"""),
        "{\"a\":40}");
    assertEquals(42, f.task("js").outputData().get("result").get("sum").asInt());
    assertEquals("[10,20]", f.task("jq").outputData().get("resultList").toString());
    assertEquals(42, f.task("w").inputData().get("s").asInt());
    assertEquals(10, f.task("w").inputData().get("r").asInt());
  }

  @Test
  void aScriptThatLoopsForeverOrAJqErrorFailsTheTaskWithAReason() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"c","tasks":[{"name":"js","taskReferenceName":"js","type":"INLINE","taskDefinition":{"retryCount":0},
          "inputParameters":{"evaluatorType":"graaljs","expression":"while(true){}"}}]}"""), "{}");
    assertEquals(WorkflowStatus.FAILED, f.state.status());
    assertTrue(f.task("js").reasonForIncompletion().contains("limit"), f.task("js").reasonForIncompletion());
    ExecutionFixture g = new ExecutionFixture().start(parse("""
        {"name":"c","tasks":[{"name":"jq","taskReferenceName":"jq","type":"JSON_JQ_TRANSFORM","taskDefinition":{"retryCount":0},
          "inputParameters":{"queryExpression":".a.b","a":5}}]}"""), "{}");
    assertEquals(WorkflowStatus.FAILED, g.state.status());
    assertTrue(g.task("jq").reasonForIncompletion().startsWith("jq error"), g.task("jq").reasonForIncompletion());
  }

  @Test
  void waitEndsAtItsTimeAndHumanAndBareWaitEndOnAnUpdate() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"w","tasks":[
          {"name":"nap","taskReferenceName":"nap","type":"WAIT","inputParameters":{"duration":"1 minute 30s"}},
          {"name":"ask","taskReferenceName":"ask","type":"HUMAN"},
          {"name":"hold","taskReferenceName":"hold","type":"WAIT"}]}"""), "{}");
    assertEquals(TaskStatus.IN_PROGRESS, f.task("nap").status());
    assertEquals(f.now + 90_000, Deadlines.next(f.state));
    f.later(89_999).tick();
    assertEquals(TaskStatus.IN_PROGRESS, f.task("nap").status());
    f.later(1).tick();
    assertEquals(TaskStatus.COMPLETED, f.task("nap").status());
    assertEquals(TaskStatus.IN_PROGRESS, f.task("ask").status());
    assertEquals(Long.MAX_VALUE, Deadlines.next(f.state), "a HUMAN task has no deadline");
    f.lease(f.task("ask").taskId());
    assertEquals(Rejection.Kind.CONFLICT, f.lastRejection.kind(), "operators are never polled");
    f.report(f.task("ask").taskId(), "COMPLETED", "{\"ok\":true}", null);
    f.report(f.task("hold").taskId(), "COMPLETED", "{}", null);
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
  }

  @Test
  void aBadWaitDurationFailsTheTask() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"w","tasks":[{"name":"nap","taskReferenceName":"nap","type":"WAIT","taskDefinition":{"retryCount":0},
          "inputParameters":{"duration":"soon"}}]}"""), "{}");
    assertEquals(WorkflowStatus.FAILED, f.state.status());
    assertTrue(f.task("nap").reasonForIncompletion().contains("duration 'soon'"));
  }

  @Test
  void dynamicRunsTheTaskItsInputNames() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"d","tasks":[{"name":"pick","taskReferenceName":"pick","type":"DYNAMIC",
          "dynamicTaskNameParam":"which","inputParameters":{"which":"${workflow.input.t}","x":1}}]}"""),
        "{\"t\":\"charge_card\"}");
    assertEquals("charge_card", f.task("pick").taskType());
    assertTrue(f.task("pick").workerTask());
    f.complete("pick", "{}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
  }

  @Test
  void aSwitchCanChooseABranchHoldingADynamicFork() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"sd","tasks":[{"name":"route","taskReferenceName":"route","type":"SWITCH",
          "evaluatorType":"value-param","expression":"k","inputParameters":{"k":"fan"},
          "decisionCases":{"fan":[
            {"name":"dyn","taskReferenceName":"dyn","type":"FORK_JOIN_DYNAMIC",
             "inputParameters":{"forkTaskName":"leaf","forkTaskInputs":[{},{}]}},
            {"name":"join","taskReferenceName":"join","type":"JOIN"}]}}]}"""), "{}");
    assertEquals(List.of("route", "dyn", "leaf_0", "leaf_1", "join"), f.refs());
    f.complete("leaf_0", "{}").complete("leaf_1", "{}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
  }

  @Test
  void aSubWorkflowAttemptStartsAChildWithAnIdDerivedFromItsTaskAndEndsWithTheChild() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"p","tasks":[{"name":"s","taskReferenceName":"s","type":"SUB_WORKFLOW","retryCount":0,
          "subWorkflowParam":{"name":"child"}}]}"""), "{}");
    var sub = f.task("s");
    assertEquals(TaskStatus.IN_PROGRESS, sub.status());
    assertEquals(ChildIds.of(sub.taskId()), sub.subWorkflowId());
    assertEquals(sub.subWorkflowId(), sub.outputData().get("subWorkflowId").asText());
    assertTrue(f.lastEvents.stream().anyMatch(e -> e instanceof io.baton.runtime.execution.WorkflowEvent.SubWorkflowStarted));
    f.report(sub.taskId(), "COMPLETED", "{\"fromChild\":1}", null);
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
    assertEquals(1, f.state.output().get("fromChild").asInt());
  }

  @Test
  void startWorkflowCompletesAtOnceWithTheNewIdAndNeedsAName() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"p","tasks":[{"name":"k","taskReferenceName":"k","type":"START_WORKFLOW",
          "inputParameters":{"startWorkflow":{"name":"other","input":{"a":1}}}}]}"""), "{}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
    assertEquals(ChildIds.of(f.task("k").taskId()), f.task("k").outputData().get("workflowId").asText());
    ExecutionFixture bad = new ExecutionFixture().start(parse("""
        {"name":"p","tasks":[{"name":"k","taskReferenceName":"k","type":"START_WORKFLOW","inputParameters":{}}]}"""), "{}");
    assertEquals(WorkflowStatus.FAILED, bad.state.status());
    assertTrue(bad.state.reasonForIncompletion().contains("startWorkflow"), bad.state.reasonForIncompletion());
  }

  @Test
  void aLoopWhoseBodyNeedsNoWorkerRunsEveryIterationInOneDecision() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"l","tasks":[{"name":"loop","taskReferenceName":"loop","type":"DO_WHILE",
          "loopCondition":"$.loop['iteration'] < 4","loopOver":[{"name":"calc","taskReferenceName":"calc",
            "type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"$.i * 2","i":"${loop.output.iteration}"}}]}],
         "outputParameters":{"last":"${calc.output.result}"}}"""), "{}");
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
    assertEquals(8, f.state.output().get("last").asInt());
    assertEquals(List.of("loop", "calc__1", "calc__2", "calc__3", "calc__4"), f.refs());
  }

  @Test
  void aSwitchInsideASwitchCase() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"nested","tasks":[{"name":"outer","taskReferenceName":"outer","type":"SWITCH",
          "evaluatorType":"value-param","expression":"a","inputParameters":{"a":"${workflow.input.a}"},
          "decisionCases":{"x":[{"name":"inner","taskReferenceName":"inner","type":"SWITCH",
             "evaluatorType":"javascript","expression":"$.b == 1 ? 'one' : 'other'","inputParameters":{"b":"${workflow.input.b}"},
             "decisionCases":{"one":[{"name":"w1","taskReferenceName":"w1"}]},
             "defaultCase":[{"name":"w2","taskReferenceName":"w2"}]}]}},
          {"name":"after","taskReferenceName":"after"}]}"""), "{\"a\":\"x\",\"b\":1}");
    assertEquals(List.of("outer", "inner", "w1"), f.refs());
    f.complete("w1", "{}");
    assertEquals("after", f.last().referenceTaskName());
  }
}
