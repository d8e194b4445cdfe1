package io.baton.runtime.readside;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Questions across executions, answered from the read side (a projection of the journal). It is
 * eventually consistent: an execution shows here shortly after its events are written.
 */
public interface WorkflowIndex {
  /** Ids of RUNNING or PAUSED executions of a workflow, of one version when given. */
  CompletionStage<List<String>> running(String workflowName, Integer version);

  /** Ids of executions of a workflow with this correlation id, newest first. */
  CompletionStage<List<String>> correlated(String workflowName, String correlationId);
}
