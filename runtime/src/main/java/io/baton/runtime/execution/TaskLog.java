package io.baton.runtime.execution;

/** One line a worker logged against a task. */
public record TaskLog(String taskId, String log, long createdTime) {}
