package io.baton.runtime.entity;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.execution.TaskState;

/** A task with the workflow facts its JSON carries. */
public record TaskView(TaskState task, String workflowType, int workflowVersion,
    String correlationId, int workflowPriority) implements CborSerializable {}
