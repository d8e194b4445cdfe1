package io.baton.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowDef;
import java.util.Map;

/** Conductor's StartWorkflowRequest. */
public record StartRequest(String name, Integer version, String correlationId, ObjectNode input,
    Map<String, String> taskToDomain, WorkflowDef workflowDef, Integer priority,
    String idempotencyKey, String idempotencyStrategy) {}
